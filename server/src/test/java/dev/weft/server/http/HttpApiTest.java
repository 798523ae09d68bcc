package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.crdt.Doc;
import dev.weft.crdt.YXmlElement;
import dev.weft.crdt.YXmlText;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP side of the server's one port, in the open mode. */
class HttpApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aDocumentShowsItsSizeStateVectorAndConnectedClients() throws Exception {
        Doc writer = new Doc();
        byte[] update = insert(writer, "hello api");
        try (RawClient client = RawClient.connect(server.port(), "api%20doc")) {
            client.awaitMessage(SyncStep1.class);
            client.send(new SyncUpdate(update));

            await().untilAsserted(() -> {
                JsonNode body = JSON.readTree(get("/api/documents/api%20doc").body());
                assertThat(body.path("name").asText()).isEqualTo("api doc");
                assertThat(Base64.getDecoder().decode(body.path("stateVector").asText()))
                        .isEqualTo(writer.encodeStateVector());
                assertThat(body.path("size").asInt()).isEqualTo(writer.encodeStateAsUpdate().length);
                assertThat(body.path("clients").asInt()).isEqualTo(1);
            });
        }
    }

    @Test
    void anUnknownDocumentIsA404InTheErrorShape() throws Exception {
        HttpResponse<String> response = get("/api/documents/never-written");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("not_found");
        assertThat(error.path("message").asText()).contains("never-written");
    }

    @Test
    void aDocumentsContentIsItsRootTypesAsJson() throws Exception {
        Doc writer = new Doc();
        writer.getText("title").insert(0, "Minutes");
        writer.getMap("meta").set("logo", new byte[] {1, 2, 3});
        writer.getArray("items").push(List.of("agenda", Map.of("done", true)));
        writer.getXmlFragment("body").insert(0, List.of(new YXmlElement("p")));
        writer.getXmlFragment("body").insert(1, List.of(new YXmlText("end")));
        try (RawClient client = RawClient.connect(server.port(), "content%20doc")) {
            client.awaitMessage(SyncStep1.class);
            client.send(new SyncUpdate(writer.encodeStateAsUpdate()));

            await().untilAsserted(() -> {
                HttpResponse<String> response = get("/api/documents/content%20doc/content");
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("title").asText()).isEqualTo("Minutes");
                assertThat(Base64.getDecoder().decode(body.path("meta").path("logo").asText())).containsExactly(1, 2, 3);
                assertThat(body.path("items")).isEqualTo(JSON.readTree("[\"agenda\", {\"done\": true}]"));
                assertThat(body.path("body").asText()).isEqualTo(writer.getXmlFragment("body").toJson());
            });
        }
        // reading the content left the document as it was
        JsonNode document = JSON.readTree(get("/api/documents/content%20doc").body());
        assertThat(Base64.getDecoder().decode(document.path("stateVector").asText())).isEqualTo(writer.encodeStateVector());
        assertThat(document.path("size").asInt()).isEqualTo(writer.encodeStateAsUpdate().length);
    }

    @Test
    void theContentOfAnUnknownDocumentIsA404() throws Exception {
        HttpResponse<String> response = get("/api/documents/never-written/content");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void metricsAreInPrometheusText() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "metrics")) {
            client.awaitMessage(SyncStep1.class);
            client.send(new SyncUpdate(insert(new Doc(), "counted")));

            await().untilAsserted(() -> {
                HttpResponse<String> response = get("/metrics");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type")).hasValue(
                        "text/plain; version=0.0.4; charset=utf-8");
                assertThat(response.body())
                        .containsPattern("(?m)^weft_connections [1-9]")
                        .containsPattern("(?m)^weft_documents_loaded [1-9]")
                        .containsPattern("(?m)^weft_updates_total [1-9]")
                        .containsPattern("(?m)^weft_updates_size_bytes_total [1-9]")
                        .containsPattern("(?m)^weft_storage_commit_seconds_count [1-9]")
                        .contains("weft_documents_evictions_total");
            });
        }
    }

    @Test
    void otherMethodsAndUnknownPathsAreJsonErrors() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/api/documents/x/content"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(post.body()).path("error").path("code").asText()).isEqualTo("method_not_allowed");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");

        HttpResponse<String> unknownApi = get("/api/no-such-thing");
        assertThat(unknownApi.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownApi.body()).path("error").path("code").asText()).isEqualTo("not_found");

        HttpResponse<String> missing = get("/no/such/file.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").path("code").asText()).isEqualTo("not_found");
        assertThat(get("/../pom.xml").statusCode()).isEqualTo(404);
    }

    static byte[] insert(Doc doc, String text) {
        byte[][] update = new byte[1][];
        try (var subscription = doc.onUpdate((u, origin, txn) -> update[0] = u)) {
            doc.getText("t").insert(0, text);
        }
        return update[0];
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyCame() throws Exception {
        // An API request is answered from another thread, /healthz at once on the connection's: unordered, the
        // quick answers would overtake the slow ones.
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            requests.append(rawGet("/api/documents/pipelined-" + i)).append(rawGet("/healthz"));
        }
        List<String> answers = new ArrayList<>();
        try (Socket socket = sendPipelined(requests.toString())) {
            DataInputStream in = responses(socket);
            for (int i = 0; i < 10; i++) {
                answers.add(readResponse(in));
            }
        }

        for (int i = 0; i < 5; i++) {
            assertThat(answers.get(2 * i)).startsWith("404 ").contains("pipelined-" + i);
            assertThat(answers.get(2 * i + 1)).startsWith("200 ").contains("\"status\":\"ok\"");
        }
    }

    @Test
    void aPipelinedRequestTooLargeIsRefusedAfterTheAnswersBeforeIt() throws Exception {
        // The aggregator answers 413 itself, as soon as it reads the head: in order, it comes second.
        String requests = rawGet("/api/documents/before-the-large-one")
                + "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000000\r\n\r\n";
        try (Socket socket = sendPipelined(requests)) {
            DataInputStream in = responses(socket);

            assertThat(readResponse(in)).startsWith("404 ").contains("before-the-large-one");
            assertThat(readResponse(in)).startsWith("413 ");
        }
    }

    @Test
    void aSignallingUpgradePipelinedBehindAnotherRequestIsReadAfterIt() throws Exception {
        // The API answers from another thread: the upgrade waits for it, with the connection no longer read.
        String requests = rawGet("/api/documents/before-the-upgrade")
                + "GET /signaling HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        try (Socket socket = sendPipelined(requests)) {
            DataInputStream in = responses(socket);
            assertThat(readResponse(in)).startsWith("404 ");
            assertThat(readLine(in)).startsWith("HTTP/1.1 101");
            while (!readLine(in).isEmpty()) {
                // the rest of the upgrade's head
            }

            // The upgraded connection is read: a ping is answered.
            socket.getOutputStream().write(maskedTextFrame("{\"type\":\"ping\"}"));
            assertThat(in.readUnsignedByte()).as("a final text frame").isEqualTo(0x81);
            byte[] payload = new byte[in.readUnsignedByte()];
            in.readFully(payload);
            assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    /** A short text frame as a client sends it: masked (RFC 6455, section 5.3). */
    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[2 + mask.length + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, mask.length);
        for (int i = 0; i < payload.length; i++) {
            frame[2 + mask.length + i] = (byte) (payload[i] ^ mask[i % mask.length]);
        }
        return frame;
    }

    private static String rawGet(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** A raw connection that has sent {@code requests} in one write, as a client that pipelines does. */
    private static Socket sendPipelined(String requests) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static DataInputStream responses(Socket socket) throws IOException {
        return new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    /** One HTTP/1.1 response with a Content-Length: its status code and its body, as "404 {...}". */
    private static String readResponse(DataInputStream in) throws IOException {
        String statusLine = readLine(in);
        int length = 0;
        for (String header; !(header = readLine(in)).isEmpty(); ) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return statusLine.split(" ")[1] + " " + new String(body, StandardCharsets.UTF_8);
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("closed mid-response");
            }
            line.append((char) b);
        }
        return line.toString().strip();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
