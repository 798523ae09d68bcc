package dev.weft.server.plugins;

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
import dev.weft.server.plugins.FakeAiProvider.Answer;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompt plugins end to end on the real server, real SQLite, and a local stand-in for the AI provider: publish,
 * search, install, estimate, run (the AI called stage by stage, the user charged, the edit applied by the room and
 * broadcast), test runs that change nothing, and the errors a user meets.
 */
class PluginsApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "It was dark. The rain had not stopped.";

    @TempDir
    static Path dataDir;
    static FakeAiProvider provider;
    static WeftServer server;

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeAiProvider();
        PluginSettings plugins = PluginSettings.DEFAULTS.withAi(provider.baseUrl(), "sk-test")
                .withPrices(Map.of("gpt-test", PluginSettings.Price.parse("1:2")), PluginSettings.Price.parse("1"))
                .withStartingCredits(new BigDecimal("5"))
                .withAdmins(List.of("admin"));
        server = WeftServer.start(TestServers.config(dataDir).withSecret(Tokens.SECRET).withPlugins(plugins));
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    @Test
    void aPromptPluginIsPublishedInstalledRunChargedAndItsEditBroadcast() throws Exception {
        String user = "writer-" + UUID.randomUUID();
        String token = token(user, "read-write", "*");
        String document = "story-" + UUID.randomUUID();
        Doc writer = write(document, token);
        String plugin = publishExpander(token, "expander-" + UUID.randomUUID());

        JsonNode found = json(send("GET", "/api/plugins?category=drafting&tag=AI&q=expand", token, null));
        assertThat(found.path("plugins").findValuesAsText("name")).contains(plugin);
        assertThat(json(send("GET", "/api/plugins?tag=no-such-tag", token, null)).path("plugins")).isEmpty();

        HttpResponse<String> notInstalled = send("POST", runPath(document, plugin), token, runBody());
        assertThat(notInstalled.statusCode()).isEqualTo(409);
        assertThat(error(notInstalled)).isEqualTo("plugin_not_installed");

        assertThat(send("PUT", "/api/documents/" + document + "/plugins/" + plugin, token, null).statusCode())
                .isEqualTo(200);
        assertThat(json(send("GET", "/api/documents/" + document + "/plugins", token, null)).path("plugins")
                .findValuesAsText("plugin")).containsExactly(plugin);

        try (RawClient observer = RawClient.connect(server.port(), document + "?token=" + token)) {
            observer.awaitMessage(SyncStep1.class);
            int before = observer.messages().size();
            provider.answer(Answer.completion("It was dark, darker than ink.", 100, 50));
            provider.answer(Answer.completion("Dark as ink.", 60, 20));
            int calls = provider.received().size();

            HttpResponse<String> response = send("POST", runPath(document, plugin), token, runBody());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode report = json(response);
            assertThat(report.path("text").asText()).isEqualTo("Dark as ink.");
            assertThat(report.path("test").asBoolean()).isFalse();
            assertThat(report.path("edits").get(0).path("status").asText()).isEqualTo("applied");
            // 100 in at 1 + 50 out at 2 per 1000 tokens, then 60 at 1 + 20 at 2: 0.2 + 0.1 credits
            assertThat(report.path("ai").path("cost").decimalValue()).isEqualByComparingTo("0.3");
            assertThat(report.path("ai").path("balance").decimalValue()).isEqualByComparingTo("4.7");
            assertThat(report.path("ai").path("calls")).hasSize(2);

            List<FakeAiProvider.Received> sent = provider.received().subList(calls, calls + 2);
            assertThat(sent.get(0).authorization()).isEqualTo("Bearer sk-test");
            assertThat(sent.get(0).message("system")).isEqualTo("You write noir in this style: terse.");
            assertThat(sent.get(0).message("user")).isEqualTo("Before: \nExpand: It was dark.\nNote: more menace");
            assertThat(sent.get(0).body().path("temperature").asDouble()).isEqualTo(0.8);
            assertThat(sent.get(1).message("user")).isEqualTo("Tighten: It was dark, darker than ink.");

            String expected = "Dark as ink." + TEXT.substring(12);
            SyncUpdate broadcast = observer.awaitMessageAfter(before, SyncUpdate.class);
            writer.applyUpdate(broadcast.update());
            assertThat(writer.getText("text").toString()).isEqualTo(expected);
            assertThat(json(send("GET", "/api/documents/" + document + "/content", token, null)).path("text")
                    .asText()).isEqualTo(expected);
        }

        JsonNode credits = json(send("GET", "/api/ai/credits", token, null));
        assertThat(credits.path("balance").decimalValue()).isEqualByComparingTo("4.7");
        assertThat(credits.path("usage")).hasSize(2);
        assertThat(credits.path("usage").get(0).path("promptTokens").asLong()).isEqualTo(60);
        assertThat(credits.path("usage").get(0).path("document").asText()).isEqualTo(document);
        assertThat(scrape()).containsPattern("weft_plugins_runs_seconds_count\\{outcome=\"ok\",plugin=\"" + plugin
                + "\"} 1");
    }

    @Test
    void aTestRunUsesTheSampleCallsNoProviderChargesNothingAndChangesNothing() throws Exception {
        String user = "tester-" + UUID.randomUUID();
        String token = token(user, "read-only", "*");
        String document = "quiet-" + UUID.randomUUID();
        write(document, token(user, "read-write", document));
        String plugin = publishExpander(token, "expander-" + UUID.randomUUID());
        int calls = provider.received().size();

        HttpResponse<String> response = send("POST", runPath(document, plugin) + "?test=true", token,
                "{\"userInput\": \"louder\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("test").asBoolean()).isTrue();
        assertThat(report.path("prompts").get(0).path("system").asText())
                .isEqualTo("You write gothic mystery in this style: spare, close third person, short sentences.");
        assertThat(report.path("prompts").get(0).path("prompt").asText())
                .contains("Expand: The lighthouse keeper counted the ships twice.").contains("Note: louder");
        assertThat(report.path("prompts").get(1).path("prompt").asText())
                .isEqualTo("Tighten: " + PromptRunner.FIRST_STAGE_PLACEHOLDER);
        assertThat(report.path("estimate").decimalValue()).isPositive();
        assertThat(report.path("edits").get(0).path("status").asText()).isEqualTo("proposed");
        assertThat(provider.received()).hasSize(calls);
        assertThat(json(send("GET", "/api/ai/credits", token, null)).path("usage")).isEmpty();
        assertThat(json(send("GET", "/api/documents/" + document + "/content", token, null)).path("text").asText())
                .isEqualTo(TEXT);
    }

    @Test
    void anEstimateComesBeforeTheRunAndARunBeyondTheBalanceIsRefusedWith402() throws Exception {
        String user = "spender-" + UUID.randomUUID();
        String token = token(user, "read-write", "*");
        String document = "costly-" + UUID.randomUUID();
        write(document, token);
        String plugin = publishExpander(token, "expander-" + UUID.randomUUID());
        send("PUT", "/api/documents/" + document + "/plugins/" + plugin, token, null);

        JsonNode estimate = json(send("POST", "/api/documents/" + document + "/plugins/" + plugin + "/estimate",
                token, runBody()));
        // at most 300 + 200 completion tokens at 2, and the second prompt counts the first's 300: over 1 credit
        assertThat(estimate.path("estimate").decimalValue()).isGreaterThan(BigDecimal.ONE);
        assertThat(estimate.path("affordable").asBoolean()).isTrue();
        assertThat(estimate.path("stages").get(1).path("promptTokens").asLong()).isGreaterThan(300);

        String admin = token("admin", "read-only", "nothing");
        HttpResponse<String> granted = send("POST", "/api/ai/credits/" + user, admin, "{\"amount\": -4.5}");
        assertThat(json(granted).path("balance").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(send("POST", "/api/ai/credits/" + user, token, "{\"amount\": 100}").statusCode()).isEqualTo(403);
        int calls = provider.received().size();

        HttpResponse<String> refused = send("POST", runPath(document, plugin), token, runBody());

        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(error(refused)).isEqualTo("insufficient_credits");
        assertThat(json(refused).path("error").path("message").asText()).contains("0.5");
        assertThat(provider.received()).hasSize(calls);
    }

    @Test
    void aRunInFlightHoldsItsEstimateSoThatAConcurrentOneCannotOverdraw() throws Exception {
        String user = "racer-" + UUID.randomUUID();
        String token = token(user, "read-write", "*");
        String document = "race-" + UUID.randomUUID();
        write(document, token);
        String plugin = publishExpander(token, "expander-" + UUID.randomUUID());
        send("PUT", "/api/documents/" + document + "/plugins/" + plugin, token, null);
        BigDecimal estimate = json(send("POST", "/api/documents/" + document + "/plugins/" + plugin + "/estimate",
                token, runBody())).path("estimate").decimalValue();
        // enough for one run, not for two
        BigDecimal balance = estimate.multiply(new BigDecimal("1.5")).setScale(6, RoundingMode.DOWN);
        send("POST", "/api/ai/credits/" + user, token("admin", "read-only", "nothing"),
                "{\"amount\": " + balance.subtract(new BigDecimal(5)).toPlainString() + "}");
        int calls = provider.received().size();
        CountDownLatch held = provider.hold();
        HttpResponse<String> second;
        CompletableFuture<HttpResponse<String>> first;
        try {
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return send("POST", runPath(document, plugin), token, runBody());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().until(() -> provider.received().size() == calls + 1);

            second = send("POST", runPath(document, plugin), token, runBody());
        } finally {
            held.countDown();
        }

        assertThat(second.statusCode()).as(second.body()).isEqualTo(402);
        assertThat(error(second)).isEqualTo("insufficient_credits");
        HttpResponse<String> done = first.get();
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        BigDecimal cost = json(done).path("ai").path("cost").decimalValue();
        assertThat(json(send("GET", "/api/ai/credits", token, null)).path("balance").decimalValue())
                .isEqualByComparingTo(balance.subtract(cost));
    }

    @Test
    void aProviderThatIsDownIs503AndOneOutOfCreditsIs402AndNothingIsCharged() throws Exception {
        String user = "unlucky-" + UUID.randomUUID();
        String token = token(user, "read-write", "*");
        String document = "stormy-" + UUID.randomUUID();
        write(document, token);
        String plugin = publishExpander(token, "expander-" + UUID.randomUUID());
        send("PUT", "/api/documents/" + document + "/plugins/" + plugin, token, null);

        provider.answer(Answer.error(503, "server_error", "maintenance"));
        HttpResponse<String> down = send("POST", runPath(document, plugin), token, runBody());
        provider.answer(Answer.error(429, "insufficient_quota", "You exceeded your current quota"));
        HttpResponse<String> broke = send("POST", runPath(document, plugin), token, runBody());

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(error(down)).isEqualTo("ai_unavailable");
        assertThat(broke.statusCode()).isEqualTo(402);
        assertThat(error(broke)).isEqualTo("ai_credits_exhausted");
        JsonNode credits = json(send("GET", "/api/ai/credits", token, null));
        assertThat(credits.path("balance").decimalValue()).isEqualByComparingTo("5");
        assertThat(credits.path("usage")).isEmpty();
        assertThat(json(send("GET", "/api/documents/" + document + "/content", token, null)).path("text").asText())
                .isEqualTo(TEXT);
        assertThat(scrape()).containsPattern("weft_plugins_runs_seconds_count\\{outcome=\"ai_unavailable\",plugin=\""
                + plugin + "\"} 1");
    }

    @Test
    void whoMayPublishInstallAndRunIsChecked() throws Exception {
        String alice = token("alice-" + UUID.randomUUID(), "read-write", "*");
        String bob = token("bob-" + UUID.randomUUID(), "read-write", "*");
        String document = "guarded-" + UUID.randomUUID();
        String reader = token("reader-" + UUID.randomUUID(), "read-only", document);
        write(document, alice);
        String plugin = publishExpander(alice, "expander-" + UUID.randomUUID());

        ObjectNode manifest = expander(plugin);
        HttpResponse<String> sameVersion = send("POST", "/api/plugins", alice, publishBody(manifest));
        HttpResponse<String> bobsVersion = send("POST", "/api/plugins", bob,
                publishBody(manifest.put("version", "2.0.0")));
        HttpResponse<String> newer = send("POST", "/api/plugins", alice, publishBody(manifest.put("version", "2.0.0")));
        HttpResponse<String> invalid = send("POST", "/api/plugins", alice,
                publishBody(manifest.put("name", "Not A Name").put("temperature", 1)));

        assertThat(sameVersion.statusCode()).isEqualTo(409);
        assertThat(error(sameVersion)).isEqualTo("version_not_newer");
        assertThat(bobsVersion.statusCode()).isEqualTo(403);
        assertThat(newer.statusCode()).isEqualTo(200);
        assertThat(json(newer).path("version").asText()).isEqualTo("2.0.0");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(error(invalid)).isEqualTo("invalid_plugin");
        assertThat(json(invalid).path("error").path("message").asText()).contains("name \"Not A Name\"")
                .contains("unknown field \"temperature\"");

        assertThat(send("PUT", "/api/documents/" + document + "/plugins/" + plugin, reader, null).statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", "/api/server/plugins/" + plugin, alice, null).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/api/server/plugins/" + plugin, token("admin", "read-only", "x"), null).statusCode())
                .isEqualTo(200);
        // installed server-wide, it applies to the document, but its edits need edit access
        HttpResponse<String> readerRun = send("POST", runPath(document, plugin), reader, runBody());
        assertThat(readerRun.statusCode()).isEqualTo(403);
        assertThat(send("POST", runPath(document, plugin) + "?test=true", reader, null).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", runPath(document, plugin), null, runBody()).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/plugins/" + plugin, bob, null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/plugins/" + plugin, alice, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/plugins/" + plugin, alice, null).statusCode()).isEqualTo(404);
    }

    @Test
    void thePreviousDocumentIsReadWithTheCallersOwnRights() throws Exception {
        String user = "novelist-" + UUID.randomUUID();
        String chapter1 = "chapter1-" + UUID.randomUUID();
        String chapter2 = "chapter2-" + UUID.randomUUID();
        String token = token(user, "read-write", chapter2);
        write(chapter1, token(user, "read-write", chapter1));
        write(chapter2, token);
        String plugin = "recap-" + UUID.randomUUID();
        ObjectNode manifest = (ObjectNode) JSON.readTree("""
                {"kind": "prompt", "name": "%s", "version": "1.0.0", "description": "Recaps.", "author": "Weft",
                 "license": "MIT", "category": "review", "permissions": ["ai.generate", "doc.read"],
                 "stages": [{"model": "gpt-test", "prompt": "Recap {{previous_document_text}} for {{document_name}}"}]}
                """.formatted(plugin));
        assertThat(send("POST", "/api/plugins", token, publishBody(manifest)).statusCode()).isEqualTo(201);
        send("PUT", "/api/documents/" + chapter2 + "/plugins/" + plugin, token, null);
        String body = "{\"previousDocument\": \"" + chapter1 + "\"}";

        HttpResponse<String> notCovered = send("POST", runPath(chapter2, plugin), token, body);
        HttpResponse<String> covered = send("POST", runPath(chapter2, plugin),
                token(user, "read-write", chapter1, chapter2), body);

        assertThat(notCovered.statusCode()).isEqualTo(404);
        assertThat(json(notCovered).path("error").path("message").asText()).contains(chapter1);
        assertThat(covered.statusCode()).as(covered.body()).isEqualTo(200);
        // the stand-in provider echoes the prompt when nothing is queued
        assertThat(json(covered).path("text").asText()).isEqualTo("echo: Recap " + TEXT + " for " + chapter2);
        assertThat(json(covered).path("edits")).isEmpty();
    }

    /** Writes {@link #TEXT} and a Story Bible into {@code document}; returns the writer's copy. */
    private static Doc write(String document, String token) {
        Doc writer = new Doc();
        writer.getText("text").insert(0, TEXT);
        YMap bible = writer.getMap("storyBible");
        bible.set("genre", "noir");
        bible.set("style", "terse");
        try (RawClient client = RawClient.connect(server.port(), document + "?token=" + token)) {
            client.awaitMessage(SyncStep1.class);
            client.send(new SyncUpdate(writer.encodeStateAsUpdate()));
            await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/api/documents/" + document + "/content",
                    token, null).statusCode() == 200);
        }
        return writer;
    }

    private static String publishExpander(String token, String name) throws Exception {
        HttpResponse<String> response = send("POST", "/api/plugins", token, publishBody(expander(name)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).path("kind").asText()).isEqualTo("prompt");
        return name;
    }

    /** The expander of {@link PromptPluginTest}, under another name and with the test provider's model. */
    private static ObjectNode expander(String name) throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(PromptPluginTest.EXPANDER);
        return manifest.put("name", name);
    }

    private static String publishBody(ObjectNode manifest) {
        return JSON.createObjectNode().set("manifest", manifest).toString();
    }

    /** Selects "It was dark." */
    private static String runBody() {
        return "{\"selection\": {\"from\": 0, \"to\": 12}, \"userInput\": \"more menace\"}";
    }

    private static String runPath(String document, String plugin) {
        return "/api/documents/" + document + "/plugins/" + plugin + "/run";
    }

    static String token(String subject, String scope, String... docs) {
        return Tokens.sign(Tokens.SECRET, Tokens.claims(subject, scope, List.of(docs),
                Instant.now().plus(Duration.ofHours(1))));
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String error(HttpResponse<String> response) throws Exception {
        return json(response).path("error").path("code").asText();
    }

    private static String scrape() throws Exception {
        return send("GET", "/metrics", null, null).body();
    }
}
