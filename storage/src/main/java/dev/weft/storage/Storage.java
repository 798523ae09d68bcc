package dev.weft.storage;

import java.nio.file.Path;

/**
 * Weft's database: one SQLite file, {@value #DATABASE_FILE}, in a data directory, behind repositories.
 *
 * <p>{@link #open} creates the directory and the file if needed, puts the database in WAL mode with foreign keys
 * on and the settings' {@link Durability} (with {@link Durability#POWER_LOSS}, {@code synchronous=FULL}, a write
 * whose future has completed survives a power loss; with {@link Durability#PROCESS_CRASH},
 * {@code synchronous=NORMAL}, a crash of the process), and applies the schema migrations that are not applied yet.
 * One writer thread owns the only connection that writes rows, a checkpointer thread copies the write-ahead log
 * into the database file, and reads come from a pool. {@link #close} commits every write accepted before it, then
 * closes everything; it must not be called from a callback of a storage future.
 *
 * <pre>{@code
 * try (Storage storage = Storage.open(Path.of("data"), StorageSettings.defaults())) {
 *     storage.documents().append("notes", update).join();
 * }
 * }</pre>
 */
public interface Storage extends AutoCloseable {
    /** The name of the database file in the data directory. */
    String DATABASE_FILE = "weft.db";

    /**
     * Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date.
     *
     * @throws StorageException if the directory or database cannot be created or opened, or a migration fails
     */
    static Storage open(Path dataDir, StorageSettings settings) {
        return SqliteStorage.open(dataDir, settings);
    }

    /** Documents: their update logs, snapshots and metadata. */
    DocumentStore documents();

    /** The features' plain tables, for their repositories: writes with group commit, reads from the pool. */
    Tables tables();

    /** Commits the writes accepted so far, refuses later ones, and closes the connections. Idempotent. */
    @Override
    void close();
}
