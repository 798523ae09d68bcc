package dev.weft.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds the database's write lock from a connection of its own, as another process could: the storage writer's
 * next transaction waits (up to its busy timeout) until {@link #close}. Tests use it to make writes pile up
 * behind the writer, or to make a transaction fail, without timing anything.
 */
final class DatabaseLock implements AutoCloseable {
    private final Connection connection;

    private DatabaseLock(Connection connection) {
        this.connection = connection;
    }

    static DatabaseLock hold(Path dataDir) throws SQLException {
        Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + dataDir.resolve(Storage.DATABASE_FILE).toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        }
        return new DatabaseLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        }
        connection.close();
    }
}
