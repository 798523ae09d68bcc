package dev.weft.server.sharing;

import dev.weft.server.auth.Access;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Authenticator;
import dev.weft.server.auth.DocumentAccessPolicy;
import dev.weft.server.auth.Grant;
import dev.weft.server.auth.ReaderSession;
import dev.weft.server.auth.ReaderTokens;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.storage.sharing.DocumentRecord;
import dev.weft.storage.sharing.DocumentRecordStore;
import dev.weft.storage.sharing.ShareLinkRecord;
import dev.weft.storage.sharing.ShareLinkStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Who may do what with a document: the one place that turns a token into a role, for the API of every feature
 * ({@link #require}) and for sync connections (as the upgrade's {@link DocumentAccessPolicy}).
 *
 * <p>The rule:
 * <ul>
 *   <li>A share-link reader gets {@link Role#COMMENTER} on the link's document if the link allows comments, else
 *       {@link Role#VIEWER}; nothing once the link is unpublished, expired or revoked, and nothing elsewhere.
 *   <li>On a document with a record, the record decides: its owner is {@link Role#OWNER}, an invited member has
 *       their role, anyone else nothing (whatever the token's {@code docs} say). In the open development mode
 *       everyone is an editor, and the owner of what they created.
 *   <li>On a document without a record the token decides: a document it covers, with the role of its scope
 *       ({@code read-write} editor, {@code comment} commenter, {@code read-only} viewer).
 * </ul>
 * A role is always capped by the token's scope ({@link Role#cappedBy}): a read-only token never edits.
 *
 * <p>Every decision reads the database: call {@link #require} and {@link #resolve} from a virtual thread (API
 * handlers run on one), never from an event loop; {@link #accessTo} does the reading on the blocking executor.
 */
public final class DocumentAccess implements DocumentAccessPolicy {
    private final Authenticator authenticator;
    private final DocumentRecordStore records;
    private final ShareLinkStore links;
    private final InstantSource clock;
    private final Executor blocking;

    public DocumentAccess(Authenticator authenticator, DocumentRecordStore records, ShareLinkStore links,
            InstantSource clock, Executor blocking) {
        this.authenticator = authenticator;
        this.records = records;
        this.links = links;
        this.clock = clock;
        this.blocking = blocking;
    }

    /**
     * Verifies the request's token (any document).
     *
     * @throws AuthException 401 without a valid token
     */
    public Grant authenticate(ApiRequest request) throws AuthException {
        return authenticator.verify(request.token());
    }

    /**
     * Verifies the request's token and that its holder has at least {@code atLeast} on {@code document}.
     *
     * @return who is asking, as the document sees them
     * @throws AuthException 401 without a valid token
     * @throws ApiException 404 {@code not_found} if the caller cannot see the document at all; 410
     *     {@code link_unpublished} or {@code link_expired} for a reader whose link no longer opens; 403
     *     {@code forbidden} below {@code atLeast}
     */
    public Member require(ApiRequest request, String document, Role atLeast) throws AuthException {
        return require(authenticate(request), document, atLeast);
    }

    private Member require(Grant grant, String document, Role atLeast) {
        Member member = switch (decide(grant, document)) {
            case Decision.Allowed allowed -> allowed.member();
            case Decision.Refused refused -> throw refused.error();
        };
        if (!member.role().atLeast(atLeast)) {
            throw ApiException.forbidden("this needs the " + atLeast.jsonName() + " role on " + document
                    + "; you are " + article(member.role()));
        }
        return member;
    }

    /**
     * As {@link #require}, on a document that must have a record (what sharing manages).
     *
     * @throws ApiException also 404 {@code not_found} if the document has no record
     */
    Member requireRecorded(ApiRequest request, String document, Role atLeast) throws AuthException {
        Grant grant = authenticate(request);
        if (records.find(document).isEmpty()) {
            throw ApiException.notFound("the document " + document + " has no record: create it with POST /api/documents");
        }
        return require(grant, document, atLeast);
    }

    /**
     * Verifies that the request may create a record named {@code document}, which it will own: an application's
     * token (not a reader's) with the {@code read-write} scope covering the name, or anyone in the open mode.
     *
     * @return the creator, as owner
     * @throws AuthException 401 without a valid token
     * @throws ApiException 403 {@code forbidden} for any other token
     */
    public Member requireCreator(ApiRequest request, String document) throws AuthException {
        Grant grant = authenticate(request);
        if (grant.isReader() || !grant.access().canEdit() || !grant.covers(document)) {
            throw ApiException.forbidden("creating " + document + " needs a read-write token whose docs cover it");
        }
        return new Member(grant.subject(), displayName(grant), Role.OWNER, Optional.empty());
    }

    /**
     * Verifies that the request comes from an application's token, not a share-link reader's: for what concerns
     * documents in general (listing them).
     *
     * @throws AuthException 401 without a valid token
     * @throws ApiException 403 {@code forbidden} for a reader
     */
    public Grant requireUser(ApiRequest request) throws AuthException {
        Grant grant = authenticate(request);
        if (grant.isReader()) {
            throw ApiException.forbidden("a share-link reader sees only the document the link opens");
        }
        return grant;
    }

    /**
     * What {@code grant} is on {@code document}.
     *
     * @return empty if the grant may not see the document at all
     */
    public Optional<Member> resolve(Grant grant, String document) {
        return decide(grant, document) instanceof Decision.Allowed allowed
                ? Optional.of(allowed.member())
                : Optional.empty();
    }

    /**
     * Whether {@code grant}, accepted earlier, may still read {@code document} now: it has not expired, and it still
     * has a role there (a member not removed, a reader whose link still opens). For what outlives the request that
     * checked it (event streams), before each thing sent. Reads the database.
     */
    public boolean mayStillRead(Grant grant, String document) {
        return !expired(grant) && resolve(grant, document).isPresent();
    }

    /**
     * Whether {@code grant}, accepted earlier, is still accepted now: it has not expired, and a reader's link still
     * opens its document. Reads the database.
     */
    public boolean stillAccepted(Grant grant) {
        return grant.reader().map(reader -> mayStillRead(grant, reader.document())).orElseGet(() -> !expired(grant));
    }

    /**
     * Whether {@code subject} may read {@code document} now, as far as the server can tell without their token: for
     * telling people of what happens on a document after they looked (notifications). A share-link reader: their
     * session and its link still stand, on this document. On a document with a record: its owner and members
     * (everyone, in the open mode). Without a record, tokens decide, and the server keeps none: yes. Reads the
     * database.
     */
    public boolean subjectMayRead(String subject, String document) {
        Instant now = clock.instant();
        if (subject.startsWith(ReaderTokens.SUBJECT_PREFIX)) {
            return links.standing(subject.substring(ReaderTokens.SUBJECT_PREFIX.length()))
                    .filter(standing -> standing.link().document().equals(document)
                            && standing.link().published()
                            && !standing.link().isExpiredAt(now)
                            && standing.session().expiresAt().isAfter(now))
                    .isPresent();
        }
        return authenticator.isOpen() || records.membership(document, subject)
                .map(membership -> membership.owner() || membership.role().isPresent())
                .orElse(true);
    }

    private boolean expired(Grant grant) {
        return grant.expires().map(expires -> !clock.instant().isBefore(expires)).orElse(false);
    }

    /**
     * The subject that owns {@code document}'s record (reads the database).
     *
     * @return empty if the document has no record
     */
    public Optional<String> owner(String document) {
        return records.find(document).map(DocumentRecord::owner);
    }

    /** The access of a sync connection: its role's, decided on the blocking executor. */
    @Override
    public CompletableFuture<Access> accessTo(Grant grant, String document) {
        CompletableFuture<Access> access = new CompletableFuture<>();
        blocking.execute(() -> {
            try {
                switch (decide(grant, document)) {
                    case Decision.Allowed allowed -> access.complete(allowed.member().role().access());
                    case Decision.Refused refused -> access.completeExceptionally(
                            AuthException.forbidden(refused.error().getMessage()));
                }
            } catch (RuntimeException e) {
                access.completeExceptionally(e);
            }
        });
        return access;
    }

    private Decision decide(Grant grant, String document) {
        if (grant.reader().isPresent()) {
            return decideForReader(grant, grant.reader().get(), document);
        }
        Optional<DocumentRecordStore.Membership> membership = records.membership(document, grant.subject());
        Optional<Role> role;
        if (membership.isEmpty()) {
            role = grant.covers(document) ? Optional.of(Role.of(grant.access())) : Optional.empty();
        } else if (membership.get().owner()) {
            role = Optional.of(Role.OWNER);
        } else if (authenticator.isOpen()) {
            role = Optional.of(Role.EDITOR);
        } else {
            role = membership.get().role().flatMap(Role::parse);
        }
        if (role.isEmpty()) {
            return Decision.notVisible(document);
        }
        return new Decision.Allowed(new Member(grant.subject(), displayName(grant), role.get().cappedBy(grant.access()),
                Optional.empty()));
    }

    private static String displayName(Grant grant) {
        return grant.name().orElse(Grant.ANONYMOUS.equals(grant.subject()) ? Member.ANONYMOUS : grant.subject());
    }

    private Decision decideForReader(Grant grant, ReaderSession reader, String document) {
        if (!reader.document().equals(document)) {
            return Decision.notVisible(document);
        }
        Optional<ShareLinkStore.ReaderStanding> standing = links.standing(reader.id());
        if (standing.isEmpty() || !standing.get().link().document().equals(document)) {
            return new Decision.Refused(ApiException.notFound("the share link this session was opened from was revoked"));
        }
        ShareLinkRecord link = standing.get().link();
        if (link.isExpiredAt(clock.instant())) {
            return new Decision.Refused(ApiException.gone("link_expired", "the share link has expired"));
        }
        if (!link.published()) {
            return new Decision.Refused(ApiException.gone("link_unpublished", "the share link is not published"));
        }
        Role role = (link.allowComments() ? Role.COMMENTER : Role.VIEWER).cappedBy(grant.access());
        return new Decision.Allowed(new Member(grant.subject(), grant.name().orElse(Member.ANONYMOUS), role,
                Optional.of(reader.id())));
    }

    private static String article(Role role) {
        return (role == Role.OWNER || role == Role.EDITOR ? "an " : "a ") + role.jsonName();
    }

    /** What a grant is on a document, or why it is nothing. */
    private sealed interface Decision {
        record Allowed(Member member) implements Decision {
        }

        record Refused(ApiException error) implements Decision {
        }

        static Decision notVisible(String document) {
            return new Refused(ApiException.notFound("no document named " + document));
        }
    }
}
