package dev.weft.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.server.WeftServer;
import dev.weft.server.config.SignalingSettings;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.SignalingClient;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signalling with a secret: a topic names a document and needs a token covering it; open topics need none. One
 * server has open topics ({@code lobby/*}), the other has none, so that a connection without a token is refused.
 */
class SignalingAccessTest {
    @TempDir
    static Path openTopicsDir;
    @TempDir
    static Path closedDir;
    static WeftServer withOpenTopics;
    static WeftServer closed;

    @BeforeAll
    static void start() {
        withOpenTopics = WeftServer.start(TestServers.config(openTopicsDir).withSecret(Tokens.SECRET)
                .withSignaling(SignalingSettings.DEFAULTS.withOpenTopics(List.of("lobby/*"))));
        closed = TestServers.withTokens(closedDir);
    }

    @AfterAll
    static void stop() {
        withOpenTopics.close();
        closed.close();
    }

    private static int refusal(WeftServer server, String pathAndQuery) {
        try (SignalingClient client = SignalingClient.connect(server.port(), pathAndQuery)) {
            throw new AssertionError("the upgrade was accepted: " + client);
        } catch (RawClient.HandshakeRefused e) {
            return e.status();
        }
    }

    @Test
    void theUpgradeRefusesBadAndExpiredTokensAndNoTokenWithoutOpenTopics() {
        assertThat(refusal(closed, "signaling")).isEqualTo(401);
        assertThat(refusal(withOpenTopics, "signaling?token=garbage")).isEqualTo(401);
        assertThat(refusal(withOpenTopics, "signaling?token="
                + Tokens.expired(Duration.ofMinutes(5), "read-write", "notes"))).isEqualTo(401);
    }

    @Test
    void aTokenLetsItsHolderSubscribeAndPublishToTheDocumentsItCoversOnly() {
        String notes = Tokens.token("read-only", "notes", "team/*");
        String other = Tokens.token("read-write", "secret-plans");
        try (SignalingClient alice = SignalingClient.connect(closed.port(), "signaling?token=" + notes);
                SignalingClient owner = SignalingClient.connect(closed.port(), "signaling?token=" + other)) {
            owner.send("{\"type\":\"subscribe\",\"topics\":[\"secret-plans\"]}");
            owner.roundTrip();

            alice.send("{\"type\":\"subscribe\",\"topics\":[\"notes\",\"secret-plans\",\"team/a\"]}");
            assertThat(alice.awaitError("forbidden").path("error").path("message").asText())
                    .isEqualTo("the token does not cover the document secret-plans");
            alice.send("{\"type\":\"publish\",\"topic\":\"secret-plans\",\"data\":{\"type\":\"announce\",\"from\":\"x\"}}");
            alice.send("{\"type\":\"publish\",\"topic\":\"team/a\",\"data\":1}");
            alice.awaitMessage(m -> m.path("topic").asText().equals("team/a"));
            assertThat(alice.messages("error")).hasSize(2);

            owner.roundTrip();
            assertThat(owner.messages("publish")).isEmpty();
        }
    }

    @Test
    void withoutATokenOnlyOpenTopicsMayBeUsed() {
        try (SignalingClient guest = SignalingClient.connect(withOpenTopics.port(), "signaling")) {
            guest.send("{\"type\":\"subscribe\",\"topics\":[\"lobby/main\",\"notes\"]}");
            assertThat(guest.awaitError("forbidden").path("error").path("message").asText())
                    .contains("only open topics").contains("notes");
            guest.send("{\"type\":\"publish\",\"topic\":\"lobby/main\",\"data\":1}");
            assertThat(guest.awaitMessage(m -> m.path("type").asText().equals("publish")).path("clients").asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void aTokenAddsItsDocumentsToTheOpenTopics() {
        String notes = Tokens.token("read-write", "notes");
        try (SignalingClient alice = SignalingClient.connect(withOpenTopics.port(), "signaling?token=" + notes)) {
            alice.send("{\"type\":\"subscribe\",\"topics\":[\"lobby/main\",\"notes\"]}");
            alice.send("{\"type\":\"publish\",\"topic\":\"notes\",\"data\":1}");
            alice.send("{\"type\":\"publish\",\"topic\":\"lobby/main\",\"data\":2}");
            alice.awaitMessage(m -> m.path("topic").asText().equals("lobby/main"));
            assertThat(alice.messages("publish")).hasSize(2);
            assertThat(alice.messages("error")).isEmpty();
        }
    }

    @Test
    void anEmptyTokenIsNoToken() {
        assertThatThrownBy(() -> SignalingClient.connect(closed.port(), "signaling?token=").close())
                .isInstanceOfSatisfying(RawClient.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
