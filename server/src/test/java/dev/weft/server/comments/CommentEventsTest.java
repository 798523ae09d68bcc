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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comments live: anchors that follow their passage through edits made by real Yjs clients, and events that reach
 * every opted-in y-websocket client and server-sent event stream allowed to see them, and nobody else. ada owns
 * the documents, bob edits them, carl comments.
 */
class CommentEventsTest {
    @TempDir
    static Path dataDir;
    static WeftServer server;
    static SyncPeers peers;
    static URI ws;
    static ApiClient ada;
    static ApiClient bob;
    static ApiClient carl;

    @BeforeAll
    static void start() {
        for (String document : List.of("drafts", "live")) {
            CommentFixtures.document(dataDir, document, "ada", Map.of("bob", "editor", "carl", "commenter"));
        }
        CommentFixtures.document(dataDir, "leaving", "ada", Map.of("gus", "commenter", "ivy", "commenter"));
        server = TestServers.withTokens(dataDir);
        ws = URI.create("ws://127.0.0.1:" + server.port());
        peers = SyncPeers.start();
        ada = ApiClient.as(server.port(), token("ada", "Ada"));
        bob = ApiClient.as(server.port(), token("bob", "Bob"));
        carl = ApiClient.as(server.port(), token("carl", "Carl"));
    }

    @AfterAll
    static void stop() {
        peers.close();
        server.close();
    }

    @Test
    void anAnchorFollowsItsPassageThroughConcurrentEditsAndIsDetachedWhenItIsDeleted() {
        SyncPeer adaPeer = peer("drafts", "ada", Map.of());
        SyncPeer bobPeer = peer("drafts", "bob", Map.of());
        adaPeer.insertText(0, "Hello brave new world");
        bobPeer.awaitText("Hello brave new world");
        long thread = carl.post("/api/documents/drafts/threads",
                thread(adaPeer.relativePosition(6, 0), adaPeer.relativePosition(11, -1), "Brave?")).body()
                .path("id").asLong();

        // Concurrent edits on both sides of the passage's start: bob offline prepends, ada inserts right before it.
        bobPeer.disconnect();
        bobPeer.insertText(0, "Oh. ");
        adaPeer.insertText(6, "very ");
        bobPeer.reconnect();
        String merged = "Oh. Hello very brave new world";
        adaPeer.awaitText(merged);
        bobPeer.awaitText(merged);
        JsonNode anchor = anchorOnceStored("drafts", thread, merged);
        assertThat(anchor.path("status").asText()).isEqualTo("attached");
        assertThat(anchor.path("index").asInt()).isEqualTo(merged.indexOf("brave"));
        assertThat(anchor.path("text").asText()).isEqualTo("brave");

        // Typed inside the passage: it widens. Then edits after it leave it be.
        bobPeer.insertText(merged.indexOf("brave") + 2, "-a-");
        adaPeer.insertText(merged.length() + 3, "!");
        String widened = "Oh. Hello very br-a-ave new world!";
        anchor = anchorOnceStored("drafts", thread, widened);
        assertThat(anchor.path("text").asText()).isEqualTo("br-a-ave");
        assertThat(anchor.path("index").asInt()).isEqualTo(widened.indexOf("br-a-ave"));

        // The passage deleted: detached, not lost.
        adaPeer.deleteText(widened.indexOf("br-a-ave"), "br-a-ave ".length());
        anchor = anchorOnceStored("drafts", thread, "Oh. Hello very new world!");
        assertThat(anchor.path("status").asText()).isEqualTo("detached");
        assertThat(anchor.has("index")).isFalse();
        JsonNode listed = ada.get("/api/documents/drafts/threads/" + thread).body();
        assertThat(listed.path("quote").asText()).isEqualTo("brave");
        assertThat(listed.path("comments").get(0).path("body").asText()).isEqualTo("Brave?");
    }

    @Test
    void eventsReachOptedInClientsAllowedToSeeThemAndNoOneElse() throws Exception {
        SyncPeer writer = peer("live", "ada", Map.of());
        writer.insertText(0, "Live comments arrive at once");
        SyncPeer adaSocket = peer("live", "ada", Map.of("ext", "comments"));
        SyncPeer bobSocket = peer("live", "bob", Map.of("ext", "comments"));
        SyncPeer plain = peer("live", "bob", Map.of());
        SyncPeer adaNotifications = peer("live", "ada", Map.of("ext", "notifications"));
        for (SyncPeer each : List.of(adaSocket, bobSocket, plain, adaNotifications)) {
            each.awaitText("Live comments arrive at once");
        }
        try (SseClient adaStream = SseClient.open(server.port(), "/api/documents/live/events", token("ada", "Ada"));
                SseClient bobStream = SseClient.open(server.port(), "/api/documents/live/events", token("bob", "Bob"));
                SseClient adaFeed = SseClient.open(server.port(), "/api/notifications/events", token("ada", "Ada"));
                SseClient eveStream = SseClient.open(server.port(), "/api/documents/live/events",
                        token("eve", "Eve"))) {
            assertThat(adaStream.status()).isEqualTo(200);
            assertThat(adaStream.contentType()).startsWith("text/event-stream");
            assertThat(eveStream.status()).as("eve may not see the document").isEqualTo(404);

            Response secret = ada.post("/api/documents/live/threads", CommentFixtures.privateThread(
                    writer.relativePosition(0, 0), writer.relativePosition(4, -1), "for r9 only",
                    Optional.of("reader:r9")));
            long secretId = secret.body().path("id").asLong();
            long publicId = carl.post("/api/documents/live/threads",
                    thread(writer.relativePosition(5, 0), writer.relativePosition(13, -1), "Are they?")).body()
                    .path("id").asLong();
            long replyId = bob.post("/api/documents/live/threads/" + publicId + "/comments",
                    Map.of("body", "They are.")).body().path("id").asLong();

            // Everyone opted in sees the public thread and the reply, in order.
            for (SyncPeer socket : List.of(adaSocket, bobSocket)) {
                await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> socketEvents(socket, "comments"),
                        events -> events.stream().anyMatch(e -> e.path("type").asText().equals("comment.created")));
            }
            for (SseClient stream : List.of(adaStream, bobStream)) {
                await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> stream.events().stream()
                        .anyMatch(e -> e.name().equals("comment.created")));
            }
            List<JsonNode> bobSaw = socketEvents(bobSocket, "comments");
            assertThat(bobSaw).extracting(e -> e.path("type").asText())
                    .containsExactly("thread.created", "comment.created");
            assertThat(bobSaw.get(0).path("thread").path("id").asLong()).isEqualTo(publicId);
            assertThat(bobSaw.get(0).path("thread").path("anchor").path("text").asText()).isEqualTo("comments");
            assertThat(bobSaw.get(1).path("comment").path("id").asLong()).isEqualTo(replyId);
            assertThat(bobStream.events()).extracting(SseClient.Event::name)
                    .as("the private thread never reached bob").containsExactly("thread.created", "comment.created");
            assertThat(bobStream.events().get(0).data().path("thread").path("id").asLong()).isEqualTo(publicId);

            // ada, the owner, also sees the private thread.
            List<JsonNode> adaSaw = socketEvents(adaSocket, "comments");
            assertThat(adaSaw).extracting(e -> e.path("thread").path("id").asLong())
                    .contains(secretId, publicId);
            assertThat(adaStream.events()).extracting(SseClient.Event::name)
                    .filteredOn(name -> !name.equals("notification"))
                    .containsExactly("thread.created", "thread.created", "comment.created");

            // A plain y-websocket client gets none of it and keeps syncing.
            assertThat(plain.extensionMessages()).isEmpty();
            assertThat(plain.state().closes()).isEmpty();

            // ada is notified of carl's thread and bob's reply: on the socket that asked, her own stream, her feed.
            await().atMost(SyncPeer.AWAIT_TIMEOUT)
                    .until(() -> socketEvents(adaNotifications, "notifications").size() == 2);
            assertThat(socketEvents(adaNotifications, "notifications"))
                    .extracting(e -> e.path("notification").path("kind").asText()).containsExactly("comment", "reply");
            await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> adaFeed.events().size() == 2);
            assertThat(adaFeed.events())
                    .extracting(e -> e.data().path("notification").path("actor").path("name").asText())
                    .containsExactly("Carl", "Bob");
        }
        assertThat(adaSocket.extensionMessages()).allMatch(m -> m.path("extension").asText().equals("comments"));
    }

    @Test
    void aStreamEndsOnceItsHolderMayNoLongerReadTheDocumentAndGetsNothingMore() throws Exception {
        SyncPeer writer = peer("leaving", "ada", Map.of());
        writer.insertText(0, "Who still reads this?");
        await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> ada.get("/api/documents/leaving/content").body()
                .path("text").asText(), "Who still reads this?"::equals);
        Response link = ada.post("/api/documents/leaving/links", Map.of("allow_comments", true));
        String readerToken = ApiClient.as(server.port(), null).post("/api/links/" + link.body().path("token").asText()
                + "/sessions", Map.of("name", "Rita")).body().path("token").asText();
        ApiClient rita = ApiClient.as(server.port(), readerToken);
        long thread = rita.post("/api/documents/leaving/threads",
                thread(writer.relativePosition(0, 0), writer.relativePosition(3, -1), "Me!")).body().path("id").asLong();
        ApiClient gus = ApiClient.as(server.port(), token("gus", "Gus"));
        ApiClient ivy = ApiClient.as(server.port(), token("ivy", "Ivy"));
        for (ApiClient participant : List.of(gus, ivy)) {
            assertThat(participant.post("/api/documents/leaving/threads/" + thread + "/comments", Map.of("body", "Me too."))
                    .status()).isEqualTo(201);
        }
        try (SseClient adaStream = SseClient.open(server.port(), "/api/documents/leaving/events", token("ada", "Ada"));
                SseClient gusStream = SseClient.open(server.port(), "/api/documents/leaving/events", token("gus", "Gus"));
                SseClient ritaStream = SseClient.open(server.port(), "/api/documents/leaving/events", readerToken);
                SseClient ritaFeed = SseClient.open(server.port(), "/api/notifications/events", readerToken)) {
            assertThat(List.of(adaStream.status(), gusStream.status(), ritaStream.status(), ritaFeed.status()))
                    .containsOnly(200);

            assertThat(ada.delete("/api/documents/leaving/members/gus").status()).isEqualTo(204);
            assertThat(ada.post("/api/documents/leaving/links/" + link.body().path("id").asText() + "/unpublish", null)
                    .status()).isEqualTo(200);
            // A reply in the thread: an event for the document's streams, a notification for its participants.
            long reply = ada.post("/api/documents/leaving/threads/" + thread + "/comments",
                    Map.of("body", "Not you, any more.")).body().path("id").asLong();

            await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> adaStream.events().stream()
                    .anyMatch(e -> e.name().equals("comment.created")));
            for (SseClient gone : List.of(gusStream, ritaStream)) {
                await().atMost(SyncPeer.AWAIT_TIMEOUT).until(gone::ended);
                assertThat(gone.events()).as("nothing after access ended").isEmpty();
            }
            assertThat(adaStream.ended()).isFalse();

            // Only ivy, who still reads the document, is told of the reply; gus and rita are not, in any feed.
            await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> notifiedOf(ivy, reply));
            assertThat(notifiedOf(gus, reply)).isFalse();
            assertThat(notifiedOf(rita, reply)).isFalse();
            assertThat(ritaFeed.events()).isEmpty();
        }
    }

    private static boolean notifiedOf(ApiClient client, long comment) {
        for (JsonNode notification : client.get("/api/notifications").body().path("notifications")) {
            if (notification.path("comment_id").asLong() == comment) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theFeedListsNotificationsAndMarksThemRead() {
        SyncPeer writer = peer("live", "ada", Map.of());
        writer.awaitSynced();
        ApiClient dan = ApiClient.as(server.port(), Tokens.tokenFor("dan", "Dan", "read-write", "feed-*"));
        // A document without a record: the token decides, and nobody owns it.
        SyncPeer danPeer = peers.connect(ws, "feed-doc", PeerOptions.defaults().token(Tokens.tokenFor("dan", "Dan",
                "read-write", "feed-*")));
        danPeer.insertText(0, "one two three");
        await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> dan.get("/api/documents/feed-doc/content").body()
                .path("text").asText().equals("one two three"));
        ApiClient erin = ApiClient.as(server.port(), Tokens.tokenFor("erin", "Erin", "comment", "feed-*"));
        long thread = dan.post("/api/documents/feed-doc/threads",
                thread(danPeer.relativePosition(4, 0), danPeer.relativePosition(7, -1), "two?")).body()
                .path("id").asLong();
        erin.post("/api/documents/feed-doc/threads/" + thread + "/comments", Map.of("body", "two!"));
        dan.post("/api/documents/feed-doc/threads/" + thread + "/comments", Map.of("body", "thanks"));

        await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> unread(dan) == 1);
        JsonNode danFeed = dan.get("/api/notifications").body();
        assertThat(danFeed.path("notifications")).hasSize(1);
        assertThat(danFeed.path("notifications").get(0).path("kind").asText()).isEqualTo("reply");
        assertThat(danFeed.path("notifications").get(0).path("excerpt").asText()).isEqualTo("two!");
        await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> unread(erin) == 1);
        assertThat(erin.get("/api/notifications").body().path("notifications").get(0).path("actor").path("subject")
                .asText()).isEqualTo("dan");

        Response marked = dan.post("/api/notifications/read",
                Map.of("ids", List.of(danFeed.path("notifications").get(0).path("id").asLong())));
        assertThat(marked.body().path("marked").asInt()).isEqualTo(1);
        assertThat(dan.get("/api/notifications?unread=true").body().path("notifications")).isEmpty();
        assertThat(dan.get("/api/notifications").body().path("notifications").get(0).path("read").asBoolean()).isTrue();
        assertThat(erin.post("/api/notifications/read", null).body().path("unread").asInt()).isZero();
        assertThat(ApiClient.as(server.port(), null).get("/api/notifications").status()).isEqualTo(401);
    }

    /** The thread's anchor as listed, once the server has {@code text}. */
    private static JsonNode anchorOnceStored(String document, long thread, String text) {
        await().atMost(SyncPeer.AWAIT_TIMEOUT).until(() -> ada.get("/api/documents/" + document + "/content").body()
                .path("text").asText(), text::equals);
        for (JsonNode listed : ada.get("/api/documents/" + document + "/threads").body().path("threads")) {
            if (listed.path("id").asLong() == thread) {
                return listed.path("anchor");
            }
        }
        throw new AssertionError("thread " + thread + " is not listed");
    }

    private static int unread(ApiClient client) {
        return client.get("/api/notifications").body().path("unread").asInt();
    }

    private static List<JsonNode> socketEvents(SyncPeer peer, String extension) {
        return peer.extensionMessages().stream()
                .filter(m -> m.path("extension").asText().equals(extension))
                .map(m -> m.path("event"))
                .toList();
    }

    private static SyncPeer peer(String document, String subject, Map<String, String> params) {
        Map<String, String> all = new HashMap<>(params);
        all.put("token", token(subject, subject));
        SyncPeer peer = peers.connect(ws, document,
                new PeerOptions(all, null, List.of("text"), List.of("map"), null, true));
        peer.awaitSynced();
        return peer;
    }

    private static String token(String subject, String name) {
        return Tokens.tokenFor(subject, name, "read-write", "*");
    }
}
