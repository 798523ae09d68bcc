package dev.weft.server.plugins;

import static dev.weft.server.plugins.PluginsApiTest.error;
import static dev.weft.server.plugins.PluginsApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.crdt.Doc;
import dev.weft.crdt.YMap;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.WeftServer;
import dev.weft.server.config.PluginSettings;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wasm plugins through the server, in the open mode: the example plugins plugin-runtime builds (reading statistics,
 * repeated words, outline) published from their packages, installed, run on real documents and in test mode; and
 * one that uses every host call (its edit applied, its comment posted, its canvas element added, its AI call made
 * through the stand-in provider); and untrusted ones that loop forever, reach beyond their permissions or declare unbounded
 * memory, refused or stopped while the server goes on serving documents.
 */
class WasmPluginsApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(Objects.requireNonNull(System.getProperty("weft.examples.dir"),
            "weft.examples.dir names the built example plugins: run the tests through Maven"));

    @TempDir
    static Path dataDir;
    static FakeAiProvider provider;
    static WeftServer server;

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeAiProvider();
        server = WeftServer.start(TestServers.config(dataDir)
                .withPlugins(PluginSettings.DEFAULTS.withAi(provider.baseUrl(), null)));
        for (String plugin : new String[] {"reading-stats", "repeated-words", "outline", "infinite-loop",
                "no-permission", "every-host-call"}) {
            HttpResponse<String> published = send("POST", "/api/plugins", publishBody(plugin));
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    @Test
    void readingStatsCountsTheDocumentsWords() throws Exception {
        write("stats", "It was dark. The rain had not stopped.\nNobody came.");
        send("PUT", "/api/documents/stats/plugins/reading-stats", null);

        HttpResponse<String> response = send("POST", "/api/documents/stats/plugins/reading-stats/run", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("kind").asText()).isEqualTo("wasm");
        assertThat(report.path("text").asText()).startsWith("10 words, 3 sentences, 2 paragraphs");
        assertThat(report.path("output").path("stats").path("words").asInt()).isEqualTo(10);
        assertThat(send("GET", "/metrics", null).body())
                .containsPattern("weft_plugins_runs_seconds_count\\{outcome=\"ok\",plugin=\"reading-stats\"} [1-9]")
                .containsPattern("weft_plugins_memory_bytes_max\\{plugin=\"reading-stats\"} [1-9]");
    }

    @Test
    void repeatedWordsProposesACommentOnEachRepetition() throws Exception {
        write("proof", "The the storm came. It came came back.");
        send("PUT", "/api/documents/proof/plugins/repeated-words", null);

        JsonNode report = json(send("POST", "/api/documents/proof/plugins/repeated-words/run", null));

        assertThat(report.path("text").asText()).isEqualTo("2 repeated words");
        JsonNode comments = report.path("comments");
        assertThat(comments).hasSize(2);
        assertThat(comments.get(0).path("quote").asText()).isEqualTo("The the");
        assertThat(comments.get(0).path("from").asInt()).isZero();
        assertThat(comments.get(1).path("quote").asText()).isEqualTo("came came");
        assertThat(comments.get(1).path("body").asText()).isEqualTo("Repeated word: came");
        assertThat(comments.findValuesAsText("status")).containsExactly("posted", "posted");

        // posted through the comments feature: threads anchored on the passages, by the runner via the plugin
        JsonNode threads = json(send("GET", "/api/documents/proof/threads", null));
        assertThat(threads.findValues("id").stream().map(JsonNode::asLong).toList())
                .contains(comments.get(0).path("threadId").asLong(), comments.get(1).path("threadId").asLong());
        assertThat(threads.toString()).contains("Repeated word: came").contains("(via repeated-words)");
    }

    @Test
    void aTestRunReadsTheSampleAndReportsWhatItWouldPropose() throws Exception {
        JsonNode report = json(send("POST", "/api/documents/never-written/plugins/repeated-words/run",
                "{\"test\": true}"));

        assertThat(report.path("test").asBoolean()).isTrue();
        assertThat(report.path("comments")).hasSize(1);
        assertThat(report.path("comments").get(0).path("quote").asText()).isEqualTo("The the");
        assertThat(report.path("comments").get(0).path("status").asText()).isEqualTo("proposed");
    }

    @Test
    void outlineTurnsTheSelectionIntoPoints() throws Exception {
        String text = "Intro. She left the house, quietly; nobody saw. The dog barked twice! End.";
        write("outline", text);
        send("PUT", "/api/documents/outline/plugins/outline", null);
        int from = text.indexOf("She");
        int to = text.indexOf(" End.");

        JsonNode report = json(send("POST", "/api/documents/outline/plugins/outline/run",
                "{\"selection\": {\"from\": " + from + ", \"to\": " + to + "}}"));

        assertThat(report.path("text").asText()).isEqualTo("- She left the house\n- The dog barked twice");
    }

    @Test
    void untrustedPluginsAreStoppedOrRefusedAndTheServerServesOn() throws Exception {
        write("calm", "Still here.");
        send("PUT", "/api/documents/calm/plugins/infinite-loop", null);
        send("PUT", "/api/documents/calm/plugins/no-permission", null);

        CompletableFuture<HttpResponse<String>> looping = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", "/api/documents/calm/plugins/infinite-loop/run", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(json(send("GET", "/api/documents/calm/content", null)).path("text").asText())
                .isEqualTo("Still here.");
        HttpResponse<String> stopped = looping.get();
        HttpResponse<String> denied = send("POST", "/api/documents/calm/plugins/no-permission/run", null);
        HttpResponse<String> unbounded = send("POST", "/api/plugins", publishBody("memory-unbounded"));

        assertThat(stopped.statusCode()).isEqualTo(422);
        assertThat(error(stopped)).isEqualTo("plugin_timeout");
        assertThat(denied.statusCode()).isEqualTo(422);
        assertThat(error(denied)).isEqualTo("plugin_permission_denied");
        assertThat(unbounded.statusCode()).isEqualTo(400);
        assertThat(error(unbounded)).isEqualTo("invalid_plugin");
        assertThat(json(unbounded).path("error").path("message").asText()).contains("maximum");
        assertThat(send("GET", "/metrics", null).body())
                .containsPattern("weft_plugins_runs_seconds_count\\{outcome=\"timeout\",plugin=\"infinite-loop\"} 1");
    }

    @Test
    void aPluginWithEveryPermissionEditsTheDocumentAndProposesTheRest() throws Exception {
        Doc writer = write("heist", "Once.");
        try (RawClient client = RawClient.connect(server.port(), "heist")) {
            client.awaitMessage(SyncStep1.class);
            YMap bible = writer.getMap("storyBible");
            List<byte[]> updates = new ArrayList<>();
            writer.onUpdate((update, origin, txn) -> updates.add(update));
            bible.set("genre", "crime");
            bible.set("synopsis", "A heist.");
            updates.forEach(update -> client.send(new SyncUpdate(update)));
            await().until(() -> json(send("GET", "/api/documents/heist/content", null)).path("storyBible")
                    .path("synopsis").asText().equals("A heist."));
        }
        send("PUT", "/api/documents/heist/plugins/every-host-call", null);
        provider.answer(FakeAiProvider.Answer.completion("The Job", 12, 3));
        int calls = provider.received().size();

        JsonNode report = json(send("POST", "/api/documents/heist/plugins/every-host-call/run", null));

        assertThat(report.path("text").asText()).isEqualTo("The Job");
        assertThat(report.path("output").path("genre").asText()).isEqualTo("crime");
        assertThat(report.path("logs").get(0).asText()).isEqualTo("writing a crime story");
        assertThat(provider.received()).hasSize(calls + 1);
        assertThat(provider.received().get(calls).message("user")).isEqualTo("A title for: A heist.");
        assertThat(provider.received().get(calls).body().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(report.path("ai").path("calls")).hasSize(1);
        assertThat(report.path("edits").get(0).path("text").asText()).isEqualTo("The Job\n");
        assertThat(report.path("edits").get(0).path("status").asText()).isEqualTo("applied");
        assertThat(report.path("comments").get(0).path("quote").asText()).isEqualTo("Once.");
        assertThat(report.path("canvas").get(0).path("element").path("text").asText()).isEqualTo("A heist.");
        assertThat(report.path("canvas").get(0).path("status").asText()).isEqualTo("added");
        String note = report.path("canvas").get(0).path("id").asText();
        assertThat(json(send("GET", "/api/documents/heist/content", null)).path("canvas").path(note).path("text")
                .asText()).isEqualTo("A heist.");
        assertThat(json(send("GET", "/api/documents/heist/content", null)).path("text").asText())
                .isEqualTo("The Job\nOnce.");

        JsonNode test = json(send("POST", "/api/documents/heist/plugins/every-host-call/run?test=true", null));
        assertThat(test.path("text").asText()).startsWith("(an AI completion of this");
        assertThat(test.path("edits").get(0).path("status").asText()).isEqualTo("proposed");
        assertThat(test.path("output").path("genre").asText()).isEqualTo("gothic mystery");
        assertThat(provider.received()).hasSize(calls + 1);
        assertThat(json(send("GET", "/api/documents/heist/content", null)).path("text").asText())
                .isEqualTo("The Job\nOnce.");
    }

    private static String publishBody(String example) throws Exception {
        Path folder = EXAMPLES.resolve(example);
        ObjectNode body = JSON.createObjectNode();
        body.set("manifest", JSON.readTree(folder.resolve("plugin.json").toFile()));
        body.put("module", Base64.getEncoder().encodeToString(Files.readAllBytes(folder.resolve("plugin.wasm"))));
        return body.toString();
    }

    private static Doc write(String document, String text) {
        Doc writer = new Doc();
        writer.getText("text").insert(0, text);
        try (RawClient client = RawClient.connect(server.port(), document)) {
            client.awaitMessage(SyncStep1.class);
            client.send(new SyncUpdate(writer.encodeStateAsUpdate()));
            await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/api/documents/" + document + "/content",
                    null).statusCode() == 200);
        }
        return writer;
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
