package dev.weft.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.ApiClient;
import dev.weft.server.testing.ApiClient.Response;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import dev.weft.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sharing API through the real server on real SQLite: records, roles, links, reader sessions, audit. */
class SharingApiTest {
    @TempDir
    static Path dataDir;
    static WeftServer server;
    static ApiClient alice;
    static ApiClient bob;
    static ApiClient carol;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServers.withTokens(dataDir);
        alice = ApiClient.as(server.port(), Tokens.tokenFor("alice", "Alice", "read-write", "alice/*"));
        bob = ApiClient.as(server.port(), Tokens.tokenFor("bob", "Bob", "read-write", "bob/*"));
        carol = ApiClient.as(server.port(), Tokens.tokenFor("carol", null, "read-write", "*"));
        anonymous = ApiClient.as(server.port(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDocumentIsCreatedByATokenCoveringItsNameAndOwnedByItsSubject() {
        Response created = alice.post("/api/documents", Map.of("name", "alice/plan", "title", "  The plan  "));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo("alice/plan");
        assertThat(created.body().path("title").asText()).isEqualTo("The plan");
        assertThat(created.body().path("owner").asText()).isEqualTo("alice");
        assertThat(created.body().path("role").asText()).isEqualTo("owner");
        assertThat(alice.post("/api/documents", Map.of("name", "alice/untitled")).body().path("title").asText())
                .isEqualTo("untitled");

        assertError(alice.post("/api/documents", Map.of("name", "alice/plan")), 409, "document_exists");
        assertError(bob.post("/api/documents", Map.of("name", "alice/other")), 403, "forbidden");
        assertError(anonymous.post("/api/documents", Map.of("name", "alice/other")), 401, "missing_token");
        assertError(alice.post("/api/documents", Map.of("name", "")), 400, "invalid_name");
        assertError(alice.post("/api/documents", Map.of("name", "alice/x", "title", "t".repeat(201))), 400, "invalid_title");
        assertError(alice.post("/api/documents", Map.of("name", "alice/x", "owner", "bob")), 400, "invalid_json");
        assertError(alice.post("/api/documents", "{\"name\": 42"), 400, "invalid_json");
        assertError(alice.post("/api/documents", Map.of("name", List.of("alice/x"))), 400, "invalid_json");
    }

    @Test
    void theOwnerInvitesChangesRolesAndRemovesAndEachSeesWhatTheirRoleAllows() {
        alice.post("/api/documents", Map.of("name", "alice/team"));
        assertThat(names(bob.get("/api/documents"))).doesNotContain("alice/team");
        // Not invited: the document is not there for bob, though it exists.
        assertError(bob.get("/api/documents/alice%2Fteam/members"), 404, "not_found");

        Response invited = alice.put("/api/documents/alice%2Fteam/members/bob", Map.of("role", "editor"));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body().path("role").asText()).isEqualTo("editor");
        assertThat(invited.body().path("added_by").asText()).isEqualTo("alice");
        assertThat(roleIn(bob.get("/api/documents"), "alice/team")).isEqualTo("editor");
        assertError(bob.patch("/api/documents/alice%2Fteam", Map.of("title", "mine")), 403, "forbidden");
        assertError(bob.put("/api/documents/alice%2Fteam/members/carol", Map.of("role", "viewer")), 403, "forbidden");

        assertThat(alice.put("/api/documents/alice%2Fteam/members/bob", Map.of("role", "viewer")).status()).isEqualTo(200);
        assertThat(roleIn(bob.get("/api/documents"), "alice/team")).isEqualTo("viewer");
        Response members = bob.get("/api/documents/alice%2Fteam/members");
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().path("members").findValuesAsText("subject")).containsExactly("alice", "bob");
        assertThat(members.body().path("members").findValuesAsText("role")).containsExactly("owner", "viewer");

        assertError(alice.put("/api/documents/alice%2Fteam/members/bob", Map.of("role", "owner")), 400, "invalid_role");
        assertError(alice.put("/api/documents/alice%2Fteam/members/bob", Map.of("role", "admin")), 400, "invalid_role");
        assertError(alice.put("/api/documents/alice%2Fteam/members/alice", Map.of("role", "viewer")), 409, "owner_role");
        assertError(alice.put("/api/documents/alice%2Fteam/members/reader:x", Map.of("role", "viewer")), 400, "invalid_subject");

        assertThat(alice.delete("/api/documents/alice%2Fteam/members/bob").status()).isEqualTo(204);
        assertError(alice.delete("/api/documents/alice%2Fteam/members/bob"), 404, "not_found");
        assertThat(names(bob.get("/api/documents"))).doesNotContain("alice/team");
    }

    @Test
    void theOwnerRenamesTheTitleAndDeletesTheDocumentWithItsLinks() {
        alice.post("/api/documents", Map.of("name", "alice/draft"));
        String token = alice.post("/api/documents/alice%2Fdraft/links", Map.of("allow_anonymous", true))
                .body().path("token").asText();

        Response renamed = alice.patch("/api/documents/alice%2Fdraft", Map.of("title", "Final draft"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("title").asText()).isEqualTo("Final draft");
        assertThat(renamed.body().path("name").asText()).isEqualTo("alice/draft");
        assertError(alice.patch("/api/documents/alice%2Fdraft", Map.of("title", " ")), 400, "invalid_title");
        assertError(carol.patch("/api/documents/alice%2Fdraft", Map.of("title", "x")), 404, "not_found");

        assertThat(alice.delete("/api/documents/alice%2Fdraft").status()).isEqualTo(204);
        assertThat(names(alice.get("/api/documents"))).doesNotContain("alice/draft");
        assertError(anonymous.post("/api/links/" + token + "/sessions", null), 404, "link_not_found");
        // Its name is free again.
        assertThat(alice.post("/api/documents", Map.of("name", "alice/draft")).status()).isEqualTo(201);
    }

    @Test
    void aLinkIsCreatedWithItsOptionsAndItsTokenIsShownOnceAndStoredAsItsHashOnly() throws Exception {
        alice.post("/api/documents", Map.of("name", "alice/essay"));
        String expiry = Instant.now().plus(Duration.ofDays(7)).toString();
        Map<String, Object> options = new HashMap<>();
        options.put("allow_comments", true);
        options.put("allow_anonymous", false);
        options.put("max_participants", 25);
        options.put("expires_at", expiry);

        Response created = alice.post("/api/documents/alice%2Fessay/links", options);

        assertThat(created.status()).isEqualTo(201);
        JsonNode link = created.body();
        String token = link.path("token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(link.path("allow_comments").asBoolean()).isTrue();
        assertThat(link.path("allow_anonymous").asBoolean()).isFalse();
        assertThat(link.path("max_participants").asInt()).isEqualTo(25);
        assertThat(Instant.parse(link.path("expires_at").asText())).isEqualTo(Instant.parse(expiry));
        assertThat(link.path("published").asBoolean()).isTrue();

        Response listed = alice.get("/api/documents/alice%2Fessay/links");
        assertThat(listed.body().path("links")).hasSize(1);
        assertThat(listed.body().path("links").get(0).path("id").asText()).isEqualTo(link.path("id").asText());
        assertThat(listed.body().path("links").get(0).has("token")).isFalse();
        assertThat(storedTokenHashes()).containsExactly(sha256(token));
        assertThat(new String(Files.readAllBytes(dataDir.resolve(Storage.DATABASE_FILE)),
                StandardCharsets.ISO_8859_1)).doesNotContain(token);

        assertError(alice.post("/api/documents/alice%2Fessay/links", Map.of("max_participants", 0)), 400, "invalid_max_participants");
        assertError(alice.post("/api/documents/alice%2Fessay/links", Map.of("expires_at", "tomorrow")), 400, "invalid_expires_at");
        assertError(alice.post("/api/documents/alice%2Fessay/links", Map.of("expires_at", "2020-01-01T00:00:00Z")), 400, "invalid_expires_at");
        assertError(alice.post("/api/documents/alice%2Fessay/links", Map.of("allow_comments", List.of())), 400, "invalid_json");
        alice.put("/api/documents/alice%2Fessay/members/bob", Map.of("role", "editor"));
        assertError(bob.post("/api/documents/alice%2Fessay/links", Map.of()), 403, "forbidden");
        assertError(bob.get("/api/documents/alice%2Fessay/links"), 403, "forbidden");
    }

    @Test
    void openingALinkGivesAReaderSessionWithANameOrAnonymousWhereAllowed() {
        alice.post("/api/documents", Map.of("name", "alice/story"));
        String named = alice.post("/api/documents/alice%2Fstory/links", Map.of("allow_comments", true))
                .body().path("token").asText();
        String open = alice.post("/api/documents/alice%2Fstory/links", Map.of("allow_anonymous", true))
                .body().path("token").asText();

        Response preview = anonymous.get("/api/links/" + named);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().path("document").asText()).isEqualTo("alice/story");
        assertThat(preview.body().path("allow_anonymous").asBoolean()).isFalse();

        Response ada = anonymous.post("/api/links/" + named + "/sessions", Map.of("name", " Ada "));
        assertThat(ada.status()).isEqualTo(201);
        assertThat(ada.body().path("role").asText()).isEqualTo("commenter");
        assertThat(ada.body().path("name").asText()).isEqualTo("Ada");
        assertThat(ada.body().path("anonymous").asBoolean()).isFalse();
        assertThat(ada.body().path("document").asText()).isEqualTo("alice/story");
        assertError(anonymous.post("/api/links/" + named + "/sessions", null), 400, "name_required");
        assertError(anonymous.post("/api/links/" + named + "/sessions", Map.of("name", "x".repeat(81))), 400,
                "invalid_display_name");

        Response someone = anonymous.post("/api/links/" + open + "/sessions", null);
        assertThat(someone.status()).isEqualTo(201);
        assertThat(someone.body().path("role").asText()).isEqualTo("viewer");
        assertThat(someone.body().path("name").asText()).isEqualTo("Anonymous");
        assertThat(someone.body().path("anonymous").asBoolean()).isTrue();

        // The reader's token opens the document's API as the link allows, and nothing else.
        ApiClient reader = ApiClient.as(server.port(), ada.body().path("token").asText());
        assertThat(reader.get("/api/documents/alice%2Fstory/presence").status()).isEqualTo(200);
        assertError(reader.get("/api/documents/alice%2Fstory/members"), 403, "forbidden");
        assertError(reader.get("/api/documents"), 403, "forbidden");
        assertError(reader.post("/api/documents", Map.of("name", "alice/mine")), 403, "forbidden");
        assertError(anonymous.post("/api/links/not-a-token/sessions", null), 404, "link_not_found");
    }

    @Test
    void maxParticipantsAdmitsThatManyReadersAndRefusesTheNextWithItsOwnCode() {
        alice.post("/api/documents", Map.of("name", "alice/small"));
        String token = alice.post("/api/documents/alice%2Fsmall/links",
                Map.of("allow_anonymous", true, "max_participants", 2)).body().path("token").asText();

        List<Response> openings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            openings.add(anonymous.post("/api/links/" + token + "/sessions", null));
        }
        assertThat(openings).extracting(Response::status).containsExactly(201, 201, 403);
        Response full = anonymous.post("/api/links/" + token + "/sessions", null);
        assertError(full, 403, "link_full");
        assertThat(full.body().path("error").path("message").asText()).contains("2 readers");

        // A reader who leaves frees a place; the owner may end anyone's session, nobody else may.
        JsonNode first = openings.get(0).body();
        JsonNode second = openings.get(1).body();
        ApiClient firstReader = ApiClient.as(server.port(), first.path("token").asText());
        assertError(firstReader.delete("/api/reader-sessions/" + second.path("session").asText()), 403, "forbidden");
        assertError(bob.delete("/api/reader-sessions/" + second.path("session").asText()), 404, "not_found");
        assertThat(firstReader.delete("/api/reader-sessions/" + first.path("session").asText()).status()).isEqualTo(204);
        assertError(firstReader.get("/api/documents/alice%2Fsmall/presence"), 404, "not_found");
        assertThat(anonymous.post("/api/links/" + token + "/sessions", null).status()).isEqualTo(201);
        assertThat(alice.delete("/api/reader-sessions/" + second.path("session").asText()).status()).isEqualTo(204);
        assertThat(anonymous.post("/api/links/" + token + "/sessions", null).status()).isEqualTo(201);
        assertError(alice.delete("/api/reader-sessions/" + second.path("session").asText()), 404, "not_found");
    }

    @Test
    void anUnpublishedLinkAnswers410UntilRepublishedAnExpiredOne410AndARevokedOne404() {
        alice.post("/api/documents", Map.of("name", "alice/notes"));
        JsonNode link = alice.post("/api/documents/alice%2Fnotes/links", Map.of("allow_anonymous", true)).body();
        String token = link.path("token").asText();
        String links = "/api/documents/alice%2Fnotes/links/" + link.path("id").asText();

        Response unpublished = alice.post(links + "/unpublish", null);
        assertThat(unpublished.status()).isEqualTo(200);
        assertThat(unpublished.body().path("published").asBoolean()).isFalse();
        assertError(anonymous.post("/api/links/" + token + "/sessions", null), 410, "link_unpublished");
        assertError(anonymous.get("/api/links/" + token), 410, "link_unpublished");
        assertThat(alice.post(links + "/republish", null).body().path("published").asBoolean()).isTrue();
        assertThat(anonymous.post("/api/links/" + token + "/sessions", null).status()).isEqualTo(201);

        String expiring = alice.post("/api/documents/alice%2Fnotes/links", Map.of("allow_anonymous", true,
                "expires_at", Instant.now().plusSeconds(2).toString())).body().path("token").asText();
        assertThat(anonymous.post("/api/links/" + expiring + "/sessions", null).status()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertError(anonymous.post("/api/links/" + expiring + "/sessions", null), 410, "link_expired"));

        assertThat(alice.delete(links).status()).isEqualTo(204);
        assertError(anonymous.post("/api/links/" + token + "/sessions", null), 404, "link_not_found");
        assertError(alice.delete(links), 404, "not_found");
        assertError(alice.post(links + "/republish", null), 404, "not_found");
    }

    @Test
    void theAuditLogShowsTheOwnerEverySharingAndRoleChangeInOrder() {
        alice.post("/api/documents", Map.of("name", "alice/audited", "title", "Audited"));
        alice.put("/api/documents/alice%2Faudited/members/bob", Map.of("role", "editor"));
        alice.put("/api/documents/alice%2Faudited/members/bob", Map.of("role", "commenter"));
        alice.patch("/api/documents/alice%2Faudited", Map.of("title", "Audited twice"));
        String id = alice.post("/api/documents/alice%2Faudited/links", null).body().path("id").asText();
        alice.post("/api/documents/alice%2Faudited/links/" + id + "/unpublish", null);
        alice.delete("/api/documents/alice%2Faudited/links/" + id);
        alice.delete("/api/documents/alice%2Faudited/members/bob");

        Response audit = alice.get("/api/documents/alice%2Faudited/audit");
        assertThat(audit.status()).isEqualTo(200);
        JsonNode entries = audit.body().path("entries");
        assertThat(entries.findValuesAsText("action")).containsExactly("document.created", "member.added",
                "member.role_changed", "document.renamed", "link.created", "link.unpublished", "link.revoked",
                "member.removed");
        assertThat(entries.findValuesAsText("actor")).containsOnly("alice");
        assertThat(entries.get(2).path("target").asText()).isEqualTo("bob");
        assertThat(entries.get(2).path("detail").path("from").asText()).isEqualTo("editor");
        assertThat(entries.get(2).path("detail").path("to").asText()).isEqualTo("commenter");
        assertThat(entries.get(3).path("detail").path("to").asText()).isEqualTo("Audited twice");
        assertThat(entries.get(5).path("target").asText()).isEqualTo(id);

        Response page = alice.get("/api/documents/alice%2Faudited/audit?limit=3");
        assertThat(page.body().path("entries")).hasSize(3);
        long next = page.body().path("next_after").asLong();
        assertThat(alice.get("/api/documents/alice%2Faudited/audit?after=" + next).body().path("entries")
                .findValuesAsText("action")).startsWith("document.renamed");
        assertError(alice.get("/api/documents/alice%2Faudited/audit?limit=0"), 400, "invalid_limit");
        assertError(bob.get("/api/documents/alice%2Faudited/audit"), 404, "not_found");
    }

    @Test
    void aDocumentWithoutARecordKeepsTheTokensRulesAndHasNoSharing() {
        assertError(alice.get("/api/documents/alice%2Funrecorded/links"), 404, "not_found");
        assertThat(alice.get("/api/documents/alice%2Funrecorded/presence").status()).isEqualTo(200);
        assertError(bob.get("/api/documents/alice%2Funrecorded/presence"), 404, "not_found");
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(code);
        assertThat(response.body().path("error").path("message").asText()).isNotBlank();
    }

    private static List<String> names(Response list) {
        assertThat(list.status()).isEqualTo(200);
        return list.body().path("documents").findValuesAsText("name");
    }

    private static String roleIn(Response list, String name) {
        for (JsonNode document : list.body().path("documents")) {
            if (document.path("name").asText().equals(name)) {
                return document.path("role").asText();
            }
        }
        return null;
    }

    private static List<byte[]> storedTokenHashes() throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Storage.DATABASE_FILE));
                PreparedStatement select = db.prepareStatement("SELECT token_hash FROM share_links WHERE document = ?")) {
            select.setString(1, "alice/essay");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hashes.add(rows.getBytes(1));
                }
            }
        }
        return hashes;
    }

    private static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
