package dev.weft.storage;

import static dev.weft.storage.DocumentStoreTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer buffers the log rows of a transaction and caches document ids by name; these cases pin down that
 * neither changes what is stored. A {@link WriterGate} puts the writes of each case into one transaction.
 */
class AppendBatchingTest {
    @TempDir
    Path dataDir;

    @Test
    void appendsAndADeletionOfTheSameDocumentInOneTransactionKeepTheirOrder() {
        RecordingListener listener = new RecordingListener();
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withListener(listener))) {
            DocumentStore documents = storage.documents();
            documents.append("doc", bytes("committed before")).join(); // its id is now cached
            CompletableFuture<Void> beforeDeletion;
            CompletableFuture<Boolean> deletion;
            CompletableFuture<Void> afterDeletion;
            CompletableFuture<Boolean> secondDeletion;
            CompletableFuture<Void> afresh;
            try (WriterGate gate = WriterGate.hold(storage)) {
                beforeDeletion = documents.append("doc", bytes("appended before the deletion"));
                deletion = documents.delete("doc");
                afterDeletion = documents.append("doc", bytes("after the deletion"));
                secondDeletion = documents.delete("doc");
                afresh = documents.append("doc", bytes("afresh"));
            }
            CompletableFuture.allOf(beforeDeletion, deletion, afterDeletion, secondDeletion, afresh).join();

            assertThat(listener.commits.getLast().writes()).isEqualTo(5);
            assertThat(deletion.join()).isTrue();
            assertThat(secondDeletion.join()).isTrue();
            assertThat(documents.load("doc").updates()).containsExactly(bytes("afresh"));
            assertThat(documents.info("doc").orElseThrow().updateCount()).isEqualTo(1);
        }
    }

    @Test
    void aFailedTransactionForgetsTheIdsOfDocumentsItCreated() {
        RecordingListener listener = new RecordingListener();
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withListener(listener))) {
            DocumentStore documents = storage.documents();
            CompletableFuture<Void> created;
            CompletableFuture<Void> rejected;
            CompletableFuture<Void> again;
            try (WriterGate gate = WriterGate.hold(storage)) {
                // "fresh" is created in the transaction that the nameless document makes fail; after the rollback
                // its id names nothing (or, reused by SQLite, the next document created), so each write retried
                // alone must look it up again.
                created = documents.append("fresh", bytes("one"));
                rejected = documents.append("", bytes("nameless"));
                again = documents.append("fresh", bytes("two"));
            }

            assertThatThrownBy(rejected::join).cause().isInstanceOf(StorageException.class)
                    .hasMessageContaining("CHECK constraint failed");
            created.join();
            again.join();
            assertThat(documents.load("fresh").updates()).containsExactly(bytes("one"), bytes("two"));
            assertThat(listener.failures).hasSize(1);

            // The retries left the cache right: later appends, alone and in a group, go to the same document.
            documents.append("fresh", bytes("three")).join();
            assertThat(documents.load("fresh").updates()).containsExactly(bytes("one"), bytes("two"), bytes("three"));
            assertThat(documents.info("")).as("the nameless document was never created").isEmpty();
        }
    }

    @Test
    void manyDocumentsInOneTransactionEachKeepTheirUpdatesInOrder() {
        int documentCount = 300;
        int updatesEach = 3; // 900 rows: INSERTs of 256, 256, 256, 128 and 4 rows
        RecordingListener listener = new RecordingListener();
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withListener(listener))) {
            DocumentStore documents = storage.documents();
            documents.append("doc7", bytes("doc7 before")).join();
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            try (WriterGate gate = WriterGate.hold(storage)) {
                for (int i = 0; i < updatesEach; i++) {
                    for (int d = 0; d < documentCount; d++) {
                        appends.add(documents.append("doc" + d, bytes("doc" + d + " u" + i)));
                    }
                }
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

            assertThat(listener.commits.getLast().writes()).isEqualTo(documentCount * updatesEach);
            for (int d = 0; d < documentCount; d++) {
                List<byte[]> expected = new ArrayList<>();
                if (d == 7) {
                    expected.add(bytes("doc7 before"));
                }
                for (int i = 0; i < updatesEach; i++) {
                    expected.add(bytes("doc" + d + " u" + i));
                }
                assertThat(documents.load("doc" + d).updates()).as("doc%d", d).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void aReopenRestoresDocumentsWrittenInOneTransactionByteForByte() {
        Map<String, List<byte[]>> edits = new LinkedHashMap<>();
        for (int d = 0; d < 5; d++) {
            edits.put("doc" + d, new EditingSession(100 + d).edit(150));
        }
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            try (WriterGate gate = WriterGate.hold(storage)) {
                // Interleaved, as rooms' edits reach the writer.
                int longest = edits.values().stream().mapToInt(List::size).max().orElseThrow();
                for (int i = 0; i < longest; i++) {
                    for (Map.Entry<String, List<byte[]>> document : edits.entrySet()) {
                        if (i < document.getValue().size()) {
                            appends.add(storage.documents().append(document.getKey(), document.getValue().get(i)));
                        }
                    }
                }
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
        }

        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            for (Map.Entry<String, List<byte[]>> document : edits.entrySet()) {
                StoredDocument stored = storage.documents().load(document.getKey());
                List<byte[]> updates = document.getValue();
                assertThat(stored.updates()).containsExactlyElementsOf(updates);
                assertThat(EditingSession.stateOf(stored.allUpdates())).isEqualTo(EditingSession.stateOf(updates));
            }
        }
    }

    @Test
    void theTimeOfTheLastAppendOutlivesACompaction() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07Z"));
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withClock(clock))) {
            DocumentStore documents = storage.documents();
            List<byte[]> updates = new EditingSession(3).edit(10);
            DocumentStoreTest.appendAll(documents, "doc", updates.subList(0, 5));
            clock.advance(Duration.ofMinutes(5));
            DocumentStoreTest.appendAll(documents, "doc", updates.subList(5, updates.size()));
            clock.advance(Duration.ofMinutes(5));

            documents.compact("doc");

            assertThat(documents.info("doc").orElseThrow())
                    .returns(0, DocumentInfo::updateCount)
                    .returns(Instant.parse("2026-03-04T05:06:07Z"), DocumentInfo::createdAt)
                    .returns(Instant.parse("2026-03-04T05:11:07Z"), DocumentInfo::lastModified);
        }
    }
}
