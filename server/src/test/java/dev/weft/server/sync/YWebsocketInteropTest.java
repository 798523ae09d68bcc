package dev.weft.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.crdt.Doc;
import dev.weft.server.WeftServer;
import dev.weft.server.config.ServerConfig;
import dev.weft.server.testing.PeerOptions;
import dev.weft.server.testing.PeerState;
import dev.weft.server.testing.SyncPeer;
import dev.weft.server.testing.SyncPeers;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weft against unmodified y-websocket 3 providers with Yjs 13.6, in Node: what a browser editor does, end to end.
 */
class YWebsocketInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SyncPeers peers;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startPeers() {
        peers = SyncPeers.start();
    }

    @AfterAll
    static void stopPeers() {
        peers.close();
    }

    @Test
    void aLateJoinerReceivesWhatWasWrittenBeforeIt() {
        try (WeftServer server = TestServers.open(dataDir)) {
            SyncPeer alice = peers.connect(uri(server), "late");
            alice.awaitSynced();
            alice.insertText(0, "written before bob came");

            SyncPeer bob = peers.connect(uri(server), "late");

            bob.awaitText("written before bob came");
            alice.destroy();
            bob.destroy();
        }
    }

    @Test
    void concurrentEditsConvergeToTheSameDocumentEverywhere() {
        try (WeftServer server = TestServers.open(dataDir)) {
            SyncPeer alice = peers.connect(uri(server), "concurrent");
            SyncPeer bob = peers.connect(uri(server), "concurrent");
            alice.awaitSynced();
            bob.awaitSynced();
            Random random = new Random(7);
            for (int i = 0; i < 40; i++) {
                SyncPeer editor = i % 2 == 0 ? alice : bob;
                int length = editor.state().text().length();
                editor.insertText(random.nextInt(length + 1), (i % 2 == 0 ? "a" : "b") + i + " ");
                if (i % 5 == 4 && length > 3) {
                    editor.deleteText(random.nextInt(length - 2), 2);
                }
            }

            PeerState aliceState = alice.awaitState("converged with bob",
                    a -> Arrays.equals(a.stateVector(), bob.state().stateVector()));
            PeerState bobState = bob.awaitState("same text as alice", b -> b.text().equals(alice.state().text()));
            SyncPeer carol = peers.connect(uri(server), "concurrent");
            PeerState carolState = carol.awaitState("has everything", c -> c.text().equals(aliceState.text()));

            assertThat(aliceState.text()).isEqualTo(bobState.text()).isEqualTo(carolState.text());
            assertThat(sameDocument(aliceState.update(), bobState.update())).isTrue();
            assertThat(sameDocument(aliceState.update(), carolState.update())).isTrue();
            alice.destroy();
            bob.destroy();
            carol.destroy();
        }
    }

    @Test
    void awarenessReachesOthersAndLateJoinersAndLeavesWithItsClient() {
        try (WeftServer server = TestServers.open(dataDir)) {
            SyncPeer alice = peers.connect(uri(server), "presence",
                    PeerOptions.defaults().awareness(user("alice")));
            SyncPeer bob = peers.connect(uri(server), "presence", PeerOptions.defaults().awareness(user("bob")));
            long aliceId = alice.awaitSynced().clientId();
            long bobId = bob.awaitSynced().clientId();

            bob.awaitState("sees alice", s -> user("alice").equals(s.awareness().get(aliceId)));
            SyncPeer carol = peers.connect(uri(server), "presence");
            carol.awaitState("sees alice and bob as a late joiner",
                    s -> user("alice").equals(s.awareness().get(aliceId)) && user("bob").equals(s.awareness().get(bobId)));

            alice.destroy();
            bob.awaitState("no longer sees alice", s -> !s.awareness().containsKey(aliceId));
            carol.awaitState("no longer sees alice", s -> !s.awareness().containsKey(aliceId));
            bob.destroy();
            carol.destroy();
        }
    }

    @Test
    void afterARestartClientsReconnectAndMergeTheEditsEachSideMadeMeanwhile() {
        ServerConfig config = TestServers.config(dataDir);
        WeftServer first = WeftServer.start(config);
        int port = first.port();
        SyncPeer alice = peers.connect(uri(first), "restart");
        SyncPeer bob = peers.connect(uri(first), "restart");
        alice.awaitSynced();
        alice.insertText(0, "shared. ");
        bob.awaitText("shared. ");

        alice.disconnect();
        first.close();
        alice.insertText(0, "alice offline. ");
        bob.insertText(0, "bob while the server was down. ");
        try (WeftServer second = WeftServer.start(config.withListen("127.0.0.1", port))) {
            bob.awaitState("reconnected by itself", s -> s.connected() && s.synced());
            bob.insertText(0, "bob online. ");
            SyncPeer carol = peers.connect(uri(second), "restart");
            carol.awaitState("has bob's edits", s -> s.text().contains("bob online. ")
                    && s.text().contains("bob while the server was down. "));
            assertThat(carol.state().text()).doesNotContain("alice offline");

            alice.reconnect();
            PeerState aliceState = alice.awaitState("has everything", s -> s.synced() && s.text().contains("bob online. ")
                    && s.text().contains("bob while the server was down. "));
            PeerState carolState = carol.awaitState("has alice's offline edit", s -> s.text().equals(aliceState.text()));
            bob.awaitState("has alice's offline edit", s -> s.text().equals(aliceState.text()));

            assertThat(carolState.text()).contains("alice offline. ", "shared. ");
            alice.destroy();
            bob.destroy();
            carol.destroy();
        }
        try (WeftServer third = WeftServer.start(config)) {
            SyncPeer dave = peers.connect(uri(third), "restart");
            PeerState daveState = dave.awaitState("has everything from storage",
                    s -> s.synced() && s.text().contains("alice offline. "));
            assertThat(daveState.text()).contains("bob online. ", "bob while the server was down. ", "shared. ");
            dave.destroy();
        }
    }

    @Test
    void aReadOnlyClientIsToldItsEditsAreRefusedAndNobodyElseSeesThem() {
        try (WeftServer server = TestServers.withTokens(dataDir)) {
            SyncPeer writer = peers.connect(uri(server), "guarded",
                    PeerOptions.defaults().token(Tokens.token("read-write", "guarded")));
            writer.awaitSynced();
            writer.insertText(0, "from the writer");
            SyncPeer reader = peers.connect(uri(server), "guarded",
                    PeerOptions.defaults().token(Tokens.token("read-only", "guarded")));
            reader.awaitText("from the writer");

            reader.insertText(0, "vandalism ");

            PeerState refused = reader.awaitState("told permission denied", s -> !s.permissionDenied().isEmpty());
            assertThat(refused.permissionDenied().getFirst()).contains("read-only");
            writer.insertText(15, "!");
            reader.awaitState("still receives the writer's edits", s -> s.text().endsWith("from the writer!"));
            assertThat(writer.state().text()).isEqualTo("from the writer!");
            SyncPeer later = peers.connect(uri(server), "guarded",
                    PeerOptions.defaults().token(Tokens.token("read-write", "guarded")));
            assertThat(later.awaitText("from the writer!").text()).doesNotContain("vandalism");
            writer.destroy();
            reader.destroy();
            later.destroy();
        }
    }

    @Test
    void badAndExpiredTokensNeverConnect() {
        try (WeftServer server = TestServers.withTokens(dataDir)) {
            SyncPeer expired = peers.connect(uri(server), "locked", PeerOptions.defaults()
                    .token(Tokens.expired(Duration.ofMinutes(10), "read-write", "locked")));
            SyncPeer forged = peers.connect(uri(server), "locked", PeerOptions.defaults()
                    .token(Tokens.sign("someone else's secret, long enough to sign",
                            Tokens.claims("mallory", "read-write", java.util.List.of("*"),
                                    java.time.Instant.now().plusSeconds(600)))));
            SyncPeer elsewhere = peers.connect(uri(server), "locked",
                    PeerOptions.defaults().token(Tokens.token("read-write", "another-document")));

            for (SyncPeer refused : java.util.List.of(expired, forged, elsewhere)) {
                PeerState state = refused.awaitState("failed to connect", s -> s.connectionErrors() + s.closes().size() >= 2);
                assertThat(state.connections()).isZero();
                assertThat(state.synced()).isFalse();
                refused.destroy();
            }
            assertThat(server.metrics().connections()).isZero();
        }
    }

    private static URI uri(WeftServer server) {
        return URI.create("ws://127.0.0.1:" + server.port());
    }

    private static ObjectNode user(String name) {
        ObjectNode state = JSON.createObjectNode();
        state.putObject("user").put("name", name);
        return state;
    }

    /** Whether two encoded document states hold the same structs and deletions. */
    private static boolean sameDocument(byte[] a, byte[] b) {
        Doc left = new Doc();
        left.applyUpdate(a);
        Doc right = new Doc();
        right.applyUpdate(b);
        return Arrays.equals(left.encodeStateAsUpdate(), right.encodeStateAsUpdate());
    }
}
