package dev.weft.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Storage} over one SQLite file: migrations at open, then the writer and the read pool. */
final class SqliteStorage implements Storage {
    private static final Logger log = LoggerFactory.getLogger(SqliteStorage.class);

    private final Path databaseFile;
    private final StorageWriter writer;
    private final Checkpointer checkpointer;
    private final HikariDataSource readers;
    private final DocumentStore documents;
    private final Tables tables;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteStorage(Path databaseFile, StorageWriter writer, Checkpointer checkpointer, HikariDataSource readers,
            DocumentStore documents) {
        this.databaseFile = databaseFile;
        this.writer = writer;
        this.checkpointer = checkpointer;
        this.readers = readers;
        this.documents = documents;
        this.tables = new SqliteTables(writer, readers);
    }

    static SqliteStorage open(Path dataDir, StorageSettings settings) {
        Path databaseFile = dataDir.resolve(DATABASE_FILE);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StorageException("cannot create the data directory " + dataDir + ": " + e, e);
        }
        SqliteConnections connections = new SqliteConnections(databaseFile, settings.busyTimeout(), settings.durability());
        int applied = Migrations.apply(connections.writeDataSource());
        StorageWriter writer;
        Checkpointer checkpointer;
        try {
            checkpointer = new Checkpointer(connections.openCheckpointConnection());
            writer = new StorageWriter(new WriteSession(connections.openWriteConnection()), checkpointer,
                    settings.maxBatchSize(), settings.maxQueuedWrites(), settings.listener());
        } catch (SQLException e) {
            throw new StorageException("cannot open " + databaseFile + " for writing: " + e.getMessage(), e);
        }
        HikariDataSource readers;
        try {
            readers = connections.openReadPool(settings.readerPoolSize());
        } catch (RuntimeException e) {
            writer.close();
            checkpointer.close();
            throw new StorageException("cannot open " + databaseFile + " for reading: " + e.getMessage(), e);
        }
        DocumentStore documents = new SqliteDocumentStore(writer, new DocumentWrites(settings.clock()),
                new DocumentReads(readers));
        log.info("storage open: {} ({} migration(s) applied)", databaseFile, applied);
        return new SqliteStorage(databaseFile, writer, checkpointer, readers, documents);
    }

    @Override
    public DocumentStore documents() {
        return documents;
    }

    @Override
    public Tables tables() {
        return tables;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.close();
        readers.close();
        // Last, and the only connection left that may write: SQLite's last connection to close copies the whole
        // log into the database and deletes it (a read-only one cannot), so a clean stop leaves no commit that
        // only the log holds, unsynced under Durability.PROCESS_CRASH.
        checkpointer.close();
        log.info("storage closed: {}", databaseFile);
    }
}
