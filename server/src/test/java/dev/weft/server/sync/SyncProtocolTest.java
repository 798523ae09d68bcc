package dev.weft.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.QueryAwareness;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The y-websocket protocol as the server speaks it, checked message by message with a raw client. */
class SyncProtocolTest {
    private static final byte[] EMPTY_STATE_VECTOR = {0};

    @TempDir
    static Path dataDir;
    static WeftServer server;

    @BeforeAll
    static void start() {
        server = TestServers.open(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNewConnectionGetsTheServersStateVectorAndItsStep1IsAnsweredWithWhatItLacks() {
        Doc writer = new Doc();
        try (RawClient a = RawClient.connect(server.port(), "step1")) {
            a.awaitMessage(SyncStep1.class);
            a.send(new SyncUpdate(Edits.insert(writer, "t", "stored first")));

            await().untilAsserted(() -> {
                try (RawClient b = RawClient.connect(server.port(), "step1")) {
                    SyncStep1 serverStep1 = b.awaitMessage(SyncStep1.class);
                    assertThat(serverStep1.stateVector()).isEqualTo(writer.encodeStateVector());
                }
            });
            try (RawClient b = RawClient.connect(server.port(), "step1")) {
                b.send(new SyncStep1(EMPTY_STATE_VECTOR));
                SyncStep2 answer = b.awaitMessage(SyncStep2.class);
                assertThat(Edits.textOf(answer.update(), "t")).isEqualTo("stored first");
            }
        }
    }

    @Test
    void anUpdateReachesTheOtherConnectionsButNotItsSender() {
        Doc writer = new Doc();
        try (RawClient a = RawClient.connect(server.port(), "relay");
                RawClient b = RawClient.connect(server.port(), "relay")) {
            a.awaitMessage(SyncStep1.class);
            b.awaitMessage(SyncStep1.class);
            byte[] update = Edits.insert(writer, "t", "hello");
            a.send(new SyncUpdate(update));

            SyncUpdate relayed = b.awaitMessage(SyncUpdate.class);
            assertThat(relayed.update()).isEqualTo(update);
            b.send(new QueryAwareness());
            b.awaitMessage(AwarenessMessage.class);
            assertThat(a.messages()).noneMatch(SyncUpdate.class::isInstance);
        }
    }

    @Test
    void severalMessagesInOneFrameAreAllHandled() {
        Doc writer = new Doc();
        try (RawClient a = RawClient.connect(server.port(), "concatenated")) {
            byte[] update = MessageWriter.write(new SyncUpdate(Edits.insert(writer, "t", "both")));
            byte[] step1 = MessageWriter.write(new SyncStep1(EMPTY_STATE_VECTOR));
            byte[] frame = Arrays.copyOf(update, update.length + step1.length);
            System.arraycopy(step1, 0, frame, update.length, step1.length);
            a.send(frame);

            SyncStep2 answer = a.awaitMessage(SyncStep2.class);
            assertThat(Edits.textOf(answer.update(), "t")).isEqualTo("both");
        }
    }

    @Test
    void aMalformedFrameClosesOnlyItsConnectionWith1007() {
        try (RawClient bad = RawClient.connect(server.port(), "malformed");
                RawClient good = RawClient.connect(server.port(), "malformed")) {
            good.awaitMessage(SyncStep1.class);
            bad.send(new byte[] {0, 2, 10, 1}); // an update announcing 10 bytes and holding 1

            assertThat(bad.awaitClose().code()).isEqualTo(CloseReason.INVALID_PAYLOAD);
            good.send(new SyncStep1(EMPTY_STATE_VECTOR));
            good.awaitMessage(SyncStep2.class);
            assertThat(good.isClosed()).isFalse();
        }
    }

    @Test
    void anUnknownMessageTypeClosesWith1003() {
        try (RawClient client = RawClient.connect(server.port(), "unknown-type")) {
            client.send(new byte[] {9});

            assertThat(client.awaitClose().code()).isEqualTo(CloseReason.UNSUPPORTED_DATA);
        }
    }

    @Test
    void aTextFrameClosesWith1003() {
        try (RawClient client = RawClient.connect(server.port(), "text-frame")) {
            client.awaitMessage(SyncStep1.class);
            client.sendText("hello");

            assertThat(client.awaitClose().code()).isEqualTo(CloseReason.UNSUPPORTED_DATA);
        }
    }

    @Test
    void anUpdateThatCannotBeAppliedClosesItsConnectionWithAReason() {
        try (RawClient client = RawClient.connect(server.port(), "corrupt-update")) {
            client.awaitMessage(SyncStep1.class);
            client.send(new SyncUpdate(new byte[] {1, 1, (byte) 0xff, (byte) 0xff, 7}));

            RawClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(CloseReason.INVALID_PAYLOAD);
            assertThat(close.reason()).startsWith("update rejected");
        }
    }

    @Test
    void awarenessReachesEveryoneAndLateJoinersAndIsRemovedWhenItsConnectionCloses() {
        try (RawClient watcher = RawClient.connect(server.port(), "awareness")) {
            watcher.awaitMessage(SyncStep1.class);
            RawClient present = RawClient.connect(server.port(), "awareness");
            present.awaitMessage(SyncStep1.class);
            present.send(new AwarenessMessage(Edits.awareness(77, 1, "{\"user\":\"ada\"}")));

            watcher.awaitMessage(AwarenessMessage.class, m -> "{\"user\":\"ada\"}".equals(entries(m).get(77L)));
            try (RawClient late = RawClient.connect(server.port(), "awareness")) {
                late.awaitMessage(AwarenessMessage.class, m -> "{\"user\":\"ada\"}".equals(entries(m).get(77L)));
            }

            present.close();
            watcher.awaitMessage(AwarenessMessage.class, m -> "null".equals(entries(m).get(77L)));
        }
    }

    @Test
    void queryAwarenessIsAnsweredWithEveryState() {
        try (RawClient a = RawClient.connect(server.port(), "query");
                RawClient b = RawClient.connect(server.port(), "query")) {
            a.awaitMessage(SyncStep1.class);
            a.send(new AwarenessMessage(Edits.awareness(5, 3, "{\"cursor\":1}")));
            b.awaitMessage(AwarenessMessage.class);
            int before = b.messages().size();

            b.send(new QueryAwareness());
            await().atMost(Duration.ofSeconds(10)).until(() -> b.messages().size() > before);
            assertThat(b.messages().getLast()).isInstanceOfSatisfying(AwarenessMessage.class,
                    m -> assertThat(entries(m)).containsEntry(5L, "{\"cursor\":1}"));
        }
    }

    private static java.util.Map<Long, String> entries(AwarenessMessage message) {
        return Edits.awarenessEntries(message.awarenessUpdate());
    }
}
