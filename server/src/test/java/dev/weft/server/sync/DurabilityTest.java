package dev.weft.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.SyncProtocolMessage;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing anyone has seen is lost: the server broadcasts an update only once it is committed, so after a crash
 * the restarted server holds every update any client received; and SIGTERM flushes what was accepted.
 */
class DurabilityTest {
    private static final byte[] EMPTY_STATE_VECTOR = {0};

    @TempDir
    Path dataDir;

    /** Both durabilities promise this much: a crash of the process takes back nothing committed. */
    @ParameterizedTest
    @ValueSource(strings = {"power-loss", "process-crash"})
    void afterASigkillWhileClientsWriteTheRestartedServerHoldsEveryUpdateAnyClientReceived(String durability)
            throws Exception {
        List<RawClient> clients = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dataDir, "--durability", durability)) {
            RawClient observer = RawClient.connect(server.port(), "crash");
            clients.add(observer);
            for (int i = 0; i < 3; i++) {
                RawClient writer = RawClient.connect(server.port(), "crash");
                clients.add(writer);
                writers.add(Thread.ofVirtual().start(() -> writeUntilRefused(writer)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> received(observer).size() >= 200);

            server.kill();
        }
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            writer.join();
        }
        clients.forEach(RawClient::close);

        Doc seen = new Doc();
        int updatesSeen = 0;
        for (RawClient client : clients) {
            for (SyncUpdate update : received(client)) {
                seen.applyUpdate(update.update());
                updatesSeen++;
            }
        }
        try (ServerProcess restarted = ServerProcess.start(dataDir);
                RawClient reader = RawClient.connect(restarted.port(), "crash")) {
            reader.send(new SyncStep1(EMPTY_STATE_VECTOR));
            Doc restored = new Doc();
            restored.applyUpdate(reader.awaitMessage(SyncStep2.class).update());

            assertThat(updatesSeen).isGreaterThanOrEqualTo(200);
            assertContains(restored, seen);
        }
    }

    @Test
    void sigtermClosesConnectionsAndCommitsEveryUpdateTheServerHadApplied() throws Exception {
        Doc doc = new Doc();
        ServerProcess server = ServerProcess.start(dataDir);
        try (RawClient writer = RawClient.connect(server.port(), "graceful")) {
            writer.awaitMessage(SyncStep1.class);
            for (int i = 0; i < 100; i++) {
                writer.send(new SyncUpdate(Edits.insert(doc, "t", "update " + i + "\n")));
            }
            // Applied (a new connection's step 1 names every update) though not necessarily committed yet.
            await().untilAsserted(() -> {
                try (RawClient probe = RawClient.connect(server.port(), "graceful")) {
                    assertThat(probe.awaitMessage(SyncStep1.class).stateVector()).isEqualTo(doc.encodeStateVector());
                }
            });

            assertThat(server.terminate()).isIn(0, 143);
            assertThat(writer.awaitClose().code()).isEqualTo(CloseReason.GOING_AWAY);
            assertThat(server.output()).anyMatch(line -> line.contains("Weft stopped"));
        }
        try (ServerProcess restarted = ServerProcess.start(dataDir);
                RawClient reader = RawClient.connect(restarted.port(), "graceful")) {
            reader.send(new SyncStep1(EMPTY_STATE_VECTOR));
            Doc restored = new Doc();
            restored.applyUpdate(reader.awaitMessage(SyncStep2.class).update());

            assertThat(restored.encodeStateAsUpdate()).isEqualTo(doc.encodeStateAsUpdate());
        }
    }

    private static void writeUntilRefused(RawClient writer) {
        Doc doc = new Doc();
        try {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                writer.send(new SyncUpdate(Edits.insert(doc, "t", doc.clientId() + ":" + i + " ")));
                Thread.sleep(2);
            }
        } catch (RuntimeException | InterruptedException e) {
            // The server is gone: this client stops writing.
        }
    }

    private static List<SyncUpdate> received(RawClient client) {
        List<SyncUpdate> updates = new ArrayList<>();
        for (SyncProtocolMessage message : client.messages()) {
            if (message instanceof SyncUpdate update) {
                updates.add(update);
            }
        }
        return updates;
    }

    /** Applying everything {@code seen} holds to a copy of {@code restored} adds nothing. */
    private static void assertContains(Doc restored, Doc seen) {
        Doc merged = new Doc();
        merged.applyUpdate(restored.encodeStateAsUpdate());
        byte[] before = merged.encodeStateAsUpdate();
        merged.applyUpdate(seen.encodeStateAsUpdate());
        assertThat(merged.encodeStateAsUpdate()).isEqualTo(before);
    }
}
