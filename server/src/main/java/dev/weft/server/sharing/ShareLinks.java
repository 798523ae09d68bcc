package dev.weft.server.sharing;

import dev.weft.crdt.Doc;
import dev.weft.server.auth.Access;
import dev.weft.server.auth.ReaderSession;
import dev.weft.server.auth.ReaderTokens;
import dev.weft.server.http.ApiException;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.DocumentStore;
import dev.weft.storage.sharing.DocumentRecord;
import dev.weft.storage.sharing.LinkSessionRecord;
import dev.weft.storage.sharing.ShareLinkRecord;
import dev.weft.storage.sharing.ShareLinkStore;
import dev.weft.storage.sharing.SharingAuditLog;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Share links: created by a document's owner, opened by readers into reader sessions (read-only live sync, with
 * comments if the link allows them), unpublished, republished and revoked. Only a link's creation answers with its
 * token; the database keeps its SHA-256.
 *
 * <p>A reader session lasts {@link #SESSION_LIFETIME}, or until the link expires if that is sooner, and counts
 * towards the link's {@code max_participants} until then. Unpublishing or revoking a link closes its readers'
 * connections at once; a reader token's own expiry ends the others.
 */
final class ShareLinks {
    /** How long a reader session lasts (and its token is valid) at most. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final ShareLinkStore store;
    private final DocumentRecords records;
    private final SharingAuditLog audit;
    private final DocumentStore documents;
    private final Rooms rooms;
    private final ReaderTokens readerTokens;
    private final InstantSource clock;

    ShareLinks(ShareLinkStore store, DocumentRecords records, SharingAuditLog audit, DocumentStore documents,
            Rooms rooms, ReaderTokens readerTokens, InstantSource clock) {
        this.store = store;
        this.records = records;
        this.audit = audit;
        this.documents = documents;
        this.rooms = rooms;
        this.readerTokens = readerTokens;
        this.clock = clock;
    }

    /** A link just created, with its token: the only time the token is seen. */
    record CreatedLink(ShareLinkRecord link, String token) {
    }

    CreatedLink create(Member owner, String document, LinkOptions options) {
        Instant now = clock.instant();
        String token = Secrets.linkToken();
        ShareLinkRecord link = new ShareLinkRecord(Secrets.id(), document, options.allowComments(),
                options.allowAnonymous(), options.maxParticipants(), options.expiresAt(), true, owner.subject(), now, now);
        store.create(link, Secrets.hash(token), Audit.entry(document, owner, Audit.LINK_CREATED, link.id(), now,
                "allow_comments", link.allowComments(), "allow_anonymous", link.allowAnonymous(),
                "max_participants", options.maxParticipants().isPresent() ? options.maxParticipants().getAsInt() : null,
                "expires_at", options.expiresAt().map(Instant::toString).orElse(null))).join();
        return new CreatedLink(link, token);
    }

    List<ShareLinkRecord> list(String document) {
        return store.forDocument(document);
    }

    /** Publishes or unpublishes one of the document's links; unpublishing closes its readers' connections. */
    ShareLinkRecord setPublished(Member owner, String document, String id, boolean published) {
        linkOf(document, id);
        ShareLinkRecord link = store.setPublished(id, published, Audit.entry(document, owner,
                published ? Audit.LINK_REPUBLISHED : Audit.LINK_UNPUBLISHED, id, clock.instant())).join()
                .orElseThrow(() -> noSuchLink(id));
        if (!published) {
            closeReaders(document, store.sessionIds(id));
        }
        return link;
    }

    /** Deletes one of the document's links for good, closing its readers' connections. */
    void revoke(Member owner, String document, String id) {
        linkOf(document, id);
        List<String> sessions = store.delete(id, Audit.entry(document, owner, Audit.LINK_REVOKED, id, clock.instant()))
                .join().orElseThrow(() -> noSuchLink(id));
        closeReaders(document, sessions);
    }

    /** What a reader sees of a link before opening it: which document, and what it asks of them. */
    record LinkPreview(ShareLinkRecord link, DocumentRecord document) {
    }

    /**
     * The link of a token, if it opens now.
     *
     * @throws ApiException 404 {@code link_not_found}, 410 {@code link_expired} or {@code link_unpublished}
     */
    LinkPreview preview(String token) {
        ShareLinkRecord link = store.findByTokenHash(Secrets.hash(token)).orElseThrow(ShareLinks::unknownToken);
        Instant now = clock.instant();
        if (link.isExpiredAt(now)) {
            throw expired();
        }
        if (!link.published()) {
            throw unpublished();
        }
        return new LinkPreview(link, records.find(link.document()).orElseThrow(ShareLinks::unknownToken));
    }

    /** A reader session just opened, with the token the reader syncs and comments with. */
    record OpenedSession(LinkSessionRecord session, ShareLinkRecord link, DocumentRecord document, Role role,
            String token) {
    }

    /**
     * Opens a reader session on the link of {@code token}.
     *
     * @param name the reader's display name; empty to stay anonymous, where the link allows it
     * @throws ApiException 404 {@code link_not_found}; 410 {@code link_expired} or {@code link_unpublished};
     *     400 {@code name_required} when anonymous readers are not allowed; 403 {@code link_full} when
     *     {@code max_participants} sessions are open
     */
    OpenedSession open(String token, Optional<String> name) {
        LinkPreview preview = preview(token);
        ShareLinkRecord link = preview.link();
        if (name.isEmpty() && !link.allowAnonymous()) {
            throw ApiException.badRequest("name_required", "this link does not allow anonymous readers: give a name");
        }
        Instant now = clock.instant();
        Instant sessionEnd = now.plus(SESSION_LIFETIME);
        if (link.expiresAt().isPresent() && link.expiresAt().get().isBefore(sessionEnd)) {
            sessionEnd = link.expiresAt().get();
        }
        LinkSessionRecord session = new LinkSessionRecord(Secrets.id(), link.id(), name, now, sessionEnd);
        switch (store.open(session).join()) {
            case OPENED -> {
            }
            case UNKNOWN -> throw unknownToken();
            case EXPIRED -> throw expired();
            case UNPUBLISHED -> throw unpublished();
            case FULL -> throw new ApiException(HttpResponseStatus.FORBIDDEN, "link_full", "this link admits "
                    + link.maxParticipants().getAsInt() + " readers at a time, and that many are reading now");
        }
        Role role = link.allowComments() ? Role.COMMENTER : Role.VIEWER;
        String readerToken = readerTokens.mint(new ReaderSession(session.id(), link.id(), link.document(), name.isEmpty()),
                role.access(), name, sessionEnd);
        return new OpenedSession(session, link, preview.document(), role, readerToken);
    }

    /**
     * Ends a reader session (the reader left, or the owner sent them away): its place is free for another reader,
     * its token opens nothing from now on, and its connections close.
     *
     * @throws ApiException 404 if there is no such session
     */
    void endSession(String id) {
        String document = store.endSession(id).join().orElseThrow(() -> noSuchSession(id));
        closeReaders(document, List.of(id));
    }

    /** The document a reader session reads. */
    Optional<String> documentOfSession(String id) {
        return store.standing(id).map(standing -> standing.link().document());
    }

    /** A copy made for sharing, with its link. */
    record Duplicate(DocumentRecord copy, CreatedLink link) {
    }

    /**
     * Copies the document's current state (from its room if it is loaded, so that edits not yet compacted are
     * in, else from storage) into a new document owned by {@code owner}, with a link of its own: readers then see
     * a fixed copy while the original goes on changing.
     *
     * @throws ApiException 409 {@code document_exists} if {@code copyName} is taken
     */
    Duplicate duplicate(Member owner, String source, String copyName, String title, LinkOptions options,
            ScheduledExecutorService thread) {
        if (documents.info(copyName).isPresent()) {
            throw ApiException.conflict("document_exists", "the document " + copyName + " already exists");
        }
        Optional<byte[]> state = rooms.read(source, thread, Doc::encodeStateAsUpdate).join();
        DocumentRecord copy = records.create(owner, copyName, title, Optional.of(source));
        if (state.isPresent()) {
            documents.append(copyName, state.get()).join();
        }
        audit.append(Audit.entry(source, owner, Audit.DOCUMENT_DUPLICATED, copyName, clock.instant())).join();
        return new Duplicate(copy, create(owner, copyName, options));
    }

    private void closeReaders(String document, List<String> sessions) {
        if (sessions.isEmpty()) {
            return; // nobody to close, and no reason to make a connection that joins now reconnect
        }
        Set<String> readers = sessions.stream().map(session -> ReaderTokens.SUBJECT_PREFIX + session)
                .collect(Collectors.toUnmodifiableSet());
        rooms.revoke(document, readers::contains);
    }

    private ShareLinkRecord linkOf(String document, String id) {
        return store.find(id).filter(link -> link.document().equals(document)).orElseThrow(() -> noSuchLink(id));
    }

    private static ApiException noSuchLink(String id) {
        return ApiException.notFound("the document has no share link " + id);
    }

    private static ApiException noSuchSession(String id) {
        return ApiException.notFound("no reader session " + id);
    }

    private static ApiException unknownToken() {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "link_not_found", "no share link has this token");
    }

    private static ApiException expired() {
        return ApiException.gone("link_expired", "this share link has expired");
    }

    private static ApiException unpublished() {
        return ApiException.gone("link_unpublished", "this share link is not published now");
    }
}
