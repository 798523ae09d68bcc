package dev.weft.server.sharing;

import dev.weft.server.auth.Authenticator;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.Storage;
import dev.weft.storage.sharing.DocumentRecordStore;
import dev.weft.storage.sharing.ShareLinkStore;
import dev.weft.storage.sharing.SharingAuditLog;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The sharing feature, assembled: {@link #access()} for every feature that authorizes by document roles (and for
 * the WebSocket upgrade), and its API routes ({@link #register}).
 */
public final class Sharing {
    private final DocumentAccess access;
    private final DocumentRecordsApi documentsApi;
    private final ShareLinksApi linksApi;
    private final PresenceApi presenceApi;
    private final DocumentRecords records;

    /**
     * @param blocking where the access decisions of sync connections read the database
     */
    public Sharing(Authenticator authenticator, Storage storage, Rooms rooms, Executor blocking, InstantSource clock) {
        DocumentRecordStore recordStore = new DocumentRecordStore(storage.tables());
        ShareLinkStore linkStore = new ShareLinkStore(storage.tables());
        SharingAuditLog audit = new SharingAuditLog(storage.tables());
        access = new DocumentAccess(authenticator, recordStore, linkStore, clock, blocking);
        records = new DocumentRecords(recordStore, storage.documents(), rooms, clock, authenticator.isOpen());
        ShareLinks links = new ShareLinks(linkStore, records, audit, storage.documents(), rooms,
                authenticator.readerTokens(), clock);
        documentsApi = new DocumentRecordsApi(access, records, audit);
        linksApi = new ShareLinksApi(access, links, records, clock);
        presenceApi = new PresenceApi(access, rooms, linkStore, clock);
    }

    /** Who may do what with a document: the one place that decides. */
    public DocumentAccess access() {
        return access;
    }

    /**
     * Runs {@code cleanup} with a document's name each time one is deleted (after its record, links and content
     * are), on the deleting request's thread, which may block: for features that keep more of a document
     * (comments). Register before the server starts.
     */
    public void whenDocumentDeleted(Consumer<String> cleanup) {
        records.whenDeleted(cleanup);
    }

    /**
     * Runs {@code changed} with a document's name and a member's subject each time the owner changes that member's
     * role, on the changing request's thread: for features whose pages show what a role allows (comments).
     * Register before the server starts.
     */
    public void whenRoleChanged(BiConsumer<String, String> changed) {
        records.whenRoleChanged(changed);
    }

    public void register(ApiRoutes routes) {
        documentsApi.register(routes);
        linksApi.register(routes);
        presenceApi.register(routes);
    }
}
