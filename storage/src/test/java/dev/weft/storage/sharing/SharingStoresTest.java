package dev.weft.storage.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.storage.Storage;
import dev.weft.storage.StorageException;
import dev.weft.storage.StorageSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records, members, links, reader sessions and their audit log, on real SQLite. */
class SharingStoresTest {
    private static final Instant T0 = Instant.parse("2026-11-22T15:00:00Z");

    @TempDir
    Path dataDir;

    private Storage storage;
    private DocumentRecordStore records;
    private ShareLinkStore links;
    private SharingAuditLog audit;

    @BeforeEach
    void open() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        records = new DocumentRecordStore(storage.tables());
        links = new ShareLinkStore(storage.tables());
        audit = new SharingAuditLog(storage.tables());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aRecordIsCreatedOnceRetitledListedForItsPeopleAndSurvivesAReopen() {
        assertThat(records.create(record("plan", "alice"), entry("plan", "document.created")).join()).isTrue();
        assertThat(records.create(record("plan", "bob"), entry("plan", "document.created")).join()).isFalse();
        records.create(record("diary", "bob"), entry("diary", "document.created")).join();
        records.setRole(member("plan", "bob", "viewer"), previous -> entry("plan", "member.added")).join();

        Optional<DocumentRecord> renamed = records.retitle("plan", "The Plan", entry("plan", "document.renamed", T0.plusSeconds(5))).join();
        assertThat(renamed).get().extracting(DocumentRecord::title, DocumentRecord::updatedAt)
                .containsExactly("The Plan", T0.plusSeconds(5));
        assertThat(records.retitle("nothing", "x", entry("nothing", "document.renamed")).join()).isEmpty();

        assertThat(records.visibleTo("alice")).extracting(DocumentRecord::name).containsExactly("plan");
        assertThat(records.visibleTo("bob")).extracting(DocumentRecord::name).containsExactly("diary", "plan");
        assertThat(records.visibleTo("carol")).isEmpty();
        storage.close();

        storage = Storage.open(dataDir, StorageSettings.defaults());
        records = new DocumentRecordStore(storage.tables());
        assertThat(records.find("plan")).get().extracting(DocumentRecord::title, DocumentRecord::owner)
                .containsExactly("The Plan", "alice");
        assertThat(records.all()).extracting(DocumentRecord::name).containsExactly("diary", "plan");
    }

    @Test
    void membershipTellsTheOwnerAMembersRoleAndAnOutsiderApart() {
        records.create(record("plan", "alice"), entry("plan", "document.created")).join();
        records.setRole(member("plan", "bob", "editor"), previous -> entry("plan", "member.added")).join();

        assertThat(records.membership("plan", "alice")).contains(new DocumentRecordStore.Membership(true, Optional.empty()));
        assertThat(records.membership("plan", "bob")).contains(new DocumentRecordStore.Membership(false, Optional.of("editor")));
        assertThat(records.membership("plan", "carol")).contains(new DocumentRecordStore.Membership(false, Optional.empty()));
        assertThat(records.membership("unrecorded", "alice")).isEmpty();
    }

    @Test
    void aRoleChangeReturnsThePreviousRoleAndCommitsWithItsAuditEntry() {
        records.create(record("plan", "alice"), entry("plan", "document.created")).join();

        assertThat(records.setRole(member("plan", "bob", "editor"),
                previous -> entry("plan", "member.added", previous.orElse("none"))).join()).isEmpty();
        assertThat(records.setRole(member("plan", "bob", "viewer"),
                previous -> entry("plan", "member.role_changed", previous.orElse("none"))).join()).contains("editor");
        assertThat(records.members("plan")).extracting(MemberRecord::subject, MemberRecord::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "viewer"));
        assertThat(records.removeMember("plan", "bob", role -> entry("plan", "member.removed", role)).join()).contains("viewer");
        assertThat(records.removeMember("plan", "bob", role -> entry("plan", "member.removed", role)).join()).isEmpty();

        assertThat(audit.list("plan", 0, 10)).extracting(n -> n.entry().action() + ":" + n.entry().target())
                .containsExactly("document.created:null", "member.added:none", "member.role_changed:editor",
                        "member.removed:viewer");
    }

    @Test
    void aChangeThatFailsLeavesNoAuditEntry() {
        assertThatThrownBy(() -> records.setRole(member("unrecorded", "bob", "editor"),
                previous -> entry("unrecorded", "member.added")).join())
                .cause().isInstanceOf(StorageException.class).hasMessageContaining("FOREIGN KEY");
        assertThatThrownBy(() -> records.setRole(member("unrecorded", "bob", "admin"),
                previous -> entry("unrecorded", "member.added")).join()).cause().isInstanceOf(StorageException.class);

        assertThat(audit.list("unrecorded", 0, 10)).isEmpty();
    }

    @Test
    void deletingARecordTakesItsMembersLinksAndSessionsButKeepsTheAuditLog() {
        records.create(record("plan", "alice"), entry("plan", "document.created")).join();
        records.setRole(member("plan", "bob", "editor"), previous -> entry("plan", "member.added")).join();
        links.create(link("l1", "plan", OptionalInt.empty(), Optional.empty()), hash("t1"), entry("plan", "link.created")).join();
        links.open(session("s1", "l1", T0)).join();

        assertThat(records.delete("plan", entry("plan", "document.deleted")).join()).isTrue();
        assertThat(records.delete("plan", entry("plan", "document.deleted")).join()).isFalse();

        assertThat(records.find("plan")).isEmpty();
        assertThat(records.members("plan")).isEmpty();
        assertThat(links.find("l1")).isEmpty();
        assertThat(links.standing("s1")).isEmpty();
        assertThat(audit.list("plan", 0, 10)).extracting(n -> n.entry().action()).containsExactly(
                "document.created", "member.added", "link.created", "document.deleted");
    }

    @Test
    void aLinkIsFoundByItsTokensHashAndOpensOnlyWhilePublishedAndUnexpired() {
        records.create(record("essay", "alice"), entry("essay", "document.created")).join();
        links.create(link("l1", "essay", OptionalInt.empty(), Optional.of(T0.plusSeconds(60))), hash("t1"),
                entry("essay", "link.created")).join();

        assertThat(links.findByTokenHash(hash("t1"))).get().extracting(ShareLinkRecord::id).isEqualTo("l1");
        assertThat(links.findByTokenHash(hash("t2"))).isEmpty();
        assertThat(links.open(session("s1", "l1", T0)).join()).isEqualTo(ShareLinkStore.Opening.OPENED);

        assertThat(links.setPublished("l1", false, entry("essay", "link.unpublished")).join()).get()
                .extracting(ShareLinkRecord::published).isEqualTo(false);
        assertThat(links.open(session("s2", "l1", T0)).join()).isEqualTo(ShareLinkStore.Opening.UNPUBLISHED);
        links.setPublished("l1", true, entry("essay", "link.published")).join();
        // Publishing a published link changes nothing and is not logged again.
        links.setPublished("l1", true, entry("essay", "link.published")).join();
        assertThat(links.open(session("s3", "l1", T0.plusSeconds(10))).join()).isEqualTo(ShareLinkStore.Opening.OPENED);
        assertThat(links.open(session("s4", "l1", T0.plusSeconds(60))).join()).isEqualTo(ShareLinkStore.Opening.EXPIRED);
        assertThat(links.open(session("s5", "nothing", T0)).join()).isEqualTo(ShareLinkStore.Opening.UNKNOWN);

        assertThat(links.standing("s3")).get().satisfies(standing -> {
            assertThat(standing.link().id()).isEqualTo("l1");
            assertThat(standing.session().displayName()).contains("reader s3");
        });
        assertThat(links.delete("l1", entry("essay", "link.revoked")).join()).get()
                .asList().containsExactlyInAnyOrder("s1", "s3");
        assertThat(links.delete("l1", entry("essay", "link.revoked")).join()).isEmpty();
        assertThat(audit.list("essay", 0, 10)).extracting(n -> n.entry().action()).containsExactly("document.created",
                "link.created", "link.unpublished", "link.published", "link.revoked");
    }

    @Test
    void concurrentOpeningsNeverAdmitMoreThanMaxParticipantsAndExpiredSessionsFreeTheirPlace() {
        records.create(record("essay", "alice"), entry("essay", "document.created")).join();
        links.create(link("l1", "essay", OptionalInt.of(3), Optional.empty()), hash("t1"), entry("essay", "link.created")).join();

        List<CompletableFuture<ShareLinkStore.Opening>> openings = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            openings.add(links.open(session("s" + i, "l1", T0)));
        }
        assertThat(openings).extracting(CompletableFuture::join).filteredOn(o -> o == ShareLinkStore.Opening.OPENED).hasSize(3);
        assertThat(openings).extracting(CompletableFuture::join).filteredOn(o -> o == ShareLinkStore.Opening.FULL).hasSize(7);

        // A reader who leaves frees their place at once.
        int admitted = IntStream.range(0, openings.size())
                .filter(i -> openings.get(i).join() == ShareLinkStore.Opening.OPENED).findFirst().orElseThrow();
        assertThat(links.endSession("s" + admitted).join()).contains("essay");
        assertThat(links.endSession("s" + admitted).join()).isEmpty();
        assertThat(links.open(session("next", "l1", T0)).join()).isEqualTo(ShareLinkStore.Opening.OPENED);
        assertThat(links.open(session("after-next", "l1", T0)).join()).isEqualTo(ShareLinkStore.Opening.FULL);

        // The sessions expire an hour after T0: then a new reader gets in.
        Instant later = T0.plus(Duration.ofHours(1));
        assertThat(links.activeSessions("essay", T0)).hasSize(3);
        assertThat(links.activeSessions("essay", later)).isEmpty();
        assertThat(links.open(session("late", "l1", later)).join()).isEqualTo(ShareLinkStore.Opening.OPENED);
    }

    @Test
    void theAuditLogPagesByItsIds() {
        records.create(record("plan", "alice"), entry("plan", "document.created")).join();
        for (int i = 0; i < 5; i++) {
            records.retitle("plan", "title " + i, entry("plan", "document.renamed")).join();
        }
        List<SharingAuditLog.Numbered> first = audit.list("plan", 0, 4);
        List<SharingAuditLog.Numbered> rest = audit.list("plan", first.getLast().id(), 4);

        assertThat(first).hasSize(4);
        assertThat(rest).hasSize(2);
        assertThat(rest.getFirst().id()).isGreaterThan(first.getLast().id());
    }

    private static DocumentRecord record(String name, String owner) {
        return new DocumentRecord(name, name, owner, T0, T0);
    }

    private static MemberRecord member(String document, String subject, String role) {
        return new MemberRecord(document, subject, role, "alice", T0, T0);
    }

    private static ShareLinkRecord link(String id, String document, OptionalInt max, Optional<Instant> expiresAt) {
        return new ShareLinkRecord(id, document, false, true, max, expiresAt, true, "alice", T0, T0);
    }

    private static LinkSessionRecord session(String id, String link, Instant at) {
        return new LinkSessionRecord(id, link, Optional.of("reader " + id), at, T0.plus(Duration.ofHours(1)));
    }

    private static byte[] hash(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }

    private static AuditEntry entry(String document, String action) {
        return entry(document, action, (String) null);
    }

    private static AuditEntry entry(String document, String action, String target) {
        return new AuditEntry(document, "alice", action, target, null, T0);
    }

    private static AuditEntry entry(String document, String action, Instant at) {
        return new AuditEntry(document, "alice", action, null, null, at);
    }
}
