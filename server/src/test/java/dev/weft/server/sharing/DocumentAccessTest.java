package dev.weft.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.server.auth.Access;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Authenticator;
import dev.weft.server.auth.Grant;
import dev.weft.server.auth.ReaderSession;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.testing.Tokens;
import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import dev.weft.storage.sharing.AuditEntry;
import dev.weft.storage.sharing.DocumentRecord;
import dev.weft.storage.sharing.DocumentRecordStore;
import dev.weft.storage.sharing.LinkSessionRecord;
import dev.weft.storage.sharing.MemberRecord;
import dev.weft.storage.sharing.ShareLinkRecord;
import dev.weft.storage.sharing.ShareLinkStore;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule that turns a token into a role, on real SQLite. */
class DocumentAccessTest {
    private static final Instant NOW = Instant.parse("2026-11-22T15:00:00Z");

    @TempDir
    Path dataDir;

    private Storage storage;
    private DocumentRecordStore records;
    private ShareLinkStore links;
    private Authenticator authenticator;
    private DocumentAccess access;

    @BeforeEach
    void open() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        records = new DocumentRecordStore(storage.tables());
        links = new ShareLinkStore(storage.tables());
        authenticator = Authenticator.jwt(Tokens.SECRET.getBytes(StandardCharsets.UTF_8));
        access = new DocumentAccess(authenticator, records, links, () -> NOW, Runnable::run);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void withoutARecordTheTokenDecides() throws AuthException {
        assertThat(role(Tokens.tokenFor("bob", null, "read-write", "free/*"), "free/one")).contains(Role.EDITOR);
        assertThat(role(Tokens.tokenFor("bob", null, "comment", "free/*"), "free/one")).contains(Role.COMMENTER);
        assertThat(role(Tokens.tokenFor("bob", null, "read-only", "free/*"), "free/one")).contains(Role.VIEWER);
        assertThat(role(Tokens.tokenFor("bob", null, "read-write", "free/*"), "elsewhere")).isEmpty();
    }

    @Test
    void withARecordItsOwnerAndMembersDecideCappedByTheTokensScope() throws AuthException {
        record("plan", "alice");
        member("plan", "bob", "commenter");

        assertThat(access.owner("plan")).contains("alice");
        assertThat(access.owner("unrecorded")).isEmpty();
        assertThat(role(Tokens.tokenFor("alice", null, "read-write"), "plan")).contains(Role.OWNER);
        assertThat(role(Tokens.tokenFor("alice", null, "read-only"), "plan")).contains(Role.VIEWER);
        assertThat(role(Tokens.tokenFor("bob", null, "read-write"), "plan")).contains(Role.COMMENTER);
        // The token covers the document, but its holder was not invited.
        assertThat(role(Tokens.tokenFor("carol", null, "read-write", "*"), "plan")).isEmpty();
    }

    @Test
    void requireAnswers401Then404ThenForbiddenBelowTheRole() throws AuthException {
        record("plan", "alice");
        member("plan", "bob", "editor");

        Member bob = access.require(request(Tokens.tokenFor("bob", "Bob B.", "read-write")), "plan", Role.EDITOR);
        assertThat(bob).isEqualTo(new Member("bob", "Bob B.", Role.EDITOR, Optional.empty()));
        assertThat(access.require(request(Tokens.tokenFor("alice", null, "read-write")), "plan", Role.OWNER).displayName())
                .isEqualTo("alice");

        assertThatThrownBy(() -> access.require(request(null), "plan", Role.VIEWER))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.kind()).isEqualTo(AuthException.Kind.MISSING_TOKEN));
        assertThatThrownBy(() -> access.require(request(Tokens.tokenFor("carol", null, "read-write", "*")), "plan", Role.VIEWER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().code()).isEqualTo(404));
        assertThatThrownBy(() -> access.require(request(Tokens.tokenFor("bob", null, "read-write")), "plan", Role.OWNER))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("owner").contains("an editor");
                });
    }

    @Test
    void theOpenModeMakesEveryoneAnEditorAndTheOwnerOfWhatItCreated() {
        DocumentAccess open = new DocumentAccess(Authenticator.open(), records, links, () -> NOW, Runnable::run);
        record("mine", Grant.ANONYMOUS);
        record("theirs", "alice");

        assertThat(open.resolve(verify(Authenticator.open(), null), "mine").map(Member::role)).contains(Role.OWNER);
        assertThat(open.resolve(verify(Authenticator.open(), null), "theirs").map(Member::role)).contains(Role.EDITOR);
        assertThat(open.resolve(verify(Authenticator.open(), null), "unrecorded")).get()
                .isEqualTo(new Member(Grant.ANONYMOUS, Member.ANONYMOUS, Role.EDITOR, Optional.empty()));
    }

    @Test
    void aReaderIsAViewerOrACommenterOfItsLinksDocumentWhileTheLinkOpens() throws AuthException {
        record("essay", "alice");
        link("viewing", "essay", false, Optional.empty());
        link("commenting", "essay", true, Optional.empty());
        String viewer = reader("s1", "viewing", "essay", "Ada");
        String commenter = reader("s2", "commenting", "essay", null);

        assertThat(access.require(request(viewer), "essay", Role.VIEWER))
                .isEqualTo(new Member("reader:s1", "Ada", Role.VIEWER, Optional.of("s1")));
        assertThat(access.require(request(commenter), "essay", Role.COMMENTER))
                .isEqualTo(new Member("reader:s2", Member.ANONYMOUS, Role.COMMENTER, Optional.of("s2")));
        assertThat(access.resolve(verify(authenticator, viewer), "other")).isEmpty();
        assertThat(access.accessTo(verify(authenticator, commenter), "essay").join()).isEqualTo(Access.COMMENT);
    }

    @Test
    void aReaderLosesTheDocumentWhenItsLinkIsUnpublishedExpiredOrRevoked() throws AuthException {
        record("essay", "alice");
        link("unpublished", "essay", false, Optional.empty());
        link("expiring", "essay", false, Optional.of(NOW.plusSeconds(60)));
        link("revoked", "essay", false, Optional.empty());
        String unpublished = reader("s1", "unpublished", "essay", null);
        String expiring = reader("s2", "expiring", "essay", null);
        String revoked = reader("s3", "revoked", "essay", null);

        links.setPublished("unpublished", false, audit("essay", "link.unpublished")).join();
        links.delete("revoked", audit("essay", "link.revoked")).join();
        DocumentAccess later = new DocumentAccess(authenticator, records, links, () -> NOW.plusSeconds(61), Runnable::run);

        assertThat(status(() -> access.require(request(unpublished), "essay", Role.VIEWER))).isEqualTo(410);
        assertThat(status(() -> later.require(request(expiring), "essay", Role.VIEWER))).isEqualTo(410);
        assertThat(status(() -> access.require(request(revoked), "essay", Role.VIEWER))).isEqualTo(404);
        assertThatThrownBy(() -> access.accessTo(verify(authenticator, unpublished), "essay").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.kind()).isEqualTo(AuthException.Kind.FORBIDDEN));

        links.setPublished("unpublished", true, audit("essay", "link.published")).join();
        assertThat(access.require(request(unpublished), "essay", Role.VIEWER).role()).isEqualTo(Role.VIEWER);
    }

    private Optional<Role> role(String token, String document) throws AuthException {
        return access.resolve(authenticator.verify(Optional.of(token)), document).map(Member::role);
    }

    private static Grant verify(Authenticator authenticator, String token) {
        try {
            return authenticator.verify(Optional.ofNullable(token));
        } catch (AuthException e) {
            throw new AssertionError(e);
        }
    }

    private static ApiRequest request(String token) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            headers.set("Authorization", "Bearer " + token);
        }
        return new ApiRequest(HttpMethod.GET, "/api/test", Map.of(), Map.of(), headers, new byte[0], null);
    }

    private void record(String name, String owner) {
        assertThat(records.create(new DocumentRecord(name, name, owner, NOW, NOW), audit(name, "document.created"))
                .join()).isTrue();
    }

    private void member(String document, String subject, String role) {
        records.setRole(new MemberRecord(document, subject, role, "alice", NOW, NOW),
                previous -> audit(document, "member.added")).join();
    }

    private void link(String id, String document, boolean allowComments, Optional<Instant> expiresAt) {
        links.create(new ShareLinkRecord(id, document, allowComments, true, OptionalInt.empty(), expiresAt, true,
                "alice", NOW, NOW), id.getBytes(StandardCharsets.UTF_8), audit(document, "link.created")).join();
    }

    private String reader(String session, String link, String document, String name) {
        assertThat(links.open(new LinkSessionRecord(session, link, Optional.ofNullable(name), NOW,
                NOW.plus(Duration.ofHours(1)))).join()).isEqualTo(ShareLinkStore.Opening.OPENED);
        boolean comments = links.find(link).orElseThrow().allowComments();
        return authenticator.readerTokens().mint(new ReaderSession(session, link, document, name == null),
                comments ? Access.COMMENT : Access.READ_ONLY, Optional.ofNullable(name), Instant.now().plusSeconds(3600));
    }

    private static AuditEntry audit(String document, String action) {
        return new AuditEntry(document, "alice", action, null, null, NOW);
    }

    private static int status(ThrowingCall call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status().code();
        } catch (AuthException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error");
    }

    private interface ThrowingCall {
        void run() throws AuthException;
    }
}
