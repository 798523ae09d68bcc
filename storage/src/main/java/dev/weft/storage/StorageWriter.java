package dev.weft.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one thread that writes to the database, with group commit.
 *
 * <p>Design: callers queue {@link WriteTask}s from any thread. The writer takes every task waiting (up to the
 * batch size), runs them in queue order in one transaction and commits once, so that while one commit waits
 * for the disk the next writes gather behind it: under load, many writes share one sync, and with little load
 * a write is committed at once, without waiting for company. Only after COMMIT returns are the tasks' futures
 * completed, in commit order, never on the writer, so callers' callbacks never run on (or stall) it: on the
 * executor a write was submitted with, which gets one task per transaction for all its writes in it (a room's
 * event loop: one wakeup per commit), or else on the storage's completion thread.
 *
 * <p>If a transaction fails, it is rolled back and its writes are retried in two halves, in order, each half
 * split again if it fails: the write that caused the failure fails alone with a {@link StorageException}, the
 * others commit, and the writer goes on with the next batch. One bad write among n costs about 2 log2(n) commits,
 * not n (each of them a sync of the disk). A failure of the database rather than of a write (locked by another
 * process past the busy timeout, full, an I/O error) fails every write of the transaction at once: each half would
 * fail alike, 2n - 1 times in all.
 *
 * <p>Closing stops accepting writes, commits every write accepted before, and then stops the threads.
 */
final class StorageWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StorageWriter.class);

    /** Queued by {@link #close} after every accepted write; nothing is queued after it. */
    private static final WriteTask<Void> STOP = new WriteTask<>("stop", 0, session -> null, null, null);

    /**
     * The primary result codes of failures that are the database's, not a write's. Not SQLITE_LOCKED: with one
     * write connection and no shared cache, only that connection's own statements conflict, a write's doing.
     */
    private static final Set<Integer> DATABASE_FAILURES = Stream.of(SQLiteErrorCode.SQLITE_BUSY,
                    SQLiteErrorCode.SQLITE_NOMEM, SQLiteErrorCode.SQLITE_READONLY, SQLiteErrorCode.SQLITE_IOERR,
                    SQLiteErrorCode.SQLITE_CORRUPT, SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_CANTOPEN,
                    SQLiteErrorCode.SQLITE_NOTADB)
            .map(code -> code.code)
            .collect(Collectors.toUnmodifiableSet());

    private final WriteSession session;
    private final Checkpointer checkpointer;
    private final int maxBatchSize;
    private final int maxQueuedWrites;
    private final StorageListener listener;
    private final BlockingQueue<WriteTask<?>> queue = new LinkedBlockingQueue<>();
    /** Writes accepted and not yet committed or failed, queued or in the transaction under way. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Submitting holds the read lock, closing the write lock: no write slips in after {@link #STOP}. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;
    private final ExecutorService completions = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("weft-storage-completions").daemon(true).factory());
    private final Thread thread;

    StorageWriter(WriteSession session, Checkpointer checkpointer, int maxBatchSize, int maxQueuedWrites,
            StorageListener listener) {
        this.session = session;
        this.checkpointer = checkpointer;
        this.maxBatchSize = maxBatchSize;
        this.maxQueuedWrites = maxQueuedWrites;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("weft-storage-writer").daemon(true).start(this::run);
    }

    /**
     * Queues a write whose future completes on the storage's completion thread.
     *
     * @return completes with the work's result after its transaction committed; fails with a
     *     {@link StorageException} if it failed, or at once if the writer is closed or too many writes wait
     */
    <T> CompletableFuture<T> submit(String description, long bytes, SqlWork<T> work) {
        return submit(description, bytes, completions, work);
    }

    /**
     * Queues a write whose future completes on {@code callbacks}, which must not block on the writer (a refusal
     * fails it at once, on the calling thread). If {@code callbacks} rejects the task, the writer logs it and the
     * future never completes: the executor is gone, and whoever waited on it with it.
     */
    <T> CompletableFuture<T> submit(String description, long bytes, Executor callbacks, SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        lifecycle.readLock().lock();
        try {
            if (closed) {
                result.completeExceptionally(new StorageException(description + " refused: the storage is closed"));
            } else if (pending.incrementAndGet() > maxQueuedWrites) {
                pending.decrementAndGet();
                result.completeExceptionally(new StorageException(description + " refused: "
                        + maxQueuedWrites + " writes are already waiting for the disk"));
            } else {
                queue.add(new WriteTask<>(description, bytes, work, callbacks, result));
            }
        } finally {
            lifecycle.readLock().unlock();
        }
        return result;
    }

    private void run() {
        List<WriteTask<?>> batch = new ArrayList<>(maxBatchSize);
        boolean stopping = false;
        while (!stopping) {
            batch.add(takeUninterruptibly());
            queue.drainTo(batch, maxBatchSize - 1);
            if (batch.getLast() == STOP) {
                batch.removeLast();
                stopping = true;
            }
            if (!batch.isEmpty()) {
                commit(batch);
                // After the commit, whose futures are handed out already: the next batch gathers meanwhile.
                if (checkpointer.takeCatchUpRequest()) {
                    catchUpWithCheckpoints();
                }
            }
            batch.clear();
        }
    }

    private WriteTask<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() may stop the writer, and it does so through the queue.
                log.warn("the storage writer was interrupted; it stops only when the storage closes");
            }
        }
    }

    /** Runs the tasks in one transaction; on failure, runs each half on its own so that only the failing one fails. */
    private void commit(List<WriteTask<?>> batch) {
        long started = System.nanoTime();
        Object[] results = new Object[batch.size()];
        try {
            for (int i = 0; i < batch.size(); i++) {
                results[i] = batch.get(i).work().run(session);
            }
            session.commit();
        } catch (Exception | Error e) {
            // Errors too (a feature's AssertionError, say): a writer thread that died would leave this batch's
            // futures, and those of every write after it, incomplete for good.
            rollback();
            if (batch.size() == 1) {
                fail(batch.getFirst(), e);
            } else if (isTheDatabases(e)) {
                log.warn("a transaction of {} writes failed ({}), a failure of the database, not of one write: "
                        + "failing them all", batch.size(), e.toString());
                batch.forEach(task -> fail(task, e));
            } else {
                log.warn("a transaction of {} writes failed ({}); committing it in halves", batch.size(), e.toString());
                int half = batch.size() / 2;
                commit(batch.subList(0, half));
                commit(batch.subList(half, batch.size()));
            }
            return;
        }
        report(batch, Duration.ofNanos(System.nanoTime() - started));
        checkpointer.committed();
        pending.addAndGet(-batch.size());
        completeInCommitOrder(batch, results);
    }

    /** Whether {@code failure} is the database's, which any part of a transaction meets alike, not one write's. */
    private static boolean isTheDatabases(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                // A snapshot made stale by another process's commit: the retry of a half starts a fresh one.
                if (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT) {
                    return false;
                }
                // Extended codes (SQLITE_IOERR_FSYNC, ...) carry their primary code in the low byte.
                return DATABASE_FAILURES.contains(sqlite.getResultCode().code & 0xff);
            }
        }
        return false;
    }

    /** Hands each executor of the batch one task that completes its futures, in commit order. */
    private static void completeInCommitOrder(List<WriteTask<?>> batch, Object[] results) {
        Map<Executor, CommittedWrites> byExecutor = new IdentityHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            WriteTask<?> task = batch.get(i);
            byExecutor.computeIfAbsent(task.callbacks(), executor -> new CommittedWrites()).add(task, results[i]);
        }
        byExecutor.forEach(StorageWriter::execute);
    }

    /** The writes of one transaction whose futures complete on one executor, with their results. */
    private static final class CommittedWrites implements Runnable {
        private final List<WriteTask<?>> tasks = new ArrayList<>();
        private final List<Object> results = new ArrayList<>();

        void add(WriteTask<?> task, Object result) {
            tasks.add(task);
            results.add(result);
        }

        @Override
        public void run() {
            for (int i = 0; i < tasks.size(); i++) {
                complete(tasks.get(i), results.get(i));
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> void complete(WriteTask<T> task, Object result) {
            task.result().complete((T) result);
        }
    }

    private static void execute(Executor callbacks, Runnable completion) {
        try {
            callbacks.execute(completion);
        } catch (RejectedExecutionException e) {
            log.warn("an executor refused the completion of storage writes ({}); their futures stay incomplete",
                    e.toString());
        }
    }

    /**
     * Checkpoints on the writer's connection, between two transactions: the few frames the background checkpoints
     * have not copied yet, so that the next transaction starts the log over (see {@link Checkpointer}).
     */
    private void catchUpWithCheckpoints() {
        try {
            Checkpointer.Progress progress = session.checkpoint();
            if (!progress.copiedAll()) {
                log.debug("the write-ahead log could not be copied whole yet ({}); the next background checkpoint "
                        + "asks again", progress);
            }
        } catch (SQLException e) {
            log.warn("checkpointing on the writer's connection failed: {}", e.getMessage());
        }
    }

    private void rollback() {
        try {
            session.rollback();
        } catch (SQLException e) {
            log.error("rolling back a failed transaction failed", e);
        }
    }

    private void fail(WriteTask<?> task, Throwable cause) {
        StorageException failure = new StorageException(task.description() + " failed: " + cause.getMessage(), cause);
        log.warn("{}", failure.getMessage());
        try {
            listener.writeFailed(failure);
        } catch (RuntimeException e) {
            log.warn("storage listener failed", e);
        }
        pending.decrementAndGet();
        execute(task.callbacks(), () -> task.result().completeExceptionally(failure));
    }

    private void report(List<WriteTask<?>> batch, Duration latency) {
        long bytes = 0;
        for (WriteTask<?> task : batch) {
            bytes += task.bytes();
        }
        try {
            listener.committed(new CommitStats(batch.size(), bytes, latency));
        } catch (RuntimeException e) {
            log.warn("storage listener failed", e);
        }
    }

    /**
     * Refuses new writes, waits until the writer has committed every accepted one and every future of the
     * completion thread is completed (those of callers' executors are handed to them), then closes the
     * connection. Must not be called from the writer or from a callback of its futures.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        } finally {
            lifecycle.writeLock().unlock();
        }
        joinUninterruptibly(thread);
        completions.shutdown();
        awaitCompletions();
        try {
            session.close();
        } catch (SQLException e) {
            log.warn("closing the write connection failed", e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitCompletions() {
        try {
            // Completing futures takes microseconds; only a caller's callback that blocks could hold this up.
            if (!completions.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("storage futures' callbacks still running 30 s after the last commit; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
