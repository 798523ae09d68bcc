package dev.weft.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.server.WeftServer;
import dev.weft.server.config.SignalingSettings;
import dev.weft.server.testing.Meters;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.SignalingClient;
import dev.weft.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * y-webrtc's signalling protocol against the endpoint, message by message (open mode, small limits): relays,
 * clients counts, ping, leaving, and every refusal leaving the connection and the others as they were.
 */
class SignalingProtocolTest {
    private static final int MAX_TOPICS = 4;
    private static final int MAX_SUBSCRIBERS = 3;
    private static final int MAX_MESSAGE_BYTES = 2048;
    private static final int MAX_PUBLISHES_PER_SECOND = 5;

    @TempDir
    static Path dataDir;
    static WeftServer server;

    @BeforeAll
    static void start() {
        server = WeftServer.start(TestServers.config(dataDir).withSignaling(SignalingSettings.DEFAULTS
                .withLimits(MAX_TOPICS, MAX_SUBSCRIBERS, MAX_MESSAGE_BYTES, MAX_PUBLISHES_PER_SECOND)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SignalingClient connect() {
        return SignalingClient.connect(server.port(), "signaling");
    }

    private static String subscribe(String... topics) {
        return "{\"type\":\"subscribe\",\"topics\":[" + quoted(topics) + "]}";
    }

    private static String unsubscribe(String... topics) {
        return "{\"type\":\"unsubscribe\",\"topics\":[" + quoted(topics) + "]}";
    }

    private static String publish(String topic, String data) {
        return "{\"type\":\"publish\",\"topic\":\"" + topic + "\",\"data\":" + data + "}";
    }

    private static String quoted(String... topics) {
        return String.join(",", List.of(topics).stream().map(t -> "\"" + t + "\"").toList());
    }

    @Test
    void aPublishReachesEverySubscriberOfItsTopicTheSenderIncludedWithClientsAndEveryField() {
        try (SignalingClient alice = connect(); SignalingClient bob = connect(); SignalingClient carol = connect()) {
            alice.send(subscribe("notes"));
            bob.send(subscribe("notes", "plans"));
            carol.send(subscribe("plans"));
            alice.roundTrip();
            bob.roundTrip();
            carol.roundTrip();

            alice.send("{\"type\":\"publish\",\"topic\":\"notes\",\"data\":{\"type\":\"announce\",\"from\":\"a\"},\"extra\":1}");
            alice.send(publish("plans", "{\"type\":\"announce\",\"from\":\"a\"}"));

            for (SignalingClient subscriber : List.of(alice, bob)) {
                JsonNode relayed = subscriber.awaitMessage(m -> m.path("topic").asText().equals("notes"));
                assertThat(relayed.toString()).isEqualTo("{\"type\":\"publish\",\"topic\":\"notes\","
                        + "\"data\":{\"type\":\"announce\",\"from\":\"a\"},\"extra\":1,\"clients\":2}");
            }
            // Relays to one connection keep their order: carol's first publish is the second one.
            JsonNode first = carol.awaitMessage(m -> m.path("type").asText().equals("publish"));
            assertThat(first.path("topic").asText()).isEqualTo("plans");
            assertThat(first.path("clients").asInt()).isEqualTo(2);
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (SignalingClient alice = connect()) {
            alice.send("{\"type\":\"ping\"}");
            assertThat(alice.awaitMessage(m -> true).toString()).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    @Test
    void unsubscribingOrClosingLeavesTheTopicAndAnEmptyTopicIsDropped() {
        try (SignalingClient alice = connect(); SignalingClient bob = connect(); SignalingClient carol = connect()) {
            alice.send(subscribe("leaving"));
            bob.send(subscribe("leaving"));
            carol.send(subscribe("leaving", "closing"));
            alice.roundTrip();
            bob.roundTrip();
            carol.roundTrip();
            assertThat(topics()).isEqualTo(2);

            bob.send(unsubscribe("leaving", "never-joined"));
            bob.roundTrip();
            carol.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> topics() == 1);

            alice.send(publish("leaving", "1"));
            JsonNode relayed = alice.awaitMessage(m -> m.path("type").asText().equals("publish"));
            assertThat(relayed.path("clients").asInt()).isEqualTo(1);
            bob.roundTrip();
            assertThat(bob.messages("publish")).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> topics() == 0);
    }

    @Test
    void aPublishToATopicWithoutSubscribersGoesNowhere() {
        try (SignalingClient alice = connect()) {
            alice.send(publish("empty", "1"));
            alice.roundTrip();
            assertThat(alice.messages("publish")).isEmpty();
            assertThat(alice.messages("error")).isEmpty();
        }
    }

    @Test
    void malformedMessagesGetAnErrorFrameAndNothingElseIsDisturbed() {
        try (SignalingClient alice = connect(); SignalingClient bob = connect()) {
            bob.send(subscribe("calm"));
            bob.roundTrip();

            alice.send("{\"type\":\"subscribe\",");
            assertThat(alice.awaitError("invalid_message").path("error").path("message").asText()).startsWith("not JSON");
            alice.send("{\"type\":\"subscribe\",\"topics\":\"calm\"}");
            alice.awaitMessage(m -> m.path("error").path("message").asText().contains("needs \"topics\""));
            alice.send("{\"type\":\"shout\"}");
            assertThat(alice.awaitError("unsupported_type").path("error").path("message").asText())
                    .contains("unknown type \"shout\"");

            alice.send(publish("calm", "\"still here\""));
            assertThat(bob.awaitMessage(m -> m.path("type").asText().equals("publish")).path("data").asText())
                    .isEqualTo("still here");
            assertThat(alice.isClosed()).isFalse();
        }
    }

    @Test
    void aBinaryFrameOfJsonIsReadAsY_webrtcsServerReadsIt() {
        try (SignalingClient alice = connect()) {
            alice.sendBinary(subscribe("binary").getBytes(StandardCharsets.UTF_8));
            alice.sendBinary(publish("binary", "2").getBytes(StandardCharsets.UTF_8));
            assertThat(alice.awaitMessage(m -> m.path("type").asText().equals("publish")).path("clients").asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void aConnectionSubscribesToAtMostItsTopicLimit() {
        try (SignalingClient alice = connect()) {
            alice.send(subscribe("t1", "t2", "t3", "t4", "t5"));
            assertThat(alice.awaitError("too_many_topics").path("error").path("message").asText()).contains("t5");
            alice.send(publish("t4", "4"));
            alice.awaitMessage(m -> m.path("topic").asText().equals("t4"));
            alice.send(unsubscribe("t1"));
            alice.send(subscribe("t5"));
            alice.send(publish("t5", "5"));
            alice.awaitMessage(m -> m.path("topic").asText().equals("t5"));
            assertThat(alice.messages("error")).hasSize(1);
        }
    }

    @Test
    void aTopicHoldsAtMostItsSubscriberLimit() {
        try (SignalingClient a = connect(); SignalingClient b = connect(); SignalingClient c = connect();
                SignalingClient d = connect()) {
            for (SignalingClient client : List.of(a, b, c)) {
                client.send(subscribe("crowded"));
                client.roundTrip();
            }
            d.send(subscribe("crowded"));
            assertThat(d.awaitError("topic_full").path("error").path("message").asText()).contains("crowded");
            a.send(publish("crowded", "1"));
            assertThat(c.awaitMessage(m -> m.path("type").asText().equals("publish")).path("clients").asInt())
                    .isEqualTo(MAX_SUBSCRIBERS);
            d.roundTrip();
            assertThat(d.messages("publish")).isEmpty();
        }
    }

    @Test
    void publishesBeyondTheRateAreRefusedAndTheConnectionGoesOn() {
        try (SignalingClient flooder = connect(); SignalingClient listener = connect()) {
            listener.send(subscribe("flood"));
            listener.roundTrip();
            int sent = 4 * MAX_PUBLISHES_PER_SECOND;
            for (int i = 0; i < sent; i++) {
                flooder.send(publish("flood", Integer.toString(i)));
            }
            flooder.roundTrip();
            listener.roundTrip();
            int relayed = listener.messages("publish").size();
            int refused = flooder.messages("error").size();
            assertThat(relayed + refused).isEqualTo(sent);
            // A burst of one second's worth goes through; the bucket refills only a little while the rest arrives.
            assertThat(relayed).isBetween(MAX_PUBLISHES_PER_SECOND, 2 * MAX_PUBLISHES_PER_SECOND);
            assertThat(flooder.messages("error")).allSatisfy(
                    e -> assertThat(e.path("error").path("code").asText()).isEqualTo("rate_limited"));
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesItsConnectionWith1009AndOnlyIt() {
        try (SignalingClient big = connect(); SignalingClient other = connect()) {
            other.send(subscribe("size"));
            other.roundTrip();
            big.send(publish("size", "\"" + "x".repeat(MAX_MESSAGE_BYTES) + "\""));
            assertThat(big.awaitClose().code()).isEqualTo(1009);
            other.roundTrip();
            assertThat(other.isClosed()).isFalse();
        }
    }

    @Test
    void theSyncPathsAreUntouched() {
        try (RawClient sync = RawClient.connect(server.port(), "signaling-is-not-this-document")) {
            assertThat(sync.isClosed()).isFalse();
        }
    }

    @Test
    void metricsCountConnectionsPublishesRelaysAndRefusals() {
        try (SignalingClient alice = connect(); SignalingClient bob = connect()) {
            alice.send(subscribe("counted"));
            bob.send(subscribe("counted"));
            alice.roundTrip();
            bob.roundTrip();
            double relayedBefore = metric("weft_signaling_relayed_total");
            alice.send(publish("counted", "1"));
            alice.send("not json");
            alice.awaitError("invalid_message");
            bob.awaitMessage(m -> m.path("type").asText().equals("publish"));
            assertThat(metric("weft_signaling_relayed_total") - relayedBefore).isEqualTo(2);
            assertThat(metric("weft_signaling_connections")).isGreaterThanOrEqualTo(2);
            assertThat(metric("weft_signaling_refused_total{code=\"invalid_message\"}")).isGreaterThanOrEqualTo(1);
            assertThat(metric("weft_signaling_publishes_total")).isGreaterThanOrEqualTo(1);
        }
    }

    private static int topics() {
        return (int) metric("weft_signaling_topics");
    }

    private static double metric(String nameAndLabels) {
        return Meters.value(server, nameAndLabels);
    }
}
