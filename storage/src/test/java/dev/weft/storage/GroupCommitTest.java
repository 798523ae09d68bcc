package dev.weft.storage;

import static dev.weft.storage.DocumentStoreTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit, proven by counting transactions: writes that wait while the writer is busy share one commit.
 * The writer is kept busy by a lock held from another connection, released only once every write is queued, so
 * the counts do not depend on timing. (The busy timeout is set far beyond the test's run: it is how long the
 * writer may wait, not something measured.)
 */
class GroupCommitTest {
    private static final Duration WAIT_AS_LONG_AS_THE_LOCK_IS_HELD = Duration.ofMinutes(10);

    @TempDir
    Path dataDir;

    @Test
    void appendsQueuedWhileTheWriterIsBusyShareOneCommit() throws Exception {
        RecordingListener listener = new RecordingListener();
        StorageSettings settings = StorageSettings.defaults()
                .withBusyTimeout(WAIT_AS_LONG_AS_THE_LOCK_IS_HELD)
                .withListener(listener);
        try (Storage storage = Storage.open(dataDir, settings)) {
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            long appendedBytes = 0;
            try (DatabaseLock lock = DatabaseLock.hold(dataDir)) {
                for (int i = 0; i < 500; i++) {
                    byte[] update = bytes("u" + i);
                    appendedBytes += update.length;
                    appends.add(storage.documents().append("doc" + i % 7, update));
                }
                assertThat(appends).noneMatch(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

            // The writer took at least one append into a transaction before it met the lock; every other append
            // was waiting when that transaction committed, and fits in one batch of 1024.
            assertThat(listener.commits).hasSizeBetween(1, 2);
            assertThat(listener.committedWrites()).isEqualTo(500);
            assertThat(listener.commits.stream().mapToLong(CommitStats::bytes).sum()).isEqualTo(appendedBytes);
        }
    }

    @Test
    void aBatchHoldsAtMostMaxBatchSizeWrites() throws Exception {
        RecordingListener listener = new RecordingListener();
        StorageSettings settings = StorageSettings.defaults()
                .withBusyTimeout(WAIT_AS_LONG_AS_THE_LOCK_IS_HELD)
                .withMaxBatchSize(100)
                .withListener(listener);
        try (Storage storage = Storage.open(dataDir, settings)) {
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            try (DatabaseLock lock = DatabaseLock.hold(dataDir)) {
                for (int i = 0; i < 1000; i++) {
                    appends.add(storage.documents().append("doc", bytes("u" + i)));
                }
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

            assertThat(listener.commits).allSatisfy(commit -> assertThat(commit.writes()).isLessThanOrEqualTo(100));
            // At most one batch smaller than 100 before the lock was met, then full batches.
            assertThat(listener.commits).hasSizeBetween(10, 11);
            assertThat(storage.documents().load("doc").updates()).hasSize(1000);
        }
    }

    @Test
    void aMaxBatchSizeOfOneCommitsEveryWriteAlone() {
        RecordingListener listener = new RecordingListener();
        try (Storage storage = Storage.open(dataDir,
                StorageSettings.defaults().withMaxBatchSize(1).withListener(listener))) {
            DocumentStoreTest.appendAll(storage.documents(), "doc", List.of(bytes("a"), bytes("b"), bytes("c")));

            assertThat(listener.commits).extracting(CommitStats::writes).containsExactly(1, 1, 1);
        }
    }

    @Test
    void concurrentAppendsFromManyThreadsAreAllStoredInEachThreadsOrder() throws Exception {
        int threads = 8;
        int appendsPerThread = 256;
        int documents = 4;
        RecordingListener listener = new RecordingListener();
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withListener(listener));
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<List<CompletableFuture<Void>>>> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                producers.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    List<CompletableFuture<Void>> appends = new ArrayList<>();
                    for (int i = 0; i < appendsPerThread; i++) {
                        appends.add(storage.documents().append("doc" + i % documents, marker(thread, i)));
                    }
                    return appends;
                }, pool));
            }
            start.countDown();
            for (CompletableFuture<List<CompletableFuture<Void>>> producer : producers) {
                CompletableFuture.allOf(producer.join().toArray(CompletableFuture[]::new)).join();
            }

            assertThat(listener.committedWrites()).isEqualTo(threads * appendsPerThread);
            for (int d = 0; d < documents; d++) {
                List<byte[]> stored = storage.documents().load("doc" + d).updates();
                assertThat(stored.size()).isEqualTo(threads * appendsPerThread / documents);
                int[] lastSeen = new int[threads];
                Arrays.fill(lastSeen, -1);
                for (byte[] update : stored) {
                    ByteBuffer marker = ByteBuffer.wrap(update);
                    int thread = marker.getInt();
                    int index = marker.getInt();
                    assertThat(index % documents).isEqualTo(d);
                    assertThat(index).as("thread %d's appends in order", thread).isGreaterThan(lastSeen[thread]);
                    lastSeen[thread] = index;
                }
            }
        }
    }

    @Test
    void aWriteIsRefusedAtOnceWhenTooManyWait() throws Exception {
        StorageSettings settings = StorageSettings.defaults()
                .withBusyTimeout(WAIT_AS_LONG_AS_THE_LOCK_IS_HELD)
                .withMaxQueuedWrites(10);
        try (Storage storage = Storage.open(dataDir, settings)) {
            List<CompletableFuture<Void>> accepted = new ArrayList<>();
            CompletableFuture<Void> refused;
            try (DatabaseLock lock = DatabaseLock.hold(dataDir)) {
                for (int i = 0; i < 10; i++) {
                    accepted.add(storage.documents().append("doc", bytes("u" + i)));
                }
                refused = storage.documents().append("doc", bytes("one too many"));
                assertThat(refused).isCompletedExceptionally();
            }
            assertThatThrownBy(refused::join).cause().isInstanceOf(StorageException.class)
                    .hasMessageContaining("10 writes are already waiting");
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).join();
            assertThat(storage.documents().load("doc").updates()).hasSize(10);
            storage.documents().append("doc", bytes("room again")).join();
        }
    }

    private static byte[] marker(int thread, int index) {
        return ByteBuffer.allocate(8).putInt(thread).putInt(index).array();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
