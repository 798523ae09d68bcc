package dev.weft.server.comments;

import static dev.weft.server.comments.CommentFixtures.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.ApiClient;
import dev.weft.server.testing.ApiClient.Response;
import dev.weft.server.testing.PeerOptions;
import dev.weft.server.testing.SyncPeer;
import dev.weft.server.testing.SyncPeers;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comments API through the real server on real SQLite, with tokens: ada owns "notes", bob edits it, carl and
 * fay comment on it, dora only reads it, eve has nothing to do with it. The text is written by a real Yjs client,
 * and anchors are made by Yjs ({@code Y.createRelativePositionFromTypeIndex}).
 */
class CommentsApiTest {
    private static final String DOC = "notes";
    private static final String THREADS = "/api/documents/notes/threads";
    private static final String TEXT = "The quick brown fox jumps over the lazy dog";

    @TempDir
    static Path dataDir;
    static WeftServer server;
    static SyncPeers peers;
    static SyncPeer writer;
    static ApiClient ada;
    static ApiClient bob;
    static ApiClient carl;
    static ApiClient dora;
    static ApiClient fay;

    @BeforeAll
    static void start() {
        CommentFixtures.document(dataDir, DOC, "ada",
                Map.of("bob", "editor", "carl", "commenter", "dora", "viewer", "fay", "commenter"));
        server = TestServers.withTokens(dataDir);
        ada = client("ada", "Ada");
        bob = client("bob", "Bob");
        carl = client("carl", "Carl");
        dora = client("dora", "Dora");
        fay = client("fay", "Fay");
        peers = SyncPeers.start();
        writer = peers.connect(URI.create("ws://127.0.0.1:" + server.port()), DOC,
                PeerOptions.defaults().token(Tokens.tokenFor("ada", "Ada", "read-write", DOC)));
        writer.awaitSynced();
        writer.insertText(0, TEXT);
        await().atMost(SyncPeer.AWAIT_TIMEOUT)
                .until(() -> ada.get("/api/documents/notes/content").body().path("text").asText(), TEXT::equals);
    }

    @AfterAll
    static void stop() {
        peers.close();
        server.close();
    }

    @Test
    void aCommenterOpensAThreadOnAPassageAndEveryReaderSeesItWithItsAnchor() {
        Response opened = carl.post(THREADS, thread(start(4), end(9), "Which fox?"));

        assertThat(opened.status()).isEqualTo(201);
        JsonNode thread = opened.body();
        assertThat(thread.path("anchor").path("status").asText()).isEqualTo("attached");
        assertThat(thread.path("anchor").path("index").asInt()).isEqualTo(4);
        assertThat(thread.path("anchor").path("length").asInt()).isEqualTo(5);
        assertThat(thread.path("anchor").path("text").asText()).isEqualTo("quick");
        assertThat(thread.path("quote").asText()).isEqualTo("quick");
        assertThat(thread.path("author").path("name").asText()).isEqualTo("Carl");
        assertThat(thread.path("comments").get(0).path("body").asText()).isEqualTo("Which fox?");

        Response listed = dora.get(THREADS);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(threadIds(listed)).contains(thread.path("id").asLong());
        Response one = dora.get(THREADS + "/" + thread.path("id").asLong());
        assertThat(one.body().path("anchor").path("text").asText()).as(one.body().toString()).isEqualTo("quick");
    }

    @Test
    void repliesEditsAndDeletesFollowWhoWroteThem() {
        long thread = carl.post(THREADS, thread(start(10), end(15), "brown?")).body().path("id").asLong();
        String comments = THREADS + "/" + thread + "/comments";

        Response reply = bob.post(comments, Map.of("body", "Brown, yes."));
        assertThat(reply.status()).isEqualTo(201);
        long replyId = reply.body().path("id").asLong();
        assertThat(dora.post(comments, Map.of("body", "me too")).status()).as("a viewer cannot comment").isEqualTo(403);

        assertThat(carl.patch(comments + "/" + replyId, Map.of("body", "hijacked")).status()).isEqualTo(403);
        Response edited = bob.patch(comments + "/" + replyId, Map.of("body", "Brown, certainly."));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("body").asText()).isEqualTo("Brown, certainly.");
        assertThat(edited.body().path("edited_at").isTextual()).isTrue();

        assertThat(carl.delete(comments + "/" + replyId).status()).as("not carl's").isEqualTo(403);
        assertThat(ada.delete(comments + "/" + replyId).status()).as("the owner deletes any").isEqualTo(204);
        assertThat(ada.get(THREADS + "/" + thread).body().path("comments")).hasSize(1);

        assertThat(dora.delete(THREADS + "/" + thread).status()).isEqualTo(403);
        assertThat(carl.delete(THREADS + "/" + thread).status()).as("its author deletes it").isEqualTo(204);
        assertThat(ada.get(THREADS + "/" + thread).status()).isEqualTo(404);
    }

    @Test
    void itsAuthorOrAnEditorResolvesAndReopensAThread() {
        long thread = carl.post(THREADS, thread(start(16), end(19), "fox")).body().path("id").asLong();

        Response resolved = carl.post(THREADS + "/" + thread + "/resolve", null);
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body().path("resolved").asBoolean()).isTrue();
        assertThat(resolved.body().path("resolved_by").asText()).isEqualTo("carl");
        assertThat(fay.post(THREADS + "/" + thread + "/reopen", null).status()).isEqualTo(403);

        assertThat(bob.post(THREADS + "/" + thread + "/reopen", null).body().path("resolved").asBoolean()).isFalse();
        assertThat(ada.get(THREADS + "/" + thread).body().path("resolved").asBoolean()).isFalse();
    }

    @Test
    void eachCallerIsToldWhatTheyMayDoToAThread() {
        long thread = carl.post(THREADS, thread(start(20), end(25), "jumps?")).body().path("id").asLong();

        // {reply, resolve, delete}, in the list and for one thread, as the rules above decide.
        Map<String, List<Boolean>> expected = Map.of(
                "ada", List.of(true, true, true), "bob", List.of(true, true, false),
                "carl", List.of(true, true, true), "fay", List.of(true, false, false),
                "dora", List.of(false, false, false));
        Map<String, ApiClient> callers = Map.of("ada", ada, "bob", bob, "carl", carl, "fay", fay, "dora", dora);
        expected.forEach((who, can) -> {
            JsonNode one = callers.get(who).get(THREADS + "/" + thread).body().path("can");
            JsonNode listed = threadOf(callers.get(who).get(THREADS), thread).path("can");
            for (JsonNode view : List.of(one, listed)) {
                assertThat(List.of(view.path("reply").asBoolean(), view.path("resolve").asBoolean(),
                        view.path("delete").asBoolean())).as(who + ": " + view).isEqualTo(can);
            }
        });
    }

    @Test
    void aPrivateThreadIsSeenOnlyByTheOwnerAndItsReader() {
        Response opened = ada.post(THREADS, CommentFixtures.privateThread(start(20), end(25), "Just between us",
                Optional.of("reader:r1")));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.body().path("private").asBoolean()).isTrue();
        long thread = opened.body().path("id").asLong();

        assertThat(threadIds(ada.get(THREADS))).contains(thread);
        assertThat(threadIds(bob.get(THREADS))).doesNotContain(thread);
        assertThat(bob.get(THREADS + "/" + thread).status()).isEqualTo(404);
        assertThat(bob.post(THREADS + "/" + thread + "/comments", Map.of("body", "hi")).status()).isEqualTo(404);
        assertThat(bob.post(THREADS,
                CommentFixtures.privateThread(start(20), end(25), "mine", Optional.of("reader:r1")))
                .status()).as("private threads are the owner's and a reader's").isEqualTo(403);
        assertThat(ada.post(THREADS, CommentFixtures.privateThread(start(20), end(25), "whom?", Optional.empty()))
                .errorCode()).isEqualTo("invalid_thread");
        Response withAMember = ada.post(THREADS, CommentFixtures.privateThread(start(20), end(25), "bob?",
                Optional.of("bob")));
        assertThat(withAMember.status()).as("only with a share-link reader").isEqualTo(400);
        assertThat(withAMember.errorCode()).isEqualTo("invalid_thread");
    }

    @Test
    void aShareLinkReaderCommentsPrivatelyWithTheOwnerAndIsNotifiedOfTheReply() {
        ApiClient rita = reader(true, "Rita");
        Response opened = rita.post(THREADS, CommentFixtures.privateThread(start(35), end(39), "Why lazy?",
                Optional.empty()));
        assertThat(opened.status()).isEqualTo(201);
        String ritaSubject = opened.body().path("author").path("subject").asText();
        assertThat(ritaSubject).startsWith("reader:");
        assertThat(opened.body().path("private_to").asText()).isEqualTo(ritaSubject);
        assertThat(opened.body().path("author").path("name").asText()).isEqualTo("Rita");
        long thread = opened.body().path("id").asLong();

        assertThat(threadIds(rita.get(THREADS))).contains(thread);
        assertThat(threadIds(ada.get(THREADS))).contains(thread);
        assertThat(threadIds(bob.get(THREADS))).doesNotContain(thread);
        assertThat(threadIds(reader(true, "Sam").get(THREADS))).as("another reader").doesNotContain(thread);

        assertThat(ada.post(THREADS + "/" + thread + "/comments", Map.of("body", "It is a dog.")).status())
                .isEqualTo(201);
        await().atMost(SyncPeer.AWAIT_TIMEOUT)
                .until(() -> rita.get("/api/notifications").body().path("unread").asInt() == 1);
        JsonNode notification = rita.get("/api/notifications").body().path("notifications").get(0);
        assertThat(notification.path("kind").asText()).isEqualTo("reply");
        assertThat(notification.path("actor").path("name").asText()).isEqualTo("Ada");
        await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> ada.get("/api/notifications").body().path("notifications")
                .findValuesAsText("excerpt").contains("Why lazy?"));
    }

    @Test
    void aReaderOfALinkWithoutCommentsReadsButDoesNotComment() {
        ApiClient viewer = reader(false, "Vic");

        assertThat(viewer.get(THREADS).status()).isEqualTo(200);
        assertThat(viewer.post(THREADS, thread(start(0), end(3), "hello")).status()).isEqualTo(403);
    }

    @Test
    void badRequestsGetClearErrorsAndChangeNothing() {
        int before = ada.get(THREADS).body().path("threads").size();

        assertThat(carl.post(THREADS, thread("not base64!", end(3), "x")).errorCode()).isEqualTo("invalid_anchor");
        assertThat(carl.post(THREADS, thread(Base64.getEncoder().encodeToString(new byte[] {9, 9}), end(3), "x"))
                .errorCode()).isEqualTo("invalid_anchor");
        assertThat(carl.post(THREADS, thread(start(5), end(5), "empty")).errorCode()).isEqualTo("invalid_anchor");
        assertThat(carl.post(THREADS, Map.of("body", "no anchor")).errorCode()).isEqualTo("invalid_anchor");
        assertThat(carl.post(THREADS, thread(start(0), end(3), "  ")).errorCode()).isEqualTo("invalid_comment");
        assertThat(carl.post(THREADS, thread(start(0), end(3), "bell\u0007")).errorCode()).isEqualTo("invalid_comment");
        Response tooLong = carl.post(THREADS,
                thread(start(0), end(3), "x".repeat(CommentLimits.DEFAULTS.maxBodyChars() + 1)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorCode()).isEqualTo("comment_too_long");
        assertThat(carl.post(THREADS, "{not json").errorCode()).isEqualTo("invalid_json");
        assertThat(carl.get(THREADS + "/999999").status()).isEqualTo(404);
        assertThat(carl.get(THREADS + "/abc").status()).isEqualTo(404);
        assertThat(ApiClient.as(server.port(), null).get(THREADS).status()).isEqualTo(401);
        assertThat(client("eve", "Eve").get(THREADS).status()).as("not a member").isEqualTo(404);

        assertThat(ada.get(THREADS).body().path("threads").size()).isEqualTo(before);
    }

    @Test
    void aCommenterWritingTooFastIsRefusedWith429() {
        long thread = fay.post(THREADS, thread(start(0), end(3), "first")).body().path("id").asLong();
        int written = 1;
        Response last;
        while ((last = fay.post(THREADS + "/" + thread + "/comments", Map.of("body", "again " + written))).status()
                == 201 && written <= CommentLimits.DEFAULTS.writesPerPeriod()) {
            written++;
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.errorCode()).isEqualTo("rate_limited");
        assertThat(written).as("writes accepted").isEqualTo(CommentLimits.DEFAULTS.writesPerPeriod());
        assertThat(carl.post(THREADS + "/" + thread + "/comments", Map.of("body", "others still may")).status())
                .isEqualTo(201);
    }

    /** Yjs's position before the index-th character, tied to it. */
    private static String start(int index) {
        return writer.relativePosition(index, 0);
    }

    /** Yjs's position after the (index-1)-th character, tied to it: the end of a passage. */
    private static String end(int index) {
        return writer.relativePosition(index, -1);
    }

    private static JsonNode threadOf(Response listed, long id) {
        for (JsonNode thread : listed.body().path("threads")) {
            if (thread.path("id").asLong() == id) {
                return thread;
            }
        }
        throw new AssertionError("thread " + id + " is not in " + listed.body());
    }

    private static List<Long> threadIds(Response listed) {
        List<Long> ids = new ArrayList<>();
        listed.body().path("threads").forEach(t -> ids.add(t.path("id").asLong()));
        return ids;
    }

    /** A reader of a new share link of the document (with comments allowed or not), under {@code name}. */
    private static ApiClient reader(boolean allowComments, String name) {
        Response link = ada.post("/api/documents/notes/links", Map.of("allow_comments", allowComments));
        assertThat(link.status()).as(link.body().toString()).isEqualTo(201);
        Response session = ApiClient.as(server.port(), null)
                .post("/api/links/" + link.body().path("token").asText() + "/sessions", Map.of("name", name));
        assertThat(session.status()).as(session.body().toString()).isEqualTo(201);
        return ApiClient.as(server.port(), session.body().path("token").asText());
    }

    private static ApiClient client(String subject, String name) {
        return ApiClient.as(server.port(), Tokens.tokenFor(subject, name, "read-write", "*"));
    }
}
