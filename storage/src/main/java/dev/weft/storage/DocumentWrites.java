package dev.weft.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The statements that change documents, run by the writer. Plain SQL that PostgreSQL runs as well
 * ({@code INSERT ... ON CONFLICT ... RETURNING}).
 */
final class DocumentWrites {
    private static final String UPSERT_DOCUMENT = """
            INSERT INTO documents (name, created_at, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at
            RETURNING id""";
    private static final String INSERT_UPDATE =
            "INSERT INTO document_updates (document_id, data, created_at) VALUES (?, ?, ?)";
    private static final String DELETE_DOCUMENT = "DELETE FROM documents WHERE name = ?";
    private static final String REPLACE_SNAPSHOT =
            "UPDATE documents SET snapshot = ?, snapshot_seq = ? WHERE id = ? AND snapshot_seq = ?";
    private static final String DELETE_FOLDED_UPDATES =
            "DELETE FROM document_updates WHERE document_id = ? AND seq <= ?";

    private final Clock clock;

    DocumentWrites(Clock clock) {
        this.clock = clock;
    }

    /** Creates the document if needed, marks it modified now, and appends the update to its log. */
    Void append(WriteSession session, String document, byte[] update) throws SQLException {
        long now = clock.millis();
        long documentId;
        PreparedStatement upsert = session.prepare(UPSERT_DOCUMENT);
        upsert.setString(1, document);
        upsert.setLong(2, now);
        upsert.setLong(3, now);
        try (ResultSet row = upsert.executeQuery()) {
            row.next();
            documentId = row.getLong(1);
        }
        PreparedStatement insert = session.prepare(INSERT_UPDATE);
        insert.setLong(1, documentId);
        insert.setBytes(2, update);
        insert.setLong(3, now);
        insert.executeUpdate();
        return null;
    }

    /** Deletes the document; its log goes with it (ON DELETE CASCADE). Returns whether it existed. */
    boolean delete(WriteSession session, String document) throws SQLException {
        PreparedStatement delete = session.prepare(DELETE_DOCUMENT);
        delete.setString(1, document);
        return delete.executeUpdate() > 0;
    }

    /**
     * Writes a prepared compaction unless the document was deleted or compacted since it was read. Updates
     * appended since have higher seqs than {@code throughSeq} and stay in the log.
     *
     * @return whether the compaction was written
     */
    boolean replaceSnapshot(WriteSession session, CompactionPlan plan) throws SQLException {
        PreparedStatement replace = session.prepare(REPLACE_SNAPSHOT);
        replace.setBytes(1, plan.snapshot());
        replace.setLong(2, plan.throughSeq());
        replace.setLong(3, plan.documentId());
        replace.setLong(4, plan.readSnapshotSeq());
        if (replace.executeUpdate() == 0) {
            return false;
        }
        PreparedStatement deleteFolded = session.prepare(DELETE_FOLDED_UPDATES);
        deleteFolded.setLong(1, plan.documentId());
        deleteFolded.setLong(2, plan.throughSeq());
        deleteFolded.executeUpdate();
        return true;
    }
}
