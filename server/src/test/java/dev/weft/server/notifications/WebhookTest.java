package dev.weft.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.weft.crdt.Doc;
import dev.weft.crdt.RelativePosition;
import dev.weft.crdt.YText;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.WeftServer;
import dev.weft.server.config.WebhookSettings;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import dev.weft.storage.notifications.NotificationRepository;
import dev.weft.storage.notifications.WebhookDelivery;
import dev.weft.storage.notifications.WebhookDelivery.Outcome;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks against a real HTTP receiver (the JDK's server) on loopback: signed so that the receiver can check
 * them, retried with backoff when it fails, every attempt recorded in the database.
 */
class WebhookTest {
    private static final String HOOK_SECRET = "the receiver's shared secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aNewCommentIsPostedSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        URI url = startReceiver(() -> calls.incrementAndGet() == 1 ? 503 : 204);

        List<WebhookDelivery> recorded;
        try (WeftServer server = start(url, 3); Storage database = Storage.open(dataDir, StorageSettings.defaults())) {
            comment(server, "hooked", "A comment for the hook");
            recorded = awaitDeliveries(database, 2);
        }

        Received first = received.get(0);
        Received second = received.get(1);
        assertThat(second.headers().get("X-weft-delivery")).isEqualTo(first.headers().get("X-weft-delivery"));
        assertThat(first.headers().get("X-weft-event")).isEqualTo("comment.created");
        for (Received each : received) {
            assertThat(signatureChecks(each)).as("the signature verifies").isTrue();
        }
        JsonNode event = JSON.readTree(second.body());
        assertThat(event.path("type").asText()).isEqualTo("comment.created");
        assertThat(event.path("id").asText()).isEqualTo(second.headers().get("X-weft-delivery"));
        assertThat(event.path("document").asText()).isEqualTo("hooked");
        assertThat(event.path("comment").path("body").asText()).isEqualTo("A comment for the hook");
        assertThat(event.path("comment").path("author").path("subject").asText()).isEqualTo("carl");

        assertThat(received).hasSize(2);
        assertThat(recorded).extracting(WebhookDelivery::attempt, WebhookDelivery::status, WebhookDelivery::outcome)
                .containsExactly(tuple(2, 204, Outcome.DELIVERED), tuple(1, 503, Outcome.RETRYING));
        assertThat(recorded).allMatch(d -> d.eventId().equals(event.path("id").asText()));
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpOnAfterTheLastAttemptAndThatIsRecorded() throws Exception {
        URI unreachable;
        try (ServerSocket socket = new ServerSocket(0)) {
            unreachable = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
        }
        List<WebhookDelivery> recorded;
        try (WeftServer server = start(unreachable, 2);
                Storage database = Storage.open(dataDir, StorageSettings.defaults())) {
            comment(server, "unheard", "Nobody listens");
            recorded = awaitDeliveries(database, 2);
        }

        assertThat(recorded).extracting(WebhookDelivery::attempt, WebhookDelivery::outcome)
                .containsExactly(tuple(2, Outcome.FAILED), tuple(1, Outcome.RETRYING));
        assertThat(recorded).allSatisfy(d -> {
            assertThat(d.status()).isNull();
            assertThat(d.error()).isNotBlank();
        });
    }

    private WeftServer start(URI url, int attempts) {
        return WeftServer.start(TestServers.config(dataDir).withSecret(Tokens.SECRET)
                .withWebhook(WebhookSettings.of(url, HOOK_SECRET).withRetries(attempts, Duration.ofMillis(200))));
    }

    /** carl writes the document's text over the sync protocol, then comments on its first word. */
    private static void comment(WeftServer server, String document, String body) throws Exception {
        Doc doc = new Doc();
        YText text = doc.getText("text");
        text.insert(0, "Hooks and retries");
        try (RawClient client = RawClient.connect(server.port(), document + "?token="
                + Tokens.tokenFor("carl", "Carl", "read-write", document))) {
            client.awaitMessage(SyncStep1.class);
            client.send(new SyncUpdate(doc.encodeStateAsUpdate()));
            HttpClient http = HttpClient.newHttpClient();
            String start = Base64.getEncoder().encodeToString(RelativePosition.fromTypeIndex(text, 0).encode());
            String end = Base64.getEncoder().encodeToString(RelativePosition.fromTypeIndex(text, 5, -1).encode());
            byte[] request = JSON.writeValueAsBytes(Map.of("anchor", Map.of("start", start, "end", end), "body", body));
            await().atMost(Duration.ofSeconds(20)).until(() -> http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/documents/" + document + "/threads"))
                    .header("Authorization", "Bearer " + Tokens.tokenFor("carl", "Carl", "read-write", document))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 201);
        }
    }

    /** Recomputes the HMAC as a receiver would, from the raw body and the header's timestamp. */
    private static boolean signatureChecks(Received request) throws Exception {
        String header = request.headers().get("X-weft-signature");
        String timestamp = header.substring(header.indexOf("t=") + 2, header.indexOf(','));
        String signature = header.substring(header.indexOf("v1=") + 3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(request.body());
        long age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature)) && age >= 0 && age < 60;
    }

    private URI startReceiver(IntSupplier status) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
            received.add(new Received(headers, body));
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    /** Waits until {@code count} attempts are recorded, read from the running server's database (WAL mode). */
    private static List<WebhookDelivery> awaitDeliveries(Storage database, int count) {
        NotificationRepository repository = new NotificationRepository(database.tables(), InstantSource.system());
        return await().atMost(Duration.ofSeconds(20)).until(() -> repository.deliveries(10), d -> d.size() == count);
    }

    private record Received(Map<String, String> headers, byte[] body) {
    }
}
