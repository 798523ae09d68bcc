package dev.weft.storage;

import static dev.weft.storage.DocumentStoreTest.appendAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The write-ahead log is copied into the database off the writer's thread, and under steady writes it starts over
 * instead of growing: real SQLite on disk.
 */
class CheckpointerTest {
    private static final int UPDATE_BYTES = 16 * 1024;
    private static final int UPDATES_PER_COMMIT = 4;
    /** 100 MB in 4 KB pages: at least 25,600 frames, over 6 times RESTART_FRAMES. */
    private static final int COMMITS = 1600;

    @TempDir
    Path dataDir;

    @Test
    void underSteadyWritesTheLogStartsOverInsteadOfHoldingEveryCommit() throws Exception {
        byte[] update = new byte[UPDATE_BYTES];
        new Random(1).nextBytes(update);
        List<byte[]> commit = Collections.nCopies(UPDATES_PER_COMMIT, update);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            for (int i = 0; i < COMMITS; i++) {
                appendAll(storage.documents(), "doc", commit);
                // Paced like clients, not one burst: background checkpoints run between the commits.
                Thread.sleep(1);
            }

            // What the log holds now, since it last started over (this checkpoint also copies it).
            Checkpointer.Progress progress;
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Storage.DATABASE_FILE))) {
                progress = Checkpointer.checkpoint(connection);
            }
            long framesWritten = (long) COMMITS * UPDATES_PER_COMMIT * UPDATE_BYTES / 4096;
            // Started over at least once, long after RESTART_FRAMES: a log that never does holds all of them.
            assertThat(progress.logFrames()).isLessThan(framesWritten / 2);
            assertThat(storage.documents().load("doc").updates()).hasSize(COMMITS * UPDATES_PER_COMMIT);
        }
        try (Storage reopened = Storage.open(dataDir, StorageSettings.defaults())) {
            List<byte[]> stored = reopened.documents().load("doc").updates();
            assertThat(stored).hasSize(COMMITS * UPDATES_PER_COMMIT);
            assertThat(stored.getLast()).isEqualTo(update);
        }
    }

    @Test
    void afterABurstTheLogFileIsCutBackWhenTheLogStartsOver() throws Exception {
        Path log = dataDir.resolve(Storage.DATABASE_FILE + "-wal");
        byte[] burst = new byte[Checkpointer.LOG_SIZE_LIMIT_BYTES + (16 << 20)];
        new Random(2).nextBytes(burst);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            storage.documents().append("big", burst).join();
            assertThat(Files.size(log)).isGreaterThan(burst.length);

            // Steady small writes, paced like clients': the log is copied, starts over, and its file is cut back.
            byte[] update = new byte[1024];
            for (int i = 0; i < 10_000 && Files.size(log) > Checkpointer.LOG_SIZE_LIMIT_BYTES; i++) {
                storage.documents().append("small", update).join();
                Thread.sleep(1);
            }
            assertThat(Files.size(log)).isLessThanOrEqualTo(Checkpointer.LOG_SIZE_LIMIT_BYTES);
            assertThat(storage.documents().load("big").updates()).containsExactly(burst);
        }
    }

    /**
     * A clean stop leaves nothing in the write-ahead log: with {@link Durability#PROCESS_CRASH} the log is not
     * synced at commits, so what it still held would be lost to a power cut after the stop.
     */
    @ParameterizedTest
    @EnumSource(Durability.class)
    void aCleanStopCopiesTheWholeLogIntoTheDatabase(Durability durability) throws Exception {
        Path log = dataDir.resolve(Storage.DATABASE_FILE + "-wal");
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withDurability(durability))) {
            appendAll(storage.documents(), "doc", List.of(new byte[] {1}, new byte[] {2}));
            assertThat(log).as("the commits are in the log until a checkpoint").isNotEmptyFile();
        }

        assertThat(Files.exists(log) ? Files.size(log) : 0).isZero();
    }
}
