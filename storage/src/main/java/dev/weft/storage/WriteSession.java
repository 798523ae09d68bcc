package dev.weft.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer's connection and what it keeps between statements, to make the thousands of appends a second cheap:
 * statements prepared once, the ids of documents by name, and the log rows appended in the current transaction
 * and not yet written ({@link PendingUpdates}). Used by the writer thread only.
 *
 * <p>One rule keeps the pending rows invisible: every statement run through the session sees every append made
 * before it. {@link #prepare}, {@link #connection} and {@link #commit} write the pending rows first, so that a
 * deletion, a compaction or a feature's write queued after appends finds them in the database.
 *
 * <p>The session hands out the log's seqs, counting on from the highest the database held when it opened (in the log
 * or folded into a snapshot): the writer is the log's only writer, and seq order is append order within a document,
 * also once the rows with the highest seqs were folded away. A rolled-back transaction leaves a gap, never a reuse.
 *
 * <p>A cached document id is right as long as the transaction that read or created it commits and the document
 * is not deleted: {@link DocumentWrites#delete}, the only statement that deletes documents, forgets the name, and a
 * rollback forgets every id (SQLite hands a rolled-back id out again). Ids of committed documents are never reused
 * (AUTOINCREMENT), so a stale id could only make its transaction fail on the log's foreign key, never file an
 * update under another document.
 */
final class WriteSession implements AutoCloseable {
    /** Documents whose ids are kept, the most recently used: more than a server has rooms open at once. */
    static final int MAX_CACHED_DOCUMENT_IDS = 10_000;
    /** Per document, the newest row of its log (one seek on the log's key) or the seq its snapshot folded. */
    private static final String SELECT_LAST_SEQ = """
            SELECT COALESCE(MAX(MAX(d.snapshot_seq, COALESCE(
                       (SELECT MAX(u.seq) FROM document_updates u WHERE u.document_id = d.id), 0))), 0)
            FROM documents d""";

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final PendingUpdates pendingUpdates = new PendingUpdates();
    private final PendingUpdates.Statements cachedStatements = this::cachedStatement;
    private final Map<String, Long> documentIds = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_CACHED_DOCUMENT_IDS;
        }
    };

    /** The seq of the last row appended. */
    private long lastSeq;

    /** @param connection the writer's connection, not in auto-commit mode */
    WriteSession(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement select = connection.createStatement(); ResultSet row = select.executeQuery(SELECT_LAST_SEQ)) {
            row.next();
            lastSeq = row.getLong(1);
        }
        connection.commit(); // ends the read: an open transaction would keep checkpoints from starting the log over
    }

    /** A statement prepared once and reused; the pending log rows are written first. */
    PreparedStatement prepare(String sql) throws SQLException {
        writePendingUpdates();
        return cachedStatement(sql);
    }

    /**
     * The connection itself, for features' own statements ({@link Tables#write}), with the pending log rows
     * written; the writer commits it.
     */
    Connection connection() throws SQLException {
        writePendingUpdates();
        return connection;
    }

    /** Queues a row of a document's log, written before the next statement or at commit. */
    void appendUpdate(long documentId, byte[] update, long createdAtMillis) {
        pendingUpdates.add(documentId, ++lastSeq, update, createdAtMillis);
    }

    /** The id of the document named so, if this session knows it; null if not. */
    Long documentId(String name) {
        return documentIds.get(name);
    }

    void rememberDocumentId(String name, long id) {
        documentIds.put(name, id);
    }

    void forgetDocumentId(String name) {
        documentIds.remove(name);
    }

    /** A PASSIVE checkpoint on the writer's connection; only between transactions (see {@link Checkpointer}). */
    Checkpointer.Progress checkpoint() throws SQLException {
        return Checkpointer.checkpoint(connection);
    }

    void commit() throws SQLException {
        writePendingUpdates();
        connection.commit();
    }

    /** Rolls back, with the pending rows and every cached id: ids read or created in the transaction are void. */
    void rollback() throws SQLException {
        pendingUpdates.clear();
        documentIds.clear();
        connection.rollback();
    }

    private void writePendingUpdates() throws SQLException {
        pendingUpdates.write(cachedStatements);
    }

    private PreparedStatement cachedStatement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        statements.clear();
        connection.close();
    }
}
