package dev.weft.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The statements that change documents, run by the writer. Plain SQL that PostgreSQL runs as well
 * ({@code INSERT ... ON CONFLICT DO NOTHING}).
 *
 * <p>An append is the hot path (every edit of every client), so it writes as little as it can: one row of the
 * document's log, gathered with the other appends of its transaction into multi-row INSERTs
 * ({@link WriteSession#appendUpdate}). It does not touch the {@code documents} row except to create it: its id is
 * cached by name in the session, and the time of the last append is read from the log itself (the newest row's
 * {@code created_at}), so {@code documents.updated_at} is kept only for what left the log, written at creation
 * and by compaction. Rewriting the row on every commit cost a page write (and, once compacted, the snapshot in
 * it) per document per transaction.
 */
final class DocumentWrites {
    /**
     * The folded rows one {@link #trimFolded} deletes at most. SQLite deletes rows one by one, about a microsecond
     * each: the 6,000 rows a compaction of a busy document folds took 5-10 ms, a stall of the writer that every
     * append queued behind it waited for. A few hundred at a time, in transactions of their own, cost the appends
     * they share a commit with well under a millisecond.
     */
    static final int TRIM_ROWS = 512;

    private static final String SELECT_DOCUMENT_ID = "SELECT id FROM documents WHERE name = ?";
    private static final String INSERT_DOCUMENT =
            "INSERT INTO documents (name, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING";
    private static final String DELETE_DOCUMENT = "DELETE FROM documents WHERE name = ?";
    /** The folded rows leave the log (soon), so the time of the newest one moves into updated_at. */
    private static final String REPLACE_SNAPSHOT = """
            UPDATE documents SET snapshot = ?, snapshot_seq = ?,
                updated_at = COALESCE(
                    (SELECT created_at FROM document_updates WHERE document_id = ? AND seq = ?), updated_at)
            WHERE id = ? AND snapshot_seq = ?""";
    /** The oldest {@link #TRIM_ROWS} rows at or below a seq (all of them if fewer are left). */
    private static final String DELETE_FOLDED_UPDATES = """
            DELETE FROM document_updates WHERE document_id = ? AND seq <= COALESCE(
                (SELECT seq FROM document_updates WHERE document_id = ? AND seq <= ?
                 ORDER BY seq LIMIT 1 OFFSET %d), ?)""".formatted(TRIM_ROWS - 1);

    private final Clock clock;

    DocumentWrites(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates the document if needed and appends the update to its log. The row is written before the next
     * statement of the transaction or at its commit.
     */
    Void append(WriteSession session, String document, byte[] update) throws SQLException {
        long now = clock.millis();
        Long documentId = session.documentId(document);
        if (documentId == null) {
            documentId = findOrCreate(session, document, now);
            session.rememberDocumentId(document, documentId);
        }
        session.appendUpdate(documentId, update, now);
        return null;
    }

    /**
     * Writes before it reads: SQLite waits out another process's lock (the busy timeout) only for a transaction's
     * first write; a transaction that read first and then writes fails at once with SQLITE_BUSY instead.
     */
    private static long findOrCreate(WriteSession session, String document, long now) throws SQLException {
        PreparedStatement insert = session.prepare(INSERT_DOCUMENT);
        insert.setString(1, document);
        insert.setLong(2, now);
        insert.setLong(3, now);
        insert.executeUpdate();
        PreparedStatement select = session.prepare(SELECT_DOCUMENT_ID);
        select.setString(1, document);
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Deletes the document; its log goes with it (ON DELETE CASCADE). Returns whether it existed. */
    boolean delete(WriteSession session, String document) throws SQLException {
        PreparedStatement delete = session.prepare(DELETE_DOCUMENT);
        delete.setString(1, document);
        session.forgetDocumentId(document);
        return delete.executeUpdate() > 0;
    }

    /**
     * Writes a prepared compaction unless the document was deleted or compacted since it was read. Updates
     * appended since have higher seqs than {@code throughSeq} and stay in the log. The rows folded stay too, no
     * longer part of the document ({@code seq <= snapshot_seq}), until {@link #trimFolded} deletes them.
     *
     * @return whether the compaction was written
     */
    boolean replaceSnapshot(WriteSession session, CompactionPlan plan) throws SQLException {
        PreparedStatement replace = session.prepare(REPLACE_SNAPSHOT);
        replace.setBytes(1, plan.snapshot());
        replace.setLong(2, plan.throughSeq());
        replace.setLong(3, plan.documentId());
        replace.setLong(4, plan.throughSeq());
        replace.setLong(5, plan.documentId());
        replace.setLong(6, plan.readSnapshotSeq());
        return replace.executeUpdate() > 0;
    }

    /**
     * Deletes up to {@link #TRIM_ROWS} of the document's rows with a seq of at most {@code throughSeq}, the oldest
     * first: rows a compaction folded into the snapshot.
     *
     * @return the number of rows deleted: fewer than {@link #TRIM_ROWS} once none is left
     */
    int trimFolded(WriteSession session, long documentId, long throughSeq) throws SQLException {
        PreparedStatement delete = session.prepare(DELETE_FOLDED_UPDATES);
        delete.setLong(1, documentId);
        delete.setLong(2, documentId);
        delete.setLong(3, throughSeq);
        delete.setLong(4, throughSeq);
        return delete.executeUpdate();
    }
}
