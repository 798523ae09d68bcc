package dev.weft.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from the write-ahead log into the database file, off the writer's thread.
 *
 * <p>Design: left to itself, SQLite checkpoints in the connection that commits once the log passes 1000 pages:
 * that commit copies megabytes and syncs the database file, and every write queued behind it waits (tens of
 * milliseconds on a virtual disk, several times a second under load: the tail of the latency every client sees).
 * So the writer's connection has automatic checkpoints off, and after commits this thread, on a connection of its
 * own, runs a PASSIVE checkpoint, at most one per {@link #INTERVAL_MILLIS}: it copies what is committed without
 * blocking the writer, and costs nothing while nothing is written.
 *
 * <p>A passive checkpoint alone would let the log grow forever under steady writes: SQLite starts the log over
 * only when a write transaction begins with every frame copied, and the writer appends while the checkpoint copies.
 * So once the log holds {@link #RESTART_FRAMES} frames, the writer is asked to checkpoint itself between two
 * transactions ({@link #checkpoint(Connection)} on its connection): that copies only the frames of the last few
 * commits, and its next transaction starts the log over.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /** The shortest time between two background checkpoints: commits in between share one. */
    static final long INTERVAL_MILLIS = 100;
    /** SQLite's page size, which Weft leaves at its default: a frame of the log holds one page. */
    private static final int PAGE_BYTES = 4096;
    /** Frames (pages) in the log above which the writer catches up so that the log starts over: 16 MB. */
    static final long RESTART_FRAMES = 4096;
    /**
     * What the log file is cut back to when it starts over (SQLite's {@code journal_size_limit}): a burst (a large
     * document's snapshot, a long-running reader holding the log) may grow it far beyond what steady writes need,
     * and SQLite reuses the file from its start without ever shrinking it otherwise. Twice the size the log starts
     * over at: under steady writes the file is never cut, so commits do not grow it again (a sync that changes a
     * file's size costs the file system more).
     */
    static final int LOG_SIZE_LIMIT_BYTES = Math.toIntExact(2 * RESTART_FRAMES * PAGE_BYTES);

    /** What {@code PRAGMA wal_checkpoint} reports: whether it was blocked, the log's frames, the frames copied. */
    record Progress(boolean busy, long logFrames, long checkpointedFrames) {
        boolean copiedAll() {
            return !busy && logFrames == checkpointedFrames;
        }
    }

    private final Connection connection;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean writerShouldCatchUp;

    /** @param connection a connection of its own to the database, in auto-commit mode; closed with this */
    Checkpointer(Connection connection) {
        this.connection = connection;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("weft-checkpointer").daemon(true).factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    /** The writer committed: a checkpoint follows within {@link #INTERVAL_MILLIS}. Any thread, never blocks. */
    void committed() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::checkpointInBackground, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closed: the last connection to close copies the log.
            }
        }
    }

    /**
     * Whether the writer should checkpoint on its own connection before its next transaction (the log is long);
     * the request is taken, and made again by the next background checkpoint if the log is still long.
     */
    boolean takeCatchUpRequest() {
        if (!writerShouldCatchUp) {
            return false;
        }
        writerShouldCatchUp = false;
        return true;
    }

    private void checkpointInBackground() {
        scheduled.set(false);
        try {
            Progress progress = checkpoint(connection);
            writerShouldCatchUp = progress.logFrames() >= RESTART_FRAMES;
        } catch (SQLException e) {
            log.warn("a background checkpoint failed (the next commit schedules another): {}", e.getMessage());
        }
    }

    /** Runs a PASSIVE checkpoint on {@code connection}, which must have no transaction open. */
    static Progress checkpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            return new Progress(result.getInt(1) != 0, result.getLong(2), result.getLong(3));
        }
    }

    /** Stops the thread (a checkpoint under way finishes first) and closes the connection. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("a checkpoint still running 30 s after the storage closed; closing its connection anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the checkpointer's connection failed", e);
        }
    }
}
