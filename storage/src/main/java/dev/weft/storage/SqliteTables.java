package dev.weft.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/** {@link Tables} over SQLite: writes through the {@link StorageWriter}, reads from the pool. */
final class SqliteTables implements Tables {
    private final StorageWriter writer;
    private final DataSource readers;

    SqliteTables(StorageWriter writer, DataSource readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public <T> CompletableFuture<T> write(String description, SqlWork<T> work) {
        return writer.submit(description, 0, session -> work.run(session.connection()));
    }

    @Override
    public <T> T read(String description, SqlWork<T> work) {
        try (Connection connection = readers.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return work.run(connection);
            } finally {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new StorageException(description + " failed: " + e.getMessage(), e);
        }
    }
}
