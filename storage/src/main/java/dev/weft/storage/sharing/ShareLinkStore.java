package dev.weft.storage.sharing;

import dev.weft.storage.Columns;
import dev.weft.storage.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** Share links and the reader sessions opened from them. Each change of a link commits with its audit entry. */
public final class ShareLinkStore {
    private static final String LINK_COLUMNS = "id, document, allow_comments, allow_anonymous, max_participants,"
            + " expires_at, published, created_by, created_at, updated_at";

    private final Tables tables;

    public ShareLinkStore(Tables tables) {
        this.tables = tables;
    }

    /**
     * Stores a new link under the SHA-256 hash of its token.
     *
     * @return completes once committed; fails with a {@link dev.weft.storage.StorageException} if the document has
     *     no record
     */
    public CompletableFuture<Void> create(ShareLinkRecord link, byte[] tokenHash, AuditEntry audit) {
        return tables.write("create a share link of '" + link.document() + "'", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO share_links (" + LINK_COLUMNS
                    + ", token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, link.id());
                insert.setString(2, link.document());
                insert.setInt(3, link.allowComments() ? 1 : 0);
                insert.setInt(4, link.allowAnonymous() ? 1 : 0);
                if (link.maxParticipants().isPresent()) {
                    insert.setInt(5, link.maxParticipants().getAsInt());
                } else {
                    insert.setNull(5, Types.INTEGER);
                }
                if (link.expiresAt().isPresent()) {
                    insert.setLong(6, link.expiresAt().get().toEpochMilli());
                } else {
                    insert.setNull(6, Types.INTEGER);
                }
                insert.setInt(7, link.published() ? 1 : 0);
                insert.setString(8, link.createdBy());
                insert.setLong(9, link.createdAt().toEpochMilli());
                insert.setLong(10, link.updatedAt().toEpochMilli());
                insert.setBytes(11, tokenHash);
                insert.executeUpdate();
            }
            SharingAuditLog.append(connection, audit);
            return null;
        });
    }

    /** A document's links, oldest first. */
    public List<ShareLinkRecord> forDocument(String document) {
        return tables.read("list the share links of '" + document + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + LINK_COLUMNS
                    + " FROM share_links WHERE document = ? ORDER BY created_at, id")) {
                select.setString(1, document);
                return links(select);
            }
        });
    }

    /** The link with the id {@code id}, if any. */
    public Optional<ShareLinkRecord> find(String id) {
        return tables.read("read the share link " + id, connection -> find(connection, id));
    }

    /** The link whose token hashes to {@code tokenHash}, if any. */
    public Optional<ShareLinkRecord> findByTokenHash(byte[] tokenHash) {
        return tables.read("find a share link by its token", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + LINK_COLUMNS + " FROM share_links WHERE token_hash = ?")) {
                select.setBytes(1, tokenHash);
                return first(links(select));
            }
        });
    }

    /**
     * Publishes or unpublishes a link, at {@code audit.at()}; an unchanged state writes nothing.
     *
     * @return completes with the link as it is now, or empty if there is no such link
     */
    public CompletableFuture<Optional<ShareLinkRecord>> setPublished(String id, boolean published, AuditEntry audit) {
        return tables.write((published ? "publish" : "unpublish") + " the share link " + id, connection -> {
            Optional<ShareLinkRecord> link = find(connection, id);
            if (link.isEmpty() || link.get().published() == published) {
                return link;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE share_links SET published = ?, updated_at = ? WHERE id = ?")) {
                update.setInt(1, published ? 1 : 0);
                update.setLong(2, audit.at().toEpochMilli());
                update.setString(3, id);
                update.executeUpdate();
            }
            SharingAuditLog.append(connection, audit);
            return find(connection, id);
        });
    }

    /**
     * Deletes a link for good (revocation), with its reader sessions.
     *
     * @return completes with the ids of the sessions that were open from it, or empty if there was no such link
     */
    public CompletableFuture<Optional<List<String>>> delete(String id, AuditEntry audit) {
        return tables.write("revoke the share link " + id, connection -> {
            List<String> sessions = sessionIds(connection, id);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM share_links WHERE id = ?")) {
                delete.setString(1, id);
                if (delete.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            SharingAuditLog.append(connection, audit);
            return Optional.of(sessions);
        });
    }

    /** What opening a link came to. */
    public enum Opening {
        /** The session was stored: the reader is in. */
        OPENED,
        /** No such link (never was, or revoked). */
        UNKNOWN,
        /** The link is unpublished. */
        UNPUBLISHED,
        /** The link expired. */
        EXPIRED,
        /** As many sessions as the link admits are open. */
        FULL
    }

    /**
     * Opens a reader session on its link, if the link is published, unexpired and has room, all decided in the
     * writer's transaction, so that concurrent openings never admit more than {@code max_participants}. A session
     * counts as a participant until it expires; the link's expiry and the participants are judged at the
     * session's {@code createdAt}.
     */
    public CompletableFuture<Opening> open(LinkSessionRecord session) {
        return tables.write("open a reader session on the share link " + session.link(), connection -> {
            Optional<ShareLinkRecord> found = find(connection, session.link());
            if (found.isEmpty()) {
                return Opening.UNKNOWN;
            }
            ShareLinkRecord link = found.get();
            if (link.isExpiredAt(session.createdAt())) {
                return Opening.EXPIRED;
            }
            if (!link.published()) {
                return Opening.UNPUBLISHED;
            }
            if (link.maxParticipants().isPresent()
                    && activeSessions(connection, link.id(), session.createdAt()) >= link.maxParticipants().getAsInt()) {
                return Opening.FULL;
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO link_sessions (id, link, display_name, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)""")) {
                insert.setString(1, session.id());
                insert.setString(2, session.link());
                SharingAuditLog.setNullableString(insert, 3, session.displayName().orElse(null));
                insert.setLong(4, session.createdAt().toEpochMilli());
                insert.setLong(5, session.expiresAt().toEpochMilli());
                insert.executeUpdate();
            }
            return Opening.OPENED;
        });
    }

    /** A reader session with the link it was opened from, as they are now. */
    public record ReaderStanding(LinkSessionRecord session, ShareLinkRecord link) {
    }

    /** The session {@code id} and its link, if both still exist. */
    public Optional<ReaderStanding> standing(String sessionId) {
        return tables.read("read the reader session " + sessionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT link, display_name, created_at, expires_at FROM link_sessions WHERE id = ?")) {
                select.setString(1, sessionId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    LinkSessionRecord session = new LinkSessionRecord(sessionId, rows.getString(1),
                            Optional.ofNullable(rows.getString(2)), Instant.ofEpochMilli(rows.getLong(3)),
                            Instant.ofEpochMilli(rows.getLong(4)));
                    return find(connection, session.link()).map(link -> new ReaderStanding(session, link));
                }
            }
        });
    }

    /**
     * Ends a reader session before its time (the reader left, or the owner sent them away), freeing its place.
     *
     * @return completes with the document the session was reading, or empty if there was no such session
     */
    public CompletableFuture<Optional<String>> endSession(String id) {
        return tables.write("end the reader session " + id, connection -> {
            Optional<String> document;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT l.document FROM link_sessions s JOIN share_links l ON l.id = s.link WHERE s.id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    document = rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM link_sessions WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            return document;
        });
    }

    /** The sessions opened from the links of {@code document} that have not expired at {@code now}. */
    public List<LinkSessionRecord> activeSessions(String document, Instant now) {
        return tables.read("list the reader sessions of '" + document + "'", connection -> {
            List<LinkSessionRecord> sessions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT s.id, s.link, s.display_name, s.created_at, s.expires_at
                    FROM link_sessions s JOIN share_links l ON l.id = s.link
                    WHERE l.document = ? AND s.expires_at > ? ORDER BY s.created_at, s.id""")) {
                select.setString(1, document);
                select.setLong(2, now.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sessions.add(new LinkSessionRecord(rows.getString(1), rows.getString(2),
                                Optional.ofNullable(rows.getString(3)), Instant.ofEpochMilli(rows.getLong(4)),
                                Instant.ofEpochMilli(rows.getLong(5))));
                    }
                }
            }
            return sessions;
        });
    }

    /** The ids of every session opened from the link {@code link}, expired or not. */
    public List<String> sessionIds(String link) {
        return tables.read("list the sessions of the share link " + link, connection -> sessionIds(connection, link));
    }

    private static List<String> sessionIds(Connection connection, String link) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM link_sessions WHERE link = ?")) {
            select.setString(1, link);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static int activeSessions(Connection connection, String link, Instant now) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM link_sessions WHERE link = ? AND expires_at > ?")) {
            count.setString(1, link);
            count.setLong(2, now.toEpochMilli());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Optional<ShareLinkRecord> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + LINK_COLUMNS + " FROM share_links WHERE id = ?")) {
            select.setString(1, id);
            return first(links(select));
        }
    }

    private static Optional<ShareLinkRecord> first(List<ShareLinkRecord> links) {
        return links.isEmpty() ? Optional.empty() : Optional.of(links.getFirst());
    }

    private static List<ShareLinkRecord> links(PreparedStatement select) throws SQLException {
        List<ShareLinkRecord> links = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Integer max = Columns.integerOrNull(rows, 5);
                OptionalInt maxParticipants = max == null ? OptionalInt.empty() : OptionalInt.of(max);
                Optional<Instant> expiresAt = Optional.ofNullable(Columns.instantOrNull(rows, 6));
                links.add(new ShareLinkRecord(rows.getString(1), rows.getString(2), rows.getInt(3) == 1,
                        rows.getInt(4) == 1, maxParticipants, expiresAt, rows.getInt(7) == 1, rows.getString(8),
                        Instant.ofEpochMilli(rows.getLong(9)), Instant.ofEpochMilli(rows.getLong(10))));
            }
        }
        return links;
    }
}
