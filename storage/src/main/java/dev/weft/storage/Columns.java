package dev.weft.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads nullable columns of a result row. JDBC answers a SQL NULL with 0 and tells only through
 * {@link ResultSet#wasNull()}, which speaks of the last column read: reading the value and asking in one place
 * keeps another column's read from getting between them.
 */
public final class Columns {
    private Columns() {
    }

    /** An instant stored as epoch milliseconds, or null. */
    public static Instant instantOrNull(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** An integer, or null. */
    public static Integer integerOrNull(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }
}
