package dev.weft.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * The plain tables of the server's features (documents' records, share links, comments, plugins, ...), for their
 * repositories. A feature keeps its SQL in its own repository class and its schema in a numbered migration; this
 * is only the way in:
 *
 * <ul>
 *   <li>{@link #write} queues the work for the storage's one writer, which runs it inside a transaction shared
 *       with every other write queued at the same time (group commit) and completes the future after COMMIT. If the
 *       work throws, only its own statements are rolled back and its future fails with a {@link StorageException}.
 *   <li>{@link #read} runs the work on a pooled read connection in the calling thread, inside one read
 *       transaction (a consistent snapshot). It blocks: call it from a virtual thread, never from an event loop.
 * </ul>
 *
 * <p>The work gets a plain JDBC connection that it must not commit, roll back or close, and should use portable
 * SQL (DESIGN: the same repositories are meant to run on PostgreSQL one day). The documents' own tables are
 * {@link DocumentStore}'s: a feature reads them at most, and deletes a document through
 * {@link DocumentStore#delete} (the writer caches document ids).
 */
public interface Tables {

    /**
     * Queues {@code work} for the writer.
     *
     * @param description what the write does, for error messages ("create share link for 'notes'")
     * @return completes with the work's result once committed; fails with a {@link StorageException} if the work
     *     failed, or at once if the storage is closed or too many writes wait
     */
    <T> CompletableFuture<T> write(String description, SqlWork<T> work);

    /**
     * Runs {@code work} on a read connection, in the calling thread.
     *
     * @throws StorageException if the work throws an {@link SQLException} or no connection is available
     */
    <T> T read(String description, SqlWork<T> work);

    /** Statements run on a connection lent for the duration of the call. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
