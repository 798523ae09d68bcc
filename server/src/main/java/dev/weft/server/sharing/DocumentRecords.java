package dev.weft.server.sharing;

import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.server.sync.CloseReason;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.DocumentStore;
import dev.weft.storage.sharing.DocumentRecord;
import dev.weft.storage.sharing.DocumentRecordStore;
import dev.weft.storage.sharing.MemberRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Documents as records and their collaborators: the changes, each logged, and their effect on open connections.
 * The callers have checked the caller's role ({@link DocumentAccess}); this class checks the change itself.
 *
 * <p>A rename changes the record's title only. The name stays what it was: it is the document's identity for
 * every open connection (y-websocket's room name), in every stored update, comment anchor, link and audit entry;
 * moving all of that under a new name would close everyone's connection and race their updates for nothing that
 * a title does not give.
 */
final class DocumentRecords {
    private final DocumentRecordStore store;
    private final DocumentStore documents;
    private final boolean openMode;
    private final Rooms rooms;
    private final InstantSource clock;
    private final List<Consumer<String>> deletionListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, String>> roleListeners = new CopyOnWriteArrayList<>();

    /** @param openMode whether the server runs without a secret, where everyone edits every document */
    DocumentRecords(DocumentRecordStore store, DocumentStore documents, Rooms rooms, InstantSource clock,
            boolean openMode) {
        this.store = store;
        this.documents = documents;
        this.openMode = openMode;
        this.rooms = rooms;
        this.clock = clock;
    }

    /**
     * Creates the record of {@code name}, owned by {@code creator}. The content, if the document was written to
     * before, stays as it is. From now on its roles decide, not tokens alone: the open connections of everyone but
     * the creator are closed with 1008 "access revoked" (but in the open mode, where everyone keeps editing).
     *
     * @throws ApiException 409 {@code document_exists} if it has a record
     */
    DocumentRecord create(Member creator, String name, String title) {
        return create(creator, name, title, Optional.empty());
    }

    /** Creates a record, logging where its content was copied from if it is a duplicate. */
    DocumentRecord create(Member creator, String name, String title, Optional<String> copiedFrom) {
        Instant now = clock.instant();
        DocumentRecord record = new DocumentRecord(name, title, creator.subject(), now, now);
        boolean created = store.create(record, copiedFrom.isPresent()
                ? Audit.entry(name, creator, Audit.DOCUMENT_CREATED, null, now, "title", title, "copied_from", copiedFrom.get())
                : Audit.entry(name, creator, Audit.DOCUMENT_CREATED, null, now, "title", title)).join();
        if (!created) {
            throw ApiException.conflict("document_exists", "the document " + name + " already exists");
        }
        if (!openMode) {
            // A new record has one member, its creator, and no links yet: nobody else reads the document any more.
            // Revoking also re-decides the connections decided before and not joined yet.
            rooms.revoke(name, subject -> !subject.equals(creator.subject()));
        }
        return record;
    }

    Optional<DocumentRecord> find(String name) {
        return store.find(name);
    }

    /** The records {@code grant} owns or was invited to; every record in the open mode. */
    List<DocumentRecord> visibleTo(Grant grant) {
        return openMode ? store.all() : store.visibleTo(grant.subject());
    }

    /** Gives the document a new title. */
    DocumentRecord rename(Member owner, String name, String title) {
        DocumentRecord before = existing(name);
        Instant now = clock.instant();
        return store.retitle(name, title, Audit.entry(name, owner, Audit.DOCUMENT_RENAMED, null, now,
                "from", before.title(), "to", title)).join().orElseThrow(() -> gone(name));
    }

    /**
     * Deletes the record (with its members and links), closes the document's open connections and deletes its
     * content. The name is free afterwards.
     */
    void delete(Member owner, String name) {
        if (!store.delete(name, Audit.entry(name, owner, Audit.DOCUMENT_DELETED, null, clock.instant())).join()) {
            throw gone(name);
        }
        // Waits for the room to close its connections: an update one of them sent meanwhile then reaches storage
        // before the deletion, not after it (where it would bring the document back).
        rooms.closeAll(name, new CloseReason(CloseReason.POLICY_VIOLATION, "the document was deleted")).join();
        documents.delete(name).join();
        deletionListeners.forEach(listener -> listener.accept(name));
    }

    /** Has {@code listener} called with a document's name once its record and content are deleted. */
    void whenDeleted(Consumer<String> listener) {
        deletionListeners.add(listener);
    }

    List<MemberRecord> members(String name) {
        return store.members(name);
    }

    /**
     * Invites {@code subject} with {@code role}, or changes their role; open connections of theirs get the new
     * role's access at once (never more than their tokens grant).
     *
     * @return the member, and whether they were new
     * @throws ApiException 400 {@code invalid_role} for the owner role; 409 {@code owner_role} for the owner
     */
    Invitation setRole(Member owner, String name, String subject, Role role) {
        if (role == Role.OWNER) {
            throw ApiException.badRequest("invalid_role", "a document has one owner: invite as editor, commenter or viewer");
        }
        DocumentRecord record = existing(name);
        if (record.owner().equals(subject)) {
            throw ApiException.conflict("owner_role", "the owner's role cannot change");
        }
        Instant now = clock.instant();
        MemberRecord member = new MemberRecord(name, subject, role.jsonName(), owner.subject(), now, now);
        Optional<String> previous = store.setRole(member, before -> before.isPresent()
                ? Audit.entry(name, owner, Audit.MEMBER_ROLE_CHANGED, subject, now, "from", before.get(), "to", role.jsonName())
                : Audit.entry(name, owner, Audit.MEMBER_ADDED, subject, now, "role", role.jsonName())).join();
        rooms.changeAccess(name, subject, role.access());
        if (previous.isPresent()) {
            roleListeners.forEach(listener -> listener.accept(name, subject));
        }
        return new Invitation(member, previous.isEmpty());
    }

    /**
     * Has {@code listener} called with a document's name and a member's subject each time the owner changes that
     * member's role, once their open connections have the new access, on the changing request's thread.
     */
    void whenRoleChanged(BiConsumer<String, String> listener) {
        roleListeners.add(listener);
    }

    /** A member as set, and whether they were invited just now. */
    record Invitation(MemberRecord member, boolean created) {
    }

    /**
     * Removes a collaborator and closes their open connections to the document.
     *
     * @throws ApiException 404 if they are not a member
     */
    void remove(Member owner, String name, String subject) {
        Instant now = clock.instant();
        Optional<String> removed = store.removeMember(name, subject,
                role -> Audit.entry(name, owner, Audit.MEMBER_REMOVED, subject, now, "role", role)).join();
        if (removed.isEmpty()) {
            throw ApiException.notFound(subject + " is not a member of " + name);
        }
        rooms.revoke(name, subject::equals);
    }

    private DocumentRecord existing(String name) {
        return store.find(name).orElseThrow(() -> gone(name));
    }

    /** The record was deleted between the caller's check and the change. */
    private static ApiException gone(String name) {
        return ApiException.notFound("no document named " + name);
    }
}
