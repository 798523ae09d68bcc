package dev.weft.storage;

import java.sql.SQLException;

/** One write's statements, run by the writer inside a transaction that it commits or rolls back. */
@FunctionalInterface
interface SqlWork<T> {
    T run(WriteSession session) throws SQLException;
}
