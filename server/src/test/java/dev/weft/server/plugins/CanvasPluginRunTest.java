package dev.weft.server.plugins;

import static dev.weft.server.plugins.PluginsApiTest.error;
import static dev.weft.server.plugins.PluginsApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.crdt.Doc;
import dev.weft.crdt.YMap;
import dev.weft.crdt.YText;
import dev.weft.server.WeftServer;
import dev.weft.server.canvas.CanvasDocument;
import dev.weft.server.config.PluginSettings;
import dev.weft.server.testing.PeerOptions;
import dev.weft.server.testing.PeerState;
import dev.weft.server.testing.SyncPeer;
import dev.weft.server.testing.SyncPeers;
import dev.weft.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canvas elements a wasm plugin proposes land on the document's canvas, through its room, where a real y-websocket
 * client sees them appear; without {@code canvas.write} the run is refused, an invalid element fails the run with
 * what is wrong, a reference to no element is refused alone, and a test run only reports. The plugin
 * ({@code canvas-board}, a test plugin) lays out one card per paragraph in a group, joined by connectors, and
 * emits the user's input as one more element. A prompt plugin's output becomes a note likewise.
 */
class CanvasPluginRunTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PLUGINS = Path.of(Objects.requireNonNull(System.getProperty("weft.examples.dir"),
            "weft.examples.dir names the built plugins: run the tests through Maven"));
    private static final String STORY = "She leaves the house.\nHe follows.\n\nThey meet at the pier.";

    @TempDir
    static Path dataDir;
    static FakeAiProvider provider;
    static WeftServer server;
    static SyncPeers peers;

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeAiProvider();
        server = WeftServer.start(TestServers.config(dataDir)
                .withPlugins(PluginSettings.DEFAULTS.withAi(provider.baseUrl(), null)));
        peers = SyncPeers.start();
        ObjectNode manifest = (ObjectNode) JSON.readTree(PLUGINS.resolve("canvas-board/plugin.json").toFile());
        assertThat(send("POST", "/api/plugins", publishBody(manifest)).statusCode()).isEqualTo(201);
        ObjectNode withoutCanvas = manifest.deepCopy().put("name", "canvas-board-read-only");
        withoutCanvas.putArray("permissions").add("doc.read");
        HttpResponse<String> published = send("POST", "/api/plugins", publishBody(withoutCanvas));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        peers.close();
        server.close();
        provider.close();
    }

    @Test
    void theElementsAppearInEveryClientsDocumentAsMapsOfTheirFields() throws Exception {
        SyncPeer peer = writer("board");
        send("PUT", "/api/documents/board/plugins/canvas-board", null);

        HttpResponse<String> response = send("POST", "/api/documents/board/plugins/canvas-board/run", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("text").asText()).isEqualTo("3 scene cards");
        JsonNode canvas = report.path("canvas");
        assertThat(canvas.findValuesAsText("status")).containsOnly("added").hasSize(6);
        String group = canvas.get(0).path("id").asText();
        String firstCard = canvas.get(1).path("id").asText();
        String secondCard = canvas.get(2).path("id").asText();
        String connector = canvas.get(3).path("id").asText();
        assertThat(canvas.get(2).path("element").path("text").asText()).isEqualTo("He follows.");

        PeerState seen = peer.awaitState("the board on its canvas",
                state -> state.map(CanvasDocument.ROOT) != null && state.map(CanvasDocument.ROOT).size() == 6);
        JsonNode board = seen.map(CanvasDocument.ROOT);
        assertThat(board.path(secondCard).path("type").asText()).isEqualTo("card");
        assertThat(board.path(secondCard).path("text").asText()).isEqualTo("He follows.");
        assertThat(board.path(secondCard).path("parent").asText()).isEqualTo(group);
        assertThat(board.path(secondCard).path("x").asDouble()).isEqualTo(320);
        assertThat(board.path(secondCard).path("color").asText()).isEqualTo("#ffd966");
        assertThat(board.path(secondCard).path("plugin").asText()).isEqualTo("canvas-board");
        assertThat(board.path(connector).path("from").asText()).isEqualTo(firstCard);
        assertThat(board.path(connector).path("to").asText()).isEqualTo(secondCard);
        assertThat(board.path(group).path("text").asText()).isEqualTo("Plot");
        // What the client holds is the model's shape: a Y.Map per element, its text a Y.Text.
        Doc decoded = new Doc();
        decoded.applyUpdate(seen.update());
        YMap card = (YMap) decoded.getMap(CanvasDocument.ROOT).get(secondCard);
        assertThat(card.get(CanvasDocument.TEXT)).isInstanceOf(YText.class);
        assertThat(json(send("GET", "/api/documents/board/content", null)).path("canvas").size()).isEqualTo(6);
    }

    @Test
    void withoutCanvasWriteTheRunIsRefused() throws Exception {
        SyncPeer peer = writer("locked-board");
        send("PUT", "/api/documents/locked-board/plugins/canvas-board-read-only", null);

        HttpResponse<String> refused = send("POST", "/api/documents/locked-board/plugins/canvas-board-read-only/run",
                null);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(error(refused)).isEqualTo("plugin_permission_denied");
        assertThat(json(refused).path("error").path("message").asText())
                .contains("weft.emit_canvas without the canvas.write permission");
        assertThat(json(send("GET", "/api/documents/locked-board/content", null)).path("canvas").size()).isZero();
        assertThat(peer.state().map(CanvasDocument.ROOT)).isEmpty();
    }

    @Test
    void anInvalidElementFailsTheRunWithWhatIsWrongAndAddsNothing() throws Exception {
        SyncPeer peer = writer("bad-board");
        send("PUT", "/api/documents/bad-board/plugins/canvas-board", null);

        HttpResponse<String> refused = run("bad-board",
                "{\"type\": \"card\", \"width\": -5, \"shape\": \"round\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(error(refused)).isEqualTo("plugin_bad_output");
        assertThat(json(refused).path("error").path("message").asText())
                .contains("emit_canvas: canvas element 7 is invalid:")
                .contains("\"width\" must be a finite number from 1 to 100000, not -5")
                .contains("unknown field \"shape\"");
        HttpResponse<String> notJson = run("bad-board", "a card");
        assertThat(error(notJson)).isEqualTo("plugin_bad_output");
        assertThat(json(notJson).path("error").path("message").asText()).contains("which is not a JSON object");
        assertThat(json(send("GET", "/api/documents/bad-board/content", null)).path("canvas").size()).isZero();
        assertThat(peer.state().map(CanvasDocument.ROOT)).isEmpty();
    }

    @Test
    void aReferenceToNoElementIsRefusedAloneAndTheRestAdded() throws Exception {
        SyncPeer peer = writer("dangling-board");
        send("PUT", "/api/documents/dangling-board/plugins/canvas-board", null);

        HttpResponse<String> response = run("dangling-board",
                "{\"type\": \"connector\", \"from\": \"scene-0\", \"to\": \"somewhere\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode canvas = json(response).path("canvas");
        assertThat(canvas.findValuesAsText("status")).containsExactly("added", "added", "added", "added", "added",
                "added", "refused");
        assertThat(canvas.get(6).path("error").asText())
                .isEqualTo("no element \"somewhere\" on the canvas, nor proposed before this one");
        peer.awaitState("six elements on its canvas", state -> state.map(CanvasDocument.ROOT).size() == 6);
    }

    @Test
    void aTestRunReportsTheElementsAndAddsNone() throws Exception {
        SyncPeer peer = writer("tested-board");

        JsonNode report = json(send("POST", "/api/documents/tested-board/plugins/canvas-board/run?test=true", null));

        assertThat(report.path("test").asBoolean()).isTrue();
        assertThat(report.path("canvas").findValuesAsText("status")).isNotEmpty().containsOnly("proposed");
        for (JsonNode element : report.path("canvas")) {
            assertThat(element.has("id")).as("an id on the canvas: %s", element).isFalse();
        }
        assertThat(json(send("GET", "/api/documents/tested-board/content", null)).path("canvas").size()).isZero();
        assertThat(peer.state().map(CanvasDocument.ROOT)).isEmpty();
    }

    @Test
    void aPromptPluginsOutputBecomesANoteOnTheCanvas() throws Exception {
        SyncPeer peer = writer("idea-board");
        HttpResponse<String> published = send("POST", "/api/plugins", "{\"manifest\": " + """
                {"kind": "prompt", "name": "next-scene-idea", "version": "1.0.0", "author": "Weft tests",
                 "description": "Pins an idea for the next scene to the board.", "license": "MIT",
                 "category": "planning", "permissions": ["ai.generate", "doc.read", "canvas.write"],
                 "output": "canvas-note", "stages": [{"model": "gpt-test", "prompt": "Next after: {{document_text}}"}]}
                """ + "}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        send("PUT", "/api/documents/idea-board/plugins/next-scene-idea", null);
        provider.answer(FakeAiProvider.Answer.completion("The pier collapses.", 20, 5));

        JsonNode report = json(send("POST", "/api/documents/idea-board/plugins/next-scene-idea/run", null));

        assertThat(report.path("text").asText()).isEqualTo("The pier collapses.");
        assertThat(report.path("canvas").get(0).path("status").asText()).isEqualTo("added");
        String note = report.path("canvas").get(0).path("id").asText();
        JsonNode board = peer.awaitState("the idea on its canvas",
                state -> state.map(CanvasDocument.ROOT).has(note)).map(CanvasDocument.ROOT);
        assertThat(board.path(note).path("type").asText()).isEqualTo("note");
        assertThat(board.path(note).path("text").asText()).isEqualTo("The pier collapses.");
        assertThat(board.path(note).path("plugin").asText()).isEqualTo("next-scene-idea");

        JsonNode test = json(send("POST", "/api/documents/idea-board/plugins/next-scene-idea/run?test=true", null));
        assertThat(test.path("canvas").get(0).path("status").asText()).isEqualTo("proposed");
        assertThat(json(send("GET", "/api/documents/idea-board/content", null)).path("canvas").size()).isEqualTo(1);
    }

    /** A y-websocket client on {@code document} that wrote the story, once the server has stored it. */
    private static SyncPeer writer(String document) throws Exception {
        SyncPeer peer = peers.connect(URI.create("ws://127.0.0.1:" + server.port()), document,
                new PeerOptions(Map.of(), null, List.of("text"), List.of(CanvasDocument.ROOT), null, true));
        peer.awaitSynced();
        peer.insertText(0, STORY);
        await().until(() -> {
            HttpResponse<String> content = send("GET", "/api/documents/" + document + "/content", null);
            return content.statusCode() == 200 && json(content).path("text").asText().equals(STORY);
        });
        return peer;
    }

    private static HttpResponse<String> run(String document, String userInput) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("userInput", userInput);
        return send("POST", "/api/documents/" + document + "/plugins/canvas-board/run", body.toString());
    }

    private static String publishBody(ObjectNode manifest) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.set("manifest", manifest);
        body.put("module", Base64.getEncoder().encodeToString(
                Files.readAllBytes(PLUGINS.resolve("canvas-board/plugin.wasm"))));
        return body.toString();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
