package dev.weft.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.server.WeftServer;
import dev.weft.server.testing.Meters;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import dev.weft.server.testing.WebrtcPages;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified y-webrtc in two headless Chromium pages (separate browser contexts) finds its peer through Weft's
 * signalling, with tokens, and edits one Y.Text peer to peer. The document never touches the server: it only
 * signals. Needs a network with an interface besides loopback (WebRTC gathers no loopback candidates).
 */
class WebrtcPagesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static WeftServer server;
    static WebrtcPages pages;

    @BeforeAll
    static void start() {
        server = TestServers.withTokens(dataDir);
        pages = WebrtcPages.start();
    }

    @AfterAll
    static void stop() {
        pages.close();
        server.close();
    }

    private static WebrtcPages.Page join(String room) {
        String origin = "http://127.0.0.1:" + server.port();
        String signaling = "ws://127.0.0.1:" + server.port() + "/signaling?token=" + Tokens.token("read-write", room);
        return pages.open(origin, signaling, room);
    }

    @Test
    void twoPagesConnectPeerToPeerThroughWeftsSignallingAndSyncAYText() {
        WebrtcPages.Page alice = join("webrtc-notes");
        WebrtcPages.Page bob = join("webrtc-notes");
        try {
            await().atMost(PATIENCE).until(() -> alice.read().path("connectedPeers").asInt() == 1
                    && bob.read().path("connectedPeers").asInt() == 1);

            alice.insert(0, "hello from alice");
            await().atMost(PATIENCE).until(() -> bob.read().path("text").asText().equals("hello from alice"));
            bob.insert(0, "bob says: ");
            await().atMost(PATIENCE).until(() -> alice.read().path("text").asText().equals("bob says: hello from alice"));

            assertThat(alice.read().path("signalingConnected").asBoolean()).isTrue();
            assertThat(alice.read().path("errors")).isEmpty();
            assertThat(bob.read().path("errors")).isEmpty();
            assertThat(Meters.value(server, "weft_signaling_relayed_total")).isPositive();
            // Peer to peer: the server loaded no document; it only relayed the peers' signals.
            assertThat(server.metrics().loadedDocuments()).isZero();
        } finally {
            alice.close();
            bob.close();
        }
    }
}
