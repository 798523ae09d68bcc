package dev.weft.storage;

import static dev.weft.storage.DocumentStoreTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails fails its own future with a clear exception; the others commit and the writer goes on. */
class WriteFailureTest {
    @TempDir
    Path dataDir;

    @Test
    void aWriteTheSchemaRejectsFailsAloneWhileTheRestOfItsBatchCommits() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (Storage storage = open(Duration.ofMinutes(10), listener)) {
            DocumentStore documents = storage.documents();
            CompletableFuture<Void> before;
            CompletableFuture<Void> rejected;
            CompletableFuture<Void> after;
            // Held so that the three queue up together (the documents table requires a non-empty name).
            try (DatabaseLock lock = DatabaseLock.hold(dataDir)) {
                before = documents.append("doc", bytes("before"));
                rejected = documents.append("", bytes("nameless"));
                after = documents.append("doc", bytes("after"));
            }

            assertThatThrownBy(rejected::join).cause()
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("append to document '' failed: ")
                    .hasMessageContaining("CHECK constraint failed")
                    .hasCauseInstanceOf(SQLException.class);
            before.join();
            after.join();
            assertThat(documents.load("doc").updates()).containsExactly(bytes("before"), bytes("after"));
            assertThat(listener.failures).hasSize(1);
            assertThat(listener.committedWrites()).isEqualTo(2);
        }
    }

    @Test
    void aBatchWithOneBadWriteIsRetriedInHalvesNotWriteByWrite() {
        RecordingListener listener = new RecordingListener();
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withListener(listener))) {
            DocumentStore documents = storage.documents();
            int writes = 256;
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            try (WriterGate gate = WriterGate.hold(storage)) {
                for (int i = 0; i < writes; i++) {
                    appends.add(documents.append(i == 100 ? "" : "doc", bytes("u" + i)));
                }
            }
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                if (i == 100) {
                    assertThatThrownBy(appends.get(i)::join).cause().isInstanceOf(StorageException.class);
                } else {
                    appends.get(i).join();
                    expected.add(bytes("u" + i));
                }
            }

            assertThat(documents.load("doc").updates()).containsExactlyElementsOf(expected);
            // The gate's own commit, then the halves that committed: at most two per halving (log2(256) = 8).
            assertThat(listener.commits).hasSizeLessThanOrEqualTo(1 + 2 * 8);
            assertThat(listener.committedWrites()).isEqualTo(1 + writes - 1);
        }
    }

    @Test
    void aBatchTheDatabaseRefusesFailsWholeAtOnceNotHalfByHalf() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (Storage storage = open(Duration.ofMillis(20), listener)) {
            DocumentStore documents = storage.documents();
            int appends = 63;
            AtomicInteger attempts = new AtomicInteger();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            DatabaseLock lock;
            try (WriterGate gate = WriterGate.hold(storage)) {
                // First in the batch, so that it runs in every attempt at any part of it.
                writes.add(storage.tables().write("count the attempts", session -> attempts.incrementAndGet()));
                for (int i = 0; i < appends; i++) {
                    writes.add(documents.append("doc", bytes("u" + i)));
                }
                // Another process takes the write lock before the writer's next transaction: all of it would fail.
                lock = DatabaseLock.hold(dataDir);
            }
            try (lock) {
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).handle((done, failed) -> null).join();
            }
            documents.append("doc", bytes("after")).join();

            assertThat(attempts).as("transactions tried").hasValue(1);
            for (CompletableFuture<?> write : writes) {
                assertThatThrownBy(write::join).cause().isInstanceOf(StorageException.class)
                        .hasMessageContaining("SQLITE_BUSY");
            }
            assertThat(listener.failures).hasSize(1 + appends);
            assertThat(documents.load("doc").updates()).containsExactly(bytes("after"));
        }
    }

    @Test
    void aWriteThatCannotGetTheLockFailsAndTheWriterGoesOnOnceItIsFree() throws Exception {
        StorageSettings settings = StorageSettings.defaults().withBusyTimeout(Duration.ofMillis(20));
        try (Storage storage = Storage.open(dataDir, settings)) {
            DocumentStore documents = storage.documents();
            try (DatabaseLock lock = DatabaseLock.hold(dataDir)) {
                CompletableFuture<Void> blocked = documents.append("doc", bytes("blocked"));

                assertThatThrownBy(blocked::join).cause()
                        .isInstanceOf(StorageException.class)
                        .hasMessageStartingWith("append to document 'doc' failed: ")
                        .hasMessageContaining("SQLITE_BUSY");
            }
            documents.append("doc", bytes("free")).join();

            assertThat(documents.load("doc").updates()).containsExactly(bytes("free"));
        }
    }

    @Test
    void aWriteThatThrowsAnErrorFailsAloneAndTheWriterGoesOn() {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            CompletableFuture<Object> broken = storage.tables().write("broken feature", connection -> {
                throw new AssertionError("a feature's bug");
            });

            assertThat(broken).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(StorageException.class)
                    .withMessage("broken feature failed: a feature's bug")
                    .withCauseInstanceOf(AssertionError.class);
            storage.documents().append("doc", bytes("after")).join();
            assertThat(storage.documents().load("doc").updates()).containsExactly(bytes("after"));
        }
    }

    /** The storage of {@code dataDir} with a busy timeout of its own, reporting to {@code listener}. */
    private Storage open(Duration busyTimeout, StorageListener listener) {
        return Storage.open(dataDir, StorageSettings.defaults().withBusyTimeout(busyTimeout).withListener(listener));
    }
}
