package dev.weft.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The statements that read documents, on connections of the read pool, in the calling thread. */
final class DocumentReads {
    private static final String SELECT_DOCUMENT =
            "SELECT id, snapshot, snapshot_seq FROM documents WHERE name = ?";
    private static final String SELECT_UPDATES =
            "SELECT seq, data FROM document_updates WHERE document_id = ? AND seq > ? ORDER BY seq";
    /**
     * Sizes by octet_length, which counts bytes in SQLite (3.43 on) and PostgreSQL alike. The time of the last
     * append is that of the newest row in the log, or updated_at once compaction folded the log away (appends do
     * not touch the documents row: {@link DocumentWrites}). Rows a compaction folded and has not deleted yet
     * ({@code seq <= snapshot_seq}) are not part of the document.
     */
    private static final String SELECT_INFO = """
            SELECT d.name, d.created_at,
                   COALESCE((SELECT u.created_at FROM document_updates u
                             WHERE u.document_id = d.id AND u.seq > d.snapshot_seq
                             ORDER BY u.seq DESC LIMIT 1), d.updated_at),
                   COALESCE(octet_length(d.snapshot), 0)
                     + (SELECT COALESCE(SUM(octet_length(u.data)), 0)
                        FROM document_updates u WHERE u.document_id = d.id AND u.seq > d.snapshot_seq),
                   (SELECT COUNT(*) FROM document_updates u WHERE u.document_id = d.id AND u.seq > d.snapshot_seq)
            FROM documents d""";

    private final DataSource readers;

    DocumentReads(DataSource readers) {
        this.readers = readers;
    }

    /**
     * Reads a document's snapshot and log in one transaction, so that a compaction committing in between
     * cannot make it see the new snapshot with updates it already holds, or the old one without the updates it
     * folded.
     */
    Optional<DocumentLog> readLog(String document) {
        try (Connection connection = readers.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return readLog(connection, document);
            } finally {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new StorageException("reading document '" + document + "' failed: " + e.getMessage(), e);
        }
    }

    private static Optional<DocumentLog> readLog(Connection connection, String document) throws SQLException {
        long documentId;
        byte[] snapshot;
        long snapshotSeq;
        try (PreparedStatement select = connection.prepareStatement(SELECT_DOCUMENT)) {
            select.setString(1, document);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                documentId = row.getLong(1);
                snapshot = row.getBytes(2);
                snapshotSeq = row.getLong(3);
            }
        }
        List<byte[]> updates = new ArrayList<>();
        long lastSeq = snapshotSeq;
        try (PreparedStatement select = connection.prepareStatement(SELECT_UPDATES)) {
            select.setLong(1, documentId);
            select.setLong(2, snapshotSeq);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lastSeq = rows.getLong(1);
                    updates.add(rows.getBytes(2));
                }
            }
        }
        return Optional.of(new DocumentLog(documentId, snapshot, snapshotSeq, updates, lastSeq));
    }

    Optional<DocumentInfo> info(String document) {
        try (Connection connection = readers.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT_INFO + " WHERE d.name = ?")) {
            select.setString(1, document);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DocumentInfo(
                        row.getString(1),
                        row.getLong(4),
                        row.getInt(5),
                        Instant.ofEpochMilli(row.getLong(2)),
                        Instant.ofEpochMilli(row.getLong(3))));
            }
        } catch (SQLException e) {
            throw new StorageException("reading document '" + document + "' failed: " + e.getMessage(), e);
        }
    }
}
