package dev.weft.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.ApiClient;
import dev.weft.server.testing.PeerOptions;
import dev.weft.server.testing.PeerState;
import dev.weft.server.testing.SyncPeer;
import dev.weft.server.testing.SyncPeers;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles and share links on live connections, with real y-websocket clients: what a reader, a demoted editor and
 * a removed member can do from the moment the owner decides.
 */
class SharingSyncTest {
    @TempDir
    static Path dataDir;
    static WeftServer server;
    static SyncPeers peers;
    static String aliceToken;
    static String bobToken;
    static ApiClient alice;

    @BeforeAll
    static void start() {
        server = TestServers.withTokens(dataDir);
        peers = SyncPeers.start();
        aliceToken = Tokens.tokenFor("alice", "Alice", "read-write", "alice/*");
        bobToken = Tokens.tokenFor("bob", "Bob", "read-write");
        alice = ApiClient.as(server.port(), aliceToken);
    }

    @AfterAll
    static void stop() {
        peers.close();
        server.close();
    }

    @Test
    void aReaderReadsLiveButEveryEditOfTheirsIsRefusedAndNeverApplied() {
        create("alice/essay");
        SyncPeer author = connect("alice/essay", aliceToken);
        author.insertText(0, "hello");
        SyncPeer reader = connect("alice/essay", openSession("alice/essay", Map.of("allow_comments", true), "Ada"));

        reader.awaitState("has the author's text", s -> "hello".equals(s.text()));
        author.insertText(5, " world");
        reader.awaitState("sees the author type, live", s -> "hello world".equals(s.text()));

        reader.insertText(0, "X");
        reader.awaitState("told its edit was refused", s -> !s.permissionDenied().isEmpty());
        assertThat(content("alice/essay")).isEqualTo("hello world");
        author.insertText(11, "!");
        reader.awaitState("still sees the author's edits", s -> s.text().endsWith("world!"));
        assertThat(author.state().text()).isEqualTo("hello world!");
        author.destroy();
        reader.destroy();
    }

    @Test
    void aDemotedEditorsNextUpdateIsRefusedAtOnceAndTheirConnectionStaysOpenToRead() {
        create("alice/team");
        alice.put("/api/documents/alice%2Fteam/members/bob", Map.of("role", "editor"));
        SyncPeer author = connect("alice/team", aliceToken);
        SyncPeer bob = connect("alice/team", bobToken);
        bob.insertText(0, "bob was here. ");
        author.awaitState("has bob's edit", s -> "bob was here. ".equals(s.text()));

        assertThat(alice.put("/api/documents/alice%2Fteam/members/bob", Map.of("role", "viewer")).status()).isEqualTo(200);
        bob.insertText(0, "refused ");

        PeerState refused = bob.awaitState("told its edit was refused", s -> !s.permissionDenied().isEmpty());
        assertThat(refused.permissionDenied().getFirst()).contains("read-only");
        assertThat(content("alice/team")).isEqualTo("bob was here. ");
        author.insertText(14, "alice too.");
        bob.awaitState("still reads alice's edits", s -> s.text().endsWith("alice too."));
        assertThat(author.state().text()).isEqualTo("bob was here. alice too.");
        assertThat(bob.state().connections()).isEqualTo(1);

        author.destroy();
        bob.destroy();
    }

    @Test
    void aPromotedViewerWritesOnTheSameConnectionButNeverBeyondItsTokensScope() {
        create("alice/open-door");
        alice.put("/api/documents/alice%2Fopen-door/members/bob", Map.of("role", "viewer"));
        SyncPeer author = connect("alice/open-door", aliceToken);
        SyncPeer bob = connect("alice/open-door", bobToken);
        SyncPeer bobReadOnly = connect("alice/open-door", Tokens.tokenFor("bob", "Bob", "read-only"));

        alice.put("/api/documents/alice%2Fopen-door/members/bob", Map.of("role", "editor"));
        bob.insertText(0, "promoted");
        author.awaitState("has bob's edit", s -> "promoted".equals(s.text()));

        // The same person's read-only token stays read-only: the role is capped by the token's scope.
        bobReadOnly.awaitState("has bob's edit", s -> "promoted".equals(s.text()));
        bobReadOnly.insertText(8, " twice");
        bobReadOnly.awaitState("told its edit was refused", s -> !s.permissionDenied().isEmpty());
        assertThat(content("alice/open-door")).isEqualTo("promoted");
        author.destroy();
        bob.destroy();
        bobReadOnly.destroy();
    }

    @Test
    void aRemovedMemberIsDisconnectedAndCannotConnectAgain() {
        create("alice/private");
        alice.put("/api/documents/alice%2Fprivate/members/bob", Map.of("role", "editor"));
        SyncPeer bob = connect("alice/private", bobToken);

        assertThat(alice.delete("/api/documents/alice%2Fprivate/members/bob").status()).isEqualTo(204);

        PeerState closed = bob.awaitState("closed by the server", s -> !s.closes().isEmpty());
        assertThat(closed.closes().getFirst().code()).isEqualTo(1008);
        assertThat(closed.closes().getFirst().reason()).isEqualTo("access revoked");
        PeerState refused = bob.awaitState("refused on reconnecting", s -> s.closes().size() + s.connectionErrors() >= 3);
        assertThat(refused.connections()).isEqualTo(1);
        bob.destroy();
    }

    @Test
    void creatingTheRecordDisconnectsThoseItLeavesWithoutARoleAndKeepsItsCreator() {
        String carolToken = Tokens.tokenFor("carol", "Carol", "read-write", "alice/*");
        SyncPeer carol = connect("alice/draft", carolToken);
        SyncPeer author = connect("alice/draft", aliceToken);
        carol.insertText(0, "before the record");
        author.awaitState("has Carol's text", s -> "before the record".equals(s.text()));

        create("alice/draft");

        PeerState closed = carol.awaitState("closed by the server", s -> !s.closes().isEmpty());
        assertThat(closed.closes().getFirst().code()).isEqualTo(1008);
        assertThat(closed.closes().getFirst().reason()).isEqualTo("access revoked");
        PeerState refused = carol.awaitState("refused on reconnecting",
                s -> s.closes().size() + s.connectionErrors() >= 3);
        assertThat(refused.connections()).isEqualTo(1);
        author.insertText(0, "mine: ");
        awaitContent("alice/draft", "mine: before the record");
        assertThat(author.state().closes()).isEmpty();
        carol.destroy();
        author.destroy();
    }

    @Test
    void anExpiredLinkCannotBeOpenedAndAnUnpublishedLinksReadersAreDisconnected() {
        create("alice/timed");
        String expiring = alice.post("/api/documents/alice%2Ftimed/links", Map.of("allow_anonymous", true,
                "expires_at", Instant.now().plusSeconds(2).toString())).body().path("token").asText();
        ApiClient.Response early = ApiClient.as(server.port(), null).post("/api/links/" + expiring + "/sessions", null);
        assertThat(early.status()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                ApiClient.as(server.port(), null).post("/api/links/" + expiring + "/sessions", null).status() == 410);
        // The session opened before ended with the link: its token no longer connects.
        SyncPeer late = peers.connect(uri(), "alice/timed", PeerOptions.defaults().token(early.body().path("token").asText()));
        PeerState lateState = late.awaitState("refused", s -> s.connectionErrors() + s.closes().size() >= 2);
        assertThat(lateState.connections()).isZero();
        late.destroy();

        JsonNode link = alice.post("/api/documents/alice%2Ftimed/links", Map.of("allow_anonymous", true)).body();
        String readerToken = ApiClient.as(server.port(), null).post("/api/links/" + link.path("token").asText()
                + "/sessions", null).body().path("token").asText();
        SyncPeer reader = connect("alice/timed", readerToken);

        alice.post("/api/documents/alice%2Ftimed/links/" + link.path("id").asText() + "/unpublish", null);

        PeerState closed = reader.awaitState("closed by the server", s -> !s.closes().isEmpty());
        assertThat(closed.closes().getFirst().code()).isEqualTo(1008);
        PeerState refused = reader.awaitState("refused on reconnecting", s -> s.closes().size() + s.connectionErrors() >= 3);
        assertThat(refused.connections()).isEqualTo(1);
        reader.destroy();
    }

    @Test
    void aDuplicateHoldsTheStateAtTheTimeOfCopyingWhileTheOriginalGoesOn() {
        create("alice/living");
        SyncPeer author = connect("alice/living", aliceToken);
        author.insertText(0, "first version");
        awaitContent("alice/living", "first version");

        JsonNode duplicate = alice.post("/api/documents/alice%2Fliving/duplicates",
                Map.of("name", "alice/living-shared", "allow_anonymous", true)).body();
        assertThat(duplicate.path("document").path("name").asText()).isEqualTo("alice/living-shared");
        assertThat(duplicate.path("document").path("title").asText()).isEqualTo("living (shared copy)");
        author.insertText(0, "second, ");
        awaitContent("alice/living", "second, first version");

        String readerToken = ApiClient.as(server.port(), null).post("/api/links/"
                + duplicate.path("link").path("token").asText() + "/sessions", null).body().path("token").asText();
        SyncPeer reader = connect("alice/living-shared", readerToken);
        reader.awaitState("has the copy", s -> "first version".equals(s.text()));
        assertThat(content("alice/living-shared")).isEqualTo("first version");
        assertThat(alice.get("/api/documents/alice%2Fliving/audit").body().path("entries")
                .findValuesAsText("action")).contains("document.duplicated");
        author.destroy();
        reader.destroy();
    }

    @Test
    void deletingADocumentClosesItsConnectionsAndTakesItsContentAndCommentsWithIt() {
        create("alice/gone");
        SyncPeer author = connect("alice/gone", aliceToken);
        author.insertText(0, "a passage");
        awaitContent("alice/gone", "a passage");
        ApiClient.Response thread = alice.post("/api/documents/alice%2Fgone/threads", Map.of("anchor",
                Map.of("start", author.relativePosition(0, 0), "end", author.relativePosition(9, -1)), "body", "nice"));
        assertThat(thread.status()).as("%s", thread.body()).isEqualTo(201);
        // The author's client goes first: a y-websocket client that reconnects with a token covering the name
        // would write its copy back into the (then unrecorded) name, as it would into any document.
        author.destroy();
        SyncPeer reader = connect("alice/gone", openSession("alice/gone", Map.of("allow_anonymous", true), null));

        assertThat(alice.delete("/api/documents/alice%2Fgone").status()).isEqualTo(204);

        PeerState closed = reader.awaitState("closed by the server", s -> !s.closes().isEmpty());
        assertThat(closed.closes().getFirst().code()).isEqualTo(1008);
        reader.destroy();
        assertThat(alice.get("/api/documents/alice%2Fgone/content").status()).isEqualTo(404);
        create("alice/gone");
        assertThat(alice.get("/api/documents/alice%2Fgone/threads").body().path("threads")).isEmpty();
        // The audit log is the name's, and outlives a deletion.
        assertThat(alice.get("/api/documents/alice%2Fgone/audit").body().path("entries").findValuesAsText("action"))
                .containsExactly("document.created", "link.created", "document.deleted", "document.created");
    }

    @Test
    void presenceShowsCollaboratorsWithTheirAwarenessAndReadersWithTheirNames() {
        create("alice/busy");
        ObjectNode aliceState = ApiClient.JSON.createObjectNode();
        aliceState.putObject("user").put("name", "Alice at her desk");
        SyncPeer author = peers.connect(uri(), "alice/busy", PeerOptions.defaults().token(aliceToken).awareness(aliceState));
        author.awaitSynced();
        SyncPeer ada = connect("alice/busy", openSession("alice/busy", Map.of(), "Ada"));
        SyncPeer nobody = connect("alice/busy", openSession("alice/busy", Map.of("allow_anonymous", true), null));

        JsonNode presence = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> alice.get("/api/documents/alice%2Fbusy/presence").body(),
                body -> body.path("readers").size() == 2 && body.path("collaborators").path(0).path("awareness").size() == 1);

        JsonNode collaborator = presence.path("collaborators").get(0);
        assertThat(collaborator.path("subject").asText()).isEqualTo("alice");
        assertThat(collaborator.path("access").asText()).isEqualTo("read-write");
        assertThat(collaborator.path("awareness").get(0).path("state").path("user").path("name").asText())
                .isEqualTo("Alice at her desk");
        assertThat(presence.path("readers").findValuesAsText("name")).containsExactlyInAnyOrder("Ada", "Anonymous");

        ada.destroy();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> alice.get("/api/documents/alice%2Fbusy/presence").body().path("readers").findValuesAsText("name"),
                names -> names.equals(List.of("Anonymous")));
        author.destroy();
        nobody.destroy();
    }

    private static void create(String name) {
        assertThat(alice.post("/api/documents", Map.of("name", name)).status()).isEqualTo(201);
    }

    /** Creates a link with {@code options} and opens a session on it as {@code name} (null: anonymous). */
    private static String openSession(String document, Map<String, Object> options, String name) {
        String path = "/api/documents/" + document.replace("/", "%2F") + "/links";
        String linkToken = alice.post(path, options).body().path("token").asText();
        ApiClient.Response session = ApiClient.as(server.port(), null).post("/api/links/" + linkToken + "/sessions",
                name == null ? null : Map.of("name", name));
        assertThat(session.status()).as("%s", session.body()).isEqualTo(201);
        return session.body().path("token").asText();
    }

    private static SyncPeer connect(String document, String token) {
        SyncPeer peer = peers.connect(uri(), document, PeerOptions.defaults().token(token));
        peer.awaitSynced();
        return peer;
    }

    /** The document's Y.Text "text" as the server holds it. */
    private static String content(String document) {
        return alice.get("/api/documents/" + document.replace("/", "%2F") + "/content").body().path("text").asText();
    }

    private static void awaitContent(String document, String text) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> content(document), text::equals);
    }

    private static URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port());
    }
}
