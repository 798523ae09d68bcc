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
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live comments in two real headless Chromium browsers: the author writes on the editor page and shares a link; a
 * reader opens it on the reader page, selects a passage and comments on it; the author sees the thread beside the
 * text at once and replies there; the reader sees the reply at once. And the other way round: the author comments
 * on a selection on the editor page; both pages highlight the passage, follow it through edits, pick out a thread
 * from its passage and a passage from its thread, show its resolution live, and show it detached once deleted.
 */
class CommentPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "Once upon a time there was a fox.";
    /** Long enough to wrap, with the passage commented on on a wrapped line, after a line break. */
    private static final String STORY = TEXT + "\n\nEvery morning it walked along the river, past the mill and the old "
            + "stone bridge, through the meadow where the farmer's dogs slept in the sun, until it reached the edge of "
            + "the forest and the hollow tree where it kept its treasures.";
    private static final String PASSAGE = "hollow tree";

    @TempDir
    static Path dataDir;
    static WeftServer server;
    static EditorPages browsers;

    @BeforeAll
    static void start() {
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

    @Test
    void theAuthorCommentsOnASelectionAndBothPagesHighlightThePassageLiveThroughEditsAndResolution() throws Exception {
        String ada = Tokens.tokenFor("ada", "Ada", "read-write", "draft");
        assertThat(post("/api/documents", ada, "{\"name\": \"draft\"}").statusCode()).isEqualTo(201);
        EditorPage author = browsers.open(URI.create(base() + "/?doc=draft&token=" + ada));
        author.awaitSynced();
        author.type(STORY);
        EditorPage reader = openLink(author, "draft", ada, "Rita");

        // The author selects a passage on the editor page and comments on it there.
        int start = STORY.indexOf(PASSAGE);
        int end = start + PASSAGE.length();
        author.select(start, end);
        author.fill("#comment textarea[name=body]", "Which tree?");
        author.click("#comment button");
        // The live event can list the thread before the answer to its creation makes it the current one.
        JsonNode own = awaitThread(author, "the author's thread, highlighted and the current one",
                t -> t.path("highlight").isObject() && t.path("active").asBoolean());
        assertHighlight(own, start, end, PASSAGE);
        assertThat(own.path("buttons")).extracting(JsonNode::asText).containsExactly("Resolve");
        long id = own.path("id").asLong();

        // The reader sees it at once, highlighted in the same place, without the author's controls.
        JsonNode seen = awaitThread(reader, "the reader sees the thread, highlighted", t -> t.path("highlight").isObject());
        assertThat(seen.path("id").asLong()).isEqualTo(id);
        assertHighlight(seen, start, end, PASSAGE);
        assertThat(seen.path("buttons")).isEmpty();
        assertThat(seen.path("active").asBoolean()).isFalse();

        // Text typed before the passage moves the highlight along with it, on both pages.
        String before = "Long ago. ";
        author.typeAt(0, before);
        int moved = start + before.length();
        assertHighlight(awaitThread(author, "the author's highlight moved",
                t -> t.path("highlight").path("start").asInt() == moved), moved, moved + PASSAGE.length(), PASSAGE);
        assertHighlight(awaitThread(reader, "the reader's highlight moved",
                t -> t.path("highlight").path("start").asInt() == moved), moved, moved + PASSAGE.length(), PASSAGE);

        // The passage and its thread find each other: a click on the passage picks out its thread, a click on the
        // thread selects its passage.
        reader.clickPassage(id);
        JsonNode picked = awaitThread(reader, "the reader's click on the passage picks the thread", t -> t.path("active").asBoolean());
        assertThat(reader.comments().path("selection").get(0).asInt()).isBetween(moved, moved + PASSAGE.length());
        assertThat(picked.path("highlight").path("text").asText()).isEqualTo(PASSAGE);
        author.clickQuote(id);
        await().atMost(EditorPage.AWAIT_TIMEOUT).alias("the author's click on the thread selects the passage")
                .until(() -> author.comments().path("selection"), selection ->
                        selection.get(0).asInt() == moved && selection.get(1).asInt() == moved + PASSAGE.length());

        // Resolving shows on the other page at once: collapsed, no longer highlighted, no reply box; reopening
        // brings it back.
        author.clickThreadButton(id, "Resolve");
        JsonNode resolved = awaitThread(reader, "the reader sees it resolved", t -> t.path("resolved").asBoolean());
        assertThat(resolved.path("highlight").isNull()).isTrue();
        JsonNode resolvedHere = awaitThread(author, "the author's page shows it resolved", t -> t.path("resolved").asBoolean());
        assertThat(resolvedHere.path("buttons")).extracting(JsonNode::asText).containsExactly("Reopen");
        assertThat(resolvedHere.path("highlight").isNull()).isTrue();
        author.clickThreadButton(id, "Reopen");
        JsonNode reopened = awaitThread(reader, "the reader sees it reopened", t -> !t.path("resolved").asBoolean()
                && t.path("highlight").isObject());
        assertHighlight(reopened, moved, moved + PASSAGE.length(), PASSAGE);

        // Deleting the passage detaches the thread: shown as such, and highlighted nowhere.
        author.select(moved, moved + PASSAGE.length());
        author.press("Backspace");
        for (EditorPage page : new EditorPage[] {author, reader}) {
            JsonNode detached = awaitThread(page, "detached", t -> t.path("anchor").asText().equals("detached"));
            assertThat(detached.path("highlight").isNull()).isTrue();
            assertThat(detached.path("quote").asText()).isEqualTo(PASSAGE + " (deleted)");
            JsonNode shown = page.comments();
            assertThat(shown.path("backdropMatches").asBoolean()).as("the backdrop holds the text").isTrue();
            assertThat(shown.path("errors")).isEmpty();
            assertThat(shown.path("notice").isNull()).as(shown.path("notice").asText()).isTrue();
        }
    }

    @Test
    void aReadersPrivateThreadShowsOnlyOnTheirPageAndTheAuthors() throws Exception {
        String ada = Tokens.tokenFor("ada", "Ada", "read-write", "diary");
        assertThat(post("/api/documents", ada, "{\"name\": \"diary\"}").statusCode()).isEqualTo(201);
        EditorPage author = browsers.open(URI.create(base() + "/?doc=diary&token=" + ada));
        author.awaitSynced();
        author.type(TEXT);
        EditorPage rita = openLink(author, "diary", ada, "Rita");
        EditorPage sam = openLink(author, "diary", ada, "Sam");

        int start = TEXT.indexOf("upon");
        rita.select(start, start + "upon".length());
        rita.fill("#comment textarea[name=body]", "Just for you: I love this.");
        rita.click("#comment input[name=private]");
        rita.click("#comment button");
        JsonNode seen = awaitThread(author, "the author sees the private thread", t -> t.path("private").asBoolean());
        assertThat(seen.path("comments").get(0).path("body").asText()).isEqualTo("Just for you: I love this.");
        assertHighlight(awaitThread(rita, "rita's private thread", t -> t.path("private").asBoolean()),
                start, start + "upon".length(), "upon");

        // Then a public one: once sam's page shows it, it would have shown the private one before it.
        int fox = TEXT.indexOf("fox");
        rita.select(fox, fox + "fox".length());
        rita.fill("#comment textarea[name=body]", "A fox!");
        rita.click("#comment button");
        JsonNode samSees = await().atMost(EditorPage.AWAIT_TIMEOUT).alias("sam sees the public thread")
                .until(() -> sam.comments().path("threads"), threads -> threads.size() >= 1);
        assertThat(samSees).hasSize(1);
        assertThat(samSees.get(0).path("quote").asText()).isEqualTo("fox");
        assertThat(samSees.get(0).path("private").asBoolean()).isFalse();
        assertThat(sam.comments().path("text").asText()).isEqualTo(TEXT);
        assertThat(sam.comments().path("threads")).hasSize(1);
        for (EditorPage page : new EditorPage[] {author, rita, sam}) {
            assertThat(page.comments().path("errors")).as(page.toString()).isEmpty();
        }
    }

    @Test
    void aDemotedEditorsPageDropsTheControlsTheirNewRoleLacksAtOnce() throws Exception {
        String ada = Tokens.tokenFor("ada", "Ada", "read-write", "notes");
        String bob = Tokens.tokenFor("bob", "Bob", "read-write", "notes");
        assertThat(post("/api/documents", ada, "{\"name\": \"notes\"}").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/documents/notes/members/bob", ada, "{\"role\": \"editor\"}").statusCode())
                .isEqualTo(201);
        EditorPage author = browsers.open(URI.create(base() + "/?doc=notes&token=" + ada));
        author.awaitSynced();
        author.type(TEXT);
        int start = TEXT.indexOf("a fox");
        author.select(start, start + "a fox".length());
        author.fill("#comment textarea[name=body]", "Which fox?");
        author.click("#comment button");
        EditorPage editor = browsers.open(URI.create(base() + "/?doc=notes&token=" + bob));
        awaitThread(editor, "Bob, an editor, may resolve Ada's thread",
                t -> t.path("buttons").toString().contains("Resolve"));

        assertThat(send("PUT", "/api/documents/notes/members/bob", ada, "{\"role\": \"viewer\"}").statusCode())
                .isEqualTo(200);

        awaitThread(editor, "Bob, now a viewer, is no longer offered Resolve",
                t -> !t.path("buttons").toString().contains("Resolve"));
        author.close();
        editor.close();
    }

    /** Shares {@code document} by a link that allows comments and opens it on the reader page as {@code name}. */
    private static EditorPage openLink(EditorPage author, String document, String ownerToken, String name) throws Exception {
        HttpResponse<String> link = post("/api/documents/" + document + "/links", ownerToken, "{\"allow_comments\": true}");
        assertThat(link.statusCode()).isEqualTo(201);
        String text = author.read().text();
        EditorPage reader = browsers.open(URI.create(base() + "/read.html#" + JSON.readTree(link.body()).path("token").asText()));
        reader.fill("#join input[name=name]", name);
        reader.click("#join button");
        await().atMost(EditorPage.AWAIT_TIMEOUT).until(() -> reader.comments().path("text").asText(), text::equals);
        return reader;
    }

    /** Polls the page's only thread until {@code condition} holds, and returns it. */
    private static JsonNode awaitThread(EditorPage page, String description, Predicate<JsonNode> condition) {
        return await().atMost(EditorPage.AWAIT_TIMEOUT).alias(page + ": " + description)
                .until(() -> page.comments().path("threads"), threads -> threads.size() == 1 && condition.test(threads.get(0)))
                .get(0);
    }

    private static void assertHighlight(JsonNode thread, int start, int end, String text) {
        assertThat(thread.path("anchor").asText()).isEqualTo("attached");
        assertThat(thread.path("quote").asText()).isEqualTo(text);
        JsonNode highlight = thread.path("highlight");
        assertThat(List.of(highlight.path("start").asInt(), highlight.path("end").asInt(), highlight.path("text").asText()))
                .as("the highlight of thread %s", thread.path("id")).containsExactly(start, end, text);
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
