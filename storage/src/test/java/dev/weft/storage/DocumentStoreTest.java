package dev.weft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void appendedUpdatesSurviveAReopenInAppendOrderByteForByte() {
        List<byte[]> updates = new EditingSession(1).edit(200);
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            appendAll(storage.documents(), "notes", updates);
        }

        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            StoredDocument stored = storage.documents().load("notes");
            assertThat(stored.snapshot()).isEmpty();
            assertThat(stored.updates()).containsExactlyElementsOf(updates);
            assertThat(EditingSession.stateOf(stored.allUpdates())).isEqualTo(EditingSession.stateOf(updates));
        }
    }

    @Test
    void documentsAreKeptApart() {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            documents.append("a", bytes("a1")).join();
            documents.append("b", bytes("b1")).join();
            documents.append("a", bytes("a2")).join();

            assertThat(documents.load("a").updates()).containsExactly(bytes("a1"), bytes("a2"));
            assertThat(documents.load("b").updates()).containsExactly(bytes("b1"));
        }
    }

    @Test
    void aDocumentNeverWrittenLoadsEmptyAndHasNoInfo() {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            StoredDocument stored = storage.documents().load("nothing");

            assertThat(stored.isEmpty()).isTrue();
            assertThat(stored.allUpdates()).isEmpty();
            assertThat(storage.documents().info("nothing")).isEmpty();
        }
    }

    @Test
    void infoReportsSizeUpdateCountAndTimes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults().withClock(clock))) {
            DocumentStore documents = storage.documents();
            documents.append("b", new byte[10]).join();
            clock.advance(Duration.ofMinutes(1));
            documents.append("b", new byte[5]).join();
            documents.append("a", new byte[7]).join();

            assertThat(documents.info("b")).contains(new DocumentInfo("b", 15, 2,
                    Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:05:05Z")));
            assertThat(documents.info("a")).hasValueSatisfying(a -> assertThat(a)
                    .returns(7L, DocumentInfo::sizeBytes)
                    .returns(1, DocumentInfo::updateCount));
        }
    }

    @Test
    void deletingADocumentRemovesItsLogAndALaterAppendStartsItAfresh() {
        try (Storage storage = Storage.open(dataDir, StorageSettings.defaults())) {
            DocumentStore documents = storage.documents();
            documents.append("gone", bytes("old")).join();
            documents.append("kept", bytes("kept")).join();

            assertThat(documents.delete("gone").join()).isTrue();
            assertThat(documents.delete("gone").join()).isFalse();
            assertThat(documents.load("gone").isEmpty()).isTrue();
            assertThat(documents.info("gone")).isEmpty();
            assertThat(documents.info("kept")).isPresent();

            documents.append("gone", bytes("new")).join();
            assertThat(documents.load("gone").updates()).containsExactly(bytes("new"));
        }
    }

    @Test
    void closeCommitsEveryAcceptedAppendAndRefusesLaterOnes() {
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        Storage storage = Storage.open(dataDir, StorageSettings.defaults());
        for (int i = 0; i < 1000; i++) {
            appends.add(storage.documents().append("doc", bytes("u" + i)));
        }
        storage.close();

        assertThat(appends).allSatisfy(append -> assertThat(append).isCompleted());
        CompletableFuture<Void> late = storage.documents().append("doc", bytes("late"));
        assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(StorageException.class).hasMessageContaining("closed");

        try (Storage reopened = Storage.open(dataDir, StorageSettings.defaults())) {
            List<byte[]> stored = reopened.documents().load("doc").updates();
            assertThat(stored).hasSize(1000);
            assertThat(stored.getLast()).isEqualTo(bytes("u999"));
        }
    }

    @Test
    void closeIsIdempotent() {
        Storage storage = Storage.open(dataDir, StorageSettings.defaults());
        storage.close();
        storage.close();
    }

    static void appendAll(DocumentStore documents, String document, List<byte[]> updates) {
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        for (byte[] update : updates) {
            appends.add(documents.append(document, update));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
