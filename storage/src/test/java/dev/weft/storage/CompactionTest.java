package dev.weft.storage;

import static dev.weft.storage.DocumentStoreTest.appendAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction keeps a document's state byte for byte: the state of a Yjs document loaded from the compacted
 * snapshot and log equals that of one loaded from the whole log, encoded by the crdt engine.
 */
class CompactionTest {
    @TempDir
    Path dataDir;

    @Test
    void aCompactedDocumentHasTheSameStateFromOneSnapshot() {
        EditingSession session = new EditingSession(7);
        List<byte[]> updates = session.edit(300);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            appendAll(documents, "doc", updates);
            byte[] before = EditingSession.stateOf(documents.load("doc").allUpdates());

            CompactionResult result = documents.compact("doc");

            StoredDocument compacted = documents.load("doc");
            assertThat(result.compacted()).isTrue();
            assertThat(result.updatesFolded()).isEqualTo(updates.size());
            assertThat(result.bytesAfter()).isEqualTo(compacted.snapshot().orElseThrow().length);
            assertThat(compacted.updates()).isEmpty();
            assertThat(EditingSession.stateOf(compacted.allUpdates())).isEqualTo(before);
            assertThat(EditingSession.textOf(compacted.allUpdates())).isEqualTo(session.text());
            assertThat(documents.info("doc").orElseThrow())
                    .returns(0, DocumentInfo::updateCount)
                    .returns(result.bytesAfter(), DocumentInfo::sizeBytes);
        }
    }

    @Test
    void aLogOfMoreUpdatesThanTwoRoundsOfMergeGroupsIsFoldedWhole() {
        // Merged in groups of groups of groups: every update must still be in the one snapshot.
        EditingSession session = new EditingSession(13);
        int edits = SqliteDocumentStore.MERGE_GROUP * SqliteDocumentStore.MERGE_GROUP + 1;
        List<byte[]> updates = session.edit(edits);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            appendAll(documents, "doc", updates);

            assertThat(documents.compact("doc").updatesFolded()).isEqualTo(edits);

            StoredDocument compacted = documents.load("doc");
            assertThat(compacted.updates()).isEmpty();
            assertThat(EditingSession.stateOf(compacted.allUpdates())).isEqualTo(EditingSession.stateOf(updates));
            assertThat(EditingSession.textOf(compacted.allUpdates())).isEqualTo(session.text());
        }
    }

    @Test
    void compactingAgainFoldsTheNewUpdatesIntoTheSnapshotAndAReopenRestoresTheState() {
        EditingSession session = new EditingSession(8);
        List<byte[]> all = new ArrayList<>();
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            for (int round = 0; round < 3; round++) {
                List<byte[]> updates = session.edit(100);
                all.addAll(updates);
                appendAll(documents, "doc", updates);
                assertThat(documents.compact("doc").updatesFolded()).isEqualTo(updates.size());
            }
            List<byte[]> tail = session.edit(20);
            all.addAll(tail);
            appendAll(documents, "doc", tail);
        }

        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            StoredDocument stored = storage.documents().load("doc");
            assertThat(stored.updates()).containsExactlyElementsOf(all.subList(all.size() - 20, all.size()));
            assertThat(EditingSession.stateOf(stored.allUpdates())).isEqualTo(EditingSession.stateOf(all));
            assertThat(EditingSession.textOf(stored.allUpdates())).isEqualTo(session.text());
        }
    }

    @Test
    void updatesAppendedBetweenTheReadAndTheWriteOfACompactionStayInTheLog() {
        EditingSession session = new EditingSession(9);
        List<byte[]> early = session.edit(50);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            SqliteDocumentStore documents = (SqliteDocumentStore) storage.documents();
            appendAll(documents, "doc", early);

            CompactionPlan plan = documents.prepareCompaction("doc", documents.readLog("doc").orElseThrow());
            List<byte[]> late = session.edit(10);
            appendAll(documents, "doc", late);
            CompactionResult result = documents.applyCompaction(plan);

            assertThat(result.updatesFolded()).isEqualTo(early.size());
            StoredDocument stored = documents.load("doc");
            assertThat(stored.updates()).containsExactlyElementsOf(late);
            List<byte[]> all = new ArrayList<>(early);
            all.addAll(late);
            assertThat(EditingSession.stateOf(stored.allUpdates())).isEqualTo(EditingSession.stateOf(all));
        }
    }

    @Test
    void ofTwoCompactionsPreparedFromTheSameReadOnlyTheFirstIsWritten() {
        List<byte[]> updates = new EditingSession(10).edit(40);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            SqliteDocumentStore documents = (SqliteDocumentStore) storage.documents();
            appendAll(documents, "doc", updates);
            DocumentLog read = documents.readLog("doc").orElseThrow();
            CompactionPlan first = documents.prepareCompaction("doc", read);
            CompactionPlan second = documents.prepareCompaction("doc", read);

            assertThat(documents.applyCompaction(first).compacted()).isTrue();
            assertThat(documents.applyCompaction(second).compacted()).isFalse();
            assertThat(EditingSession.stateOf(documents.load("doc").allUpdates()))
                    .isEqualTo(EditingSession.stateOf(updates));
        }
    }

    @Test
    void aCompactionPreparedBeforeADeletionDoesNotTouchTheDocumentCreatedAfterIt() {
        EditingSession oldSession = new EditingSession(11);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            SqliteDocumentStore documents = (SqliteDocumentStore) storage.documents();
            appendAll(documents, "doc", oldSession.edit(30));
            CompactionPlan stale = documents.prepareCompaction("doc", documents.readLog("doc").orElseThrow());
            documents.delete("doc").join();
            List<byte[]> fresh = new EditingSession(12).edit(5);
            appendAll(documents, "doc", fresh);

            assertThat(documents.applyCompaction(stale).compacted()).isFalse();
            StoredDocument stored = documents.load("doc");
            assertThat(stored.snapshot()).isEmpty();
            assertThat(stored.updates()).containsExactlyElementsOf(fresh);
        }
    }

    @Test
    void thereIsNothingToCompactWithoutUpdatesInTheLog() {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            assertThat(documents.compact("missing").compacted()).isFalse();

            appendAll(documents, "doc", new EditingSession(13).edit(5));
            CompactionResult first = documents.compact("doc");
            CompactionResult second = documents.compact("doc");

            assertThat(second.compacted()).isFalse();
            assertThat(second.bytesBefore()).isEqualTo(first.bytesAfter());
        }
    }

    @Test
    void aLogThatCannotBeMergedFailsTheCompactionAndStaysAsItWas() {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            List<byte[]> updates = new EditingSession(14).edit(2);
            byte[] truncated = Arrays.copyOf(updates.get(1), updates.get(1).length / 2);
            appendAll(documents, "doc", List.of(updates.get(0), truncated));

            assertThatThrownBy(() -> documents.compact("doc")).isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("compacting document 'doc' failed: its log holds an update that cannot be decoded");
            assertThat(documents.load("doc").updates()).containsExactly(updates.get(0), truncated);
        }
    }
}
