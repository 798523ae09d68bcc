package dev.weft.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents leave memory once nobody has used them for a while, and come back from storage as they were. */
class EvictionTest {
    private static final byte[] EMPTY_STATE_VECTOR = {0};

    @TempDir
    Path dataDir;

    @Test
    void anIdleDocumentIsEvictedAndReloadsByteIdenticallyBeforeAnsweringAnyone() {
        Doc doc = new Doc();
        try (WeftServer server = WeftServer.start(TestServers.config(dataDir)
                .withDocumentIdleTimeout(Duration.ofMillis(300)))) {
            try (RawClient writer = RawClient.connect(server.port(), "idle")) {
                writer.awaitMessage(SyncStep1.class);
                writer.send(new SyncUpdate(Edits.insert(doc, "t", "kept ")));
                writer.send(new SyncUpdate(Edits.insert(doc, "t", "in storage")));
                writer.send(new SyncStep1(EMPTY_STATE_VECTOR));
                writer.awaitMessage(SyncStep2.class);
                // Held by a connection: never evicted, however long it stays.
                await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                        .until(() -> server.metrics().loadedDocuments() == 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().loadedDocuments() == 0);
            assertThat(server.metrics().scrape()).containsPattern("(?m)^weft_documents_evictions_total 1");

            try (RawClient reader = RawClient.connect(server.port(), "idle")) {
                reader.send(new SyncStep1(EMPTY_STATE_VECTOR)); // before the load finishes: queued, then answered
                SyncStep2 answer = reader.awaitMessage(SyncStep2.class);
                Doc reloaded = new Doc();
                reloaded.applyUpdate(answer.update());
                assertThat(reloaded.encodeStateAsUpdate()).isEqualTo(doc.encodeStateAsUpdate());
                assertThat(reader.awaitMessage(SyncStep1.class).stateVector()).isEqualTo(doc.encodeStateVector());
            }
        }
    }
}
