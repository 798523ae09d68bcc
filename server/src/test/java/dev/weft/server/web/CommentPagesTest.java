package dev.weft.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.EditorPage;
import dev.weft.server.testing.EditorPages;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live comments in two real headless Chromium browsers: the author writes on the editor page and shares a link; a
 * reader opens it on the reader page, selects a passage and comments on it; the author sees the thread beside the
 * text at once and replies there; the reader sees the reply at once.
 */
class CommentPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "Once upon a time there was a fox.";

    @TempDir
    static Path dataDir;
    static WeftServer server;
    static EditorPages browsers;

    @BeforeAll
    static void start() {
        assertThat(CommentPagesTest.class.getResource("/dev/weft/server/web/reader.js"))
                .as("the pages are built (npm run build:editor, which ./weft test runs)").isNotNull();
        server = TestServers.withTokens(dataDir);
        browsers = EditorPages.start();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        server.close();
    }

    @Test
    void aReaderCommentsOnASelectionAndTheAuthorRepliesBothLive() throws Exception {
        String ada = Tokens.tokenFor("ada", "Ada", "read-write", "story");
        assertThat(post("/api/documents", ada, "{\"name\": \"story\"}").statusCode()).isEqualTo(201);
        EditorPage author = browsers.open(URI.create(base() + "/?doc=story&token=" + ada));
        author.awaitSynced();
        author.type(TEXT);

        HttpResponse<String> link = post("/api/documents/story/links", ada, "{\"allow_comments\": true}");
        assertThat(link.statusCode()).isEqualTo(201);
        String linkToken = JSON.readTree(link.body()).path("token").asText();
        EditorPage reader = browsers.open(URI.create(base() + "/read.html#" + linkToken));
        reader.fill("#join input[name=name]", "Rita");
        reader.click("#join button");
        await().atMost(EditorPage.AWAIT_TIMEOUT).until(() -> reader.comments().path("text").asText(), TEXT::equals);

        int start = TEXT.indexOf("a fox");
        reader.select(start, start + "a fox".length());
        reader.fill("#comment textarea[name=body]", "Which fox?");
        reader.click("#comment button");

        JsonNode seen = await().atMost(EditorPage.AWAIT_TIMEOUT).until(() -> author.comments().path("threads"),
                threads -> threads.size() == 1);
        assertThat(seen.get(0).path("quote").asText()).isEqualTo("a fox");
        assertThat(seen.get(0).path("comments").get(0).path("author").asText()).isEqualTo("Rita");
        assertThat(seen.get(0).path("comments").get(0).path("body").asText()).isEqualTo("Which fox?");

        author.reply(seen.get(0).path("id").asLong(), "The quick brown one.");
        JsonNode replied = await().atMost(EditorPage.AWAIT_TIMEOUT).until(
                () -> reader.comments().path("threads").path(0).path("comments"), comments -> comments.size() == 2);
        assertThat(replied.get(1).path("author").asText()).isEqualTo("Ada");
        assertThat(replied.get(1).path("body").asText()).isEqualTo("The quick brown one.");

        assertThat(author.comments().path("errors")).isEmpty();
        assertThat(reader.comments().path("errors")).isEmpty();
        assertThat(reader.comments().path("notice").isNull()).as(reader.comments().path("notice").asText()).isTrue();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
