package dev.weft.storage;

import static dev.weft.storage.DocumentStoreTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DocumentStore#append(String, byte[], Executor)}: futures complete on the caller's executor, which gets one
 * task per transaction for all its appends in it, in commit order.
 */
class CallbackExecutorTest {
    @TempDir
    Path dataDir;

    @Test
    void eachExecutorGetsOneTaskPerTransactionCompletingItsAppendsInCommitOrder() throws Exception {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults());
                CountingExecutor loopA = new CountingExecutor("loop-a");
                CountingExecutor loopB = new CountingExecutor("loop-b")) {
            DocumentStore documents = storage.documents();
            List<String> completedOnA = new CopyOnWriteArrayList<>();
            List<String> completedOnB = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            try (WriterGate gate = WriterGate.hold(storage)) {
                for (int i = 0; i < 50; i++) {
                    String a = "a" + i;
                    String b = "b" + i;
                    appends.add(documents.append("doc-a", bytes(a), loopA)
                            .thenRun(() -> completedOnA.add(a + "@" + Thread.currentThread().getName())));
                    appends.add(documents.append("doc-b", bytes(b), loopB)
                            .thenRun(() -> completedOnB.add(b + "@" + Thread.currentThread().getName())));
                    appends.add(documents.append("doc-c", bytes("c" + i)));
                }
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

            assertThat(loopA.tasks).hasValue(1);
            assertThat(loopB.tasks).hasValue(1);
            List<String> expectedA = new ArrayList<>();
            List<String> expectedB = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expectedA.add("a" + i + "@loop-a");
                expectedB.add("b" + i + "@loop-b");
            }
            assertThat(completedOnA).containsExactlyElementsOf(expectedA);
            assertThat(completedOnB).containsExactlyElementsOf(expectedB);
            assertThat(documents.load("doc-a").updates()).hasSize(50);
        }
    }

    @Test
    void aFailedAppendFailsOnItsExecutor() throws Exception {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults());
                CountingExecutor loop = new CountingExecutor("loop")) {
            List<String> failedOn = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> rejected;
            try (WriterGate gate = WriterGate.hold(storage)) {
                rejected = storage.documents().append("", bytes("nameless"), loop)
                        .whenComplete((done, failure) -> failedOn.add(Thread.currentThread().getName()));
            }

            assertThatThrownBy(rejected::join).cause().isInstanceOf(StorageException.class)
                    .hasMessageContaining("CHECK constraint failed");
            assertThat(failedOn).containsExactly("loop");
        }
    }

    @Test
    void anExecutorThatRefusesDoesNotStallTheWriter() {
        Executor shutDown = task -> {
            throw new RejectedExecutionException("event loop shut down");
        };
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            CompletableFuture<Void> dropped = documents.append("doc", bytes("stored, never reported"), shutDown);

            documents.append("doc", bytes("next")).join();

            assertThat(dropped).isNotDone();
            assertThat(documents.load("doc").updates())
                    .containsExactly(bytes("stored, never reported"), bytes("next"));
        }
    }

    /** A single thread of a given name that counts the tasks it is given. */
    private static final class CountingExecutor implements Executor, AutoCloseable {
        final AtomicInteger tasks = new AtomicInteger();
        private final ExecutorService thread;

        CountingExecutor(String name) {
            thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).factory());
        }

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            thread.execute(task);
        }

        @Override
        public void close() {
            thread.close();
        }
    }
}
