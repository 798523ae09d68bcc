package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.SignalingClient;
import dev.weft.server.testing.TestServers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that shuts down tells every WebSocket why, sync and signalling alike. */
class ShutdownTest {
    private static final RawClient.Close GOING_AWAY = new RawClient.Close(1001, "the server is shutting down");

    @TempDir
    Path dataDir;

    @Test
    void everyWebSocketIsClosedWith1001() {
        WeftServer server = TestServers.open(dataDir);
        try (RawClient sync = RawClient.connect(server.port(), "drafts");
                SignalingClient signaling = SignalingClient.connect(server.port(), "signaling")) {
            sync.awaitMessage(SyncStep1.class);
            signaling.roundTrip();

            server.close();

            assertThat(sync.awaitClose()).isEqualTo(GOING_AWAY);
            assertThat(signaling.awaitClose()).isEqualTo(GOING_AWAY);
        } finally {
            server.close();
        }
    }
}
