package dev.weft.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection settings of Weft's SQLite file, in one place: the write side (migrations and the writer's
 * connection) and the read pool.
 */
final class SqliteConnections {
    private final String url;
    private final int busyTimeoutMillis;
    private final Durability durability;

    SqliteConnections(Path databaseFile, Duration busyTimeout, Durability durability) {
        this.url = "jdbc:sqlite:" + databaseFile.toAbsolutePath();
        this.busyTimeoutMillis = Math.toIntExact(busyTimeout.toMillis());
        this.durability = durability;
    }

    /**
     * Connections that write: WAL (readers never wait for the writer, and a commit appends to one file), the
     * WAL synced at every commit ({@link Durability#POWER_LOSS}: synchronous=FULL) or at checkpoints
     * ({@link Durability#PROCESS_CRASH}: synchronous=NORMAL), its file cut back to
     * {@link Checkpointer#LOG_SIZE_LIMIT_BYTES} when it starts over, foreign keys enforced (a document's deletion
     * cascades to its log).
     */
    DataSource writeDataSource() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setJournalSizeLimit(Checkpointer.LOG_SIZE_LIMIT_BYTES);
        config.setSynchronous(switch (durability) {
            case POWER_LOSS -> SQLiteConfig.SynchronousMode.FULL;
            case PROCESS_CRASH -> SQLiteConfig.SynchronousMode.NORMAL;
        });
        config.enforceForeignKeys(true);
        config.setBusyTimeout(busyTimeoutMillis);
        return dataSource(config);
    }

    /**
     * The writer's connection, in manual-commit mode (the writer decides where each transaction ends), without
     * automatic checkpoints: the {@link Checkpointer} copies the log into the database off the writer's thread.
     */
    Connection openWriteConnection() throws SQLException {
        Connection connection = writeDataSource().getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** The {@link Checkpointer}'s connection, in auto-commit mode: it runs checkpoints and nothing else. */
    Connection openCheckpointConnection() throws SQLException {
        return writeDataSource().getConnection();
    }

    /**
     * A pool of read-only connections. WAL mode is a property of the file, set by the write side, which opens
     * first; opening read-only makes a stray write from a reader fail instead of competing with the writer.
     */
    HikariDataSource openReadPool(int size) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMillis);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("weft-storage-readers");
        pool.setDataSource(dataSource(config));
        pool.setMaximumPoolSize(size);
        pool.setReadOnly(true);
        return new HikariDataSource(pool);
    }

    private SQLiteDataSource dataSource(SQLiteConfig config) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }
}
