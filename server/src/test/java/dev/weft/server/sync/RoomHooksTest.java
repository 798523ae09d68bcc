package dev.weft.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.auth.Access;
import dev.weft.server.auth.DocumentPattern;
import dev.weft.server.auth.Grant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What other features ask of open documents: roles changed at once, revocation, extension messages, edits. */
class RoomHooksTest {
    private static final String DOC = "shared";

    @TempDir
    Path dataDir;

    private SyncCore core;
    private Rooms rooms;

    @BeforeEach
    void start() {
        core = new SyncCore(dataDir);
        core.store.releaseAll(); // commits reported as they happen, unless a test holds them
        rooms = core.rooms(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private Session connect(String subject, Access token, Access effective, Set<String> extensions,
            RecordingOutbox outbox) {
        return core.connect(rooms, DOC, new Grant(subject, token, List.of(new DocumentPattern(DOC))), effective,
                extensions, outbox);
    }

    private static void sendUpdate(Session session, Doc doc, String text) {
        session.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", text))));
    }

    @Test
    void aDowngradedEditorsNextUpdateIsRefusedAndAnUpgradeNeverPassesTheTokensScope() {
        RecordingOutbox aliceOut = new RecordingOutbox();
        RecordingOutbox bobOut = new RecordingOutbox();
        RecordingOutbox watcherOut = new RecordingOutbox();
        Session alice = connect("alice", Access.READ_WRITE, Access.READ_WRITE, Set.of(), aliceOut);
        Session bob = connect("bob", Access.READ_ONLY, Access.READ_ONLY, Set.of(), bobOut);
        connect("carol", Access.READ_WRITE, Access.READ_WRITE, Set.of(), watcherOut);
        Doc aliceDoc = new Doc();
        Doc bobDoc = new Doc();

        rooms.changeAccess(DOC, "alice", Access.READ_ONLY);
        sendUpdate(alice, aliceDoc, "refused");
        await().until(() -> aliceOut.count(AuthPermissionDenied.class) == 1);

        rooms.changeAccess(DOC, "alice", Access.READ_WRITE);
        rooms.changeAccess(DOC, "bob", Access.READ_WRITE); // his token is read-only: he stays read-only
        sendUpdate(bob, bobDoc, "still refused");
        await().until(() -> bobOut.count(AuthPermissionDenied.class) == 1);
        sendUpdate(alice, new Doc(), "accepted");
        await().until(() -> watcherOut.count(SyncUpdate.class) == 1);

        assertThat(rooms.read(DOC, core.roomThread, doc -> doc.getText("t").toString()).join())
                .contains("accepted");
        assertThat(rooms.connections(DOC).join().orElseThrow())
                .extracting(Connection::subject, Connection::access)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alice", Access.READ_WRITE),
                        org.assertj.core.groups.Tuple.tuple("bob", Access.READ_ONLY),
                        org.assertj.core.groups.Tuple.tuple("carol", Access.READ_WRITE));
    }

    @Test
    void revokingClosesThatSubjectsConnectionsOnlyAndIgnoresWhatTheyStillSendAndClosingAllUnloads() {
        RecordingOutbox aliceOut = new RecordingOutbox();
        RecordingOutbox bobOut = new RecordingOutbox();
        Session alice = connect("alice", Access.READ_WRITE, Access.READ_WRITE, Set.of(), aliceOut);
        Session bob = connect("bob", Access.READ_WRITE, Access.READ_WRITE, Set.of(), bobOut);

        rooms.revoke(DOC, "alice"::equals);
        await().until(() -> aliceOut.closed != null);
        assertThat(aliceOut.closed).isEqualTo(new CloseReason(CloseReason.POLICY_VIOLATION, "access revoked"));
        // Her transport has not reported the close yet (a client that does not read delays it): what she still
        // sends is not applied, while Bob's is.
        sendUpdate(alice, new Doc(), "after revocation");
        sendUpdate(bob, new Doc(), "bob's");
        await().until(() -> rooms.read(DOC, core.roomThread, doc -> doc.getText("t").toString()).join()
                .orElseThrow().contains("bob's"));
        assertThat(rooms.read(DOC, core.roomThread, doc -> doc.getText("t").toString()).join())
                .hasValueSatisfying(text -> assertThat(text).doesNotContain("after revocation"));
        assertThat(aliceOut.count(SyncUpdate.class)).as("nothing more is sent to a closed connection").isZero();

        CloseReason deleted = new CloseReason(CloseReason.GOING_AWAY, "the document was deleted");
        CountDownLatch busy = new CountDownLatch(1);
        core.roomThread.execute(() -> awaitUninterruptibly(busy));
        sendUpdate(bob, new Doc(), "sent just before the deletion");
        CompletableFuture<Void> closed = rooms.closeAll(DOC, deleted);
        assertThat(closed).as("not before the room has handled what was sent before").isNotDone();
        busy.countDown();
        closed.join();
        assertThat(bobOut.closed).isEqualTo(deleted);
        // What Bob sent before the close is in storage's queue already: a deletion queued now comes after it.
        core.storage.documents().delete(DOC).join();
        assertThat(core.storage.documents().load(DOC).updates()).isEmpty();
        // Unloaded: whoever asks next gets the document from storage, not the copy that was loaded.
        await().until(() -> rooms.size() == 0);
    }

    @Test
    void aConnectionDecidedBeforeAnAccessChangeIsClosedAsItJoinsAndJoinsWhenDecidedAnew() {
        Grant alice = new Grant("alice", Access.READ_WRITE, List.of(new DocumentPattern(DOC)));
        List<Runnable> changes = List.of(
                () -> rooms.revoke(DOC, "alice"::equals),
                () -> rooms.changeAccess(DOC, "alice", Access.READ_ONLY),
                () -> rooms.closeAll(DOC, new CloseReason(CloseReason.POLICY_VIOLATION, "deleted")).join());
        for (Runnable change : changes) {
            // Her roles were read, then the change committed and reached the rooms (none had her yet), then she
            // joins with what was read.
            long decided = rooms.accessVersion(DOC);
            change.run();
            RecordingOutbox stale = new RecordingOutbox();
            rooms.connect(DOC, new Admission(alice, Access.READ_WRITE, decided), Set.of(), stale, core.roomThread);
            await().until(() -> stale.closed != null);
            assertThat(stale.closed).isEqualTo(new CloseReason(CloseReason.TRY_AGAIN_LATER,
                    "the document's access changed while connecting"));
            assertThat(stale.count(SyncStep1.class)).as("never synced").isZero();

            RecordingOutbox current = new RecordingOutbox();
            core.connect(rooms, DOC, alice, Access.READ_ONLY, Set.of(), current);
            assertThat(current.closed).isNull();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void extensionMessagesGoOnlyToConnectionsThatAskedAndThatTheAudienceAdmits() {
        RecordingOutbox asked = new RecordingOutbox();
        RecordingOutbox excluded = new RecordingOutbox();
        RecordingOutbox plain = new RecordingOutbox();
        connect("alice", Access.READ_WRITE, Access.READ_WRITE, Set.of("comments"), asked);
        connect("bob", Access.READ_ONLY, Access.READ_ONLY, Set.of("comments", "notifications"), excluded);
        connect("carol", Access.READ_WRITE, Access.READ_WRITE, Set.of(), plain);
        byte[] frame = {42, 1, 2, 3};

        rooms.publish(DOC, "comments", frame, grant -> grant.access() == Access.READ_WRITE);
        rooms.publish("not-loaded", "comments", frame, grant -> true);

        await().until(() -> asked.sent.contains(frame));
        // The room's thread handles tasks in order: once this read is done, every publish before it is too.
        rooms.read(DOC, core.roomThread, doc -> 0).join();
        assertThat(excluded.sent).doesNotContain(frame);
        assertThat(plain.sent).doesNotContain(frame);
    }

    @Test
    void presenceListsEachConnectionsAwarenessStates() {
        RecordingOutbox out = new RecordingOutbox();
        Session alice = connect("alice", Access.READ_WRITE, Access.COMMENT, Set.of(), out);
        alice.receive(MessageWriter.write(new AwarenessMessage(Edits.awareness(7, 1, "{\"user\":\"Alice\"}"))));
        await().until(() -> out.count(AwarenessMessage.class) == 1);

        assertThat(rooms.connections(DOC).join()).hasValueSatisfying(connections -> assertThat(connections)
                .containsExactly(new Connection("alice", Access.COMMENT, java.util.Map.of(7L, "{\"user\":\"Alice\"}"))));
        assertThat(rooms.connections("not-loaded").join()).isEmpty();
    }

    @Test
    void aServerEditIsCommittedBeforeAnyoneReceivesItAndCompletesAfterTheCommit() {
        RecordingOutbox out = new RecordingOutbox();
        connect("alice", Access.READ_WRITE, Access.READ_WRITE, Set.of(), out);
        core.store.hold();

        CompletableFuture<Optional<Integer>> edit = rooms.edit(DOC, core.roomThread, "plugin", doc -> {
            doc.getText("t").insert(0, "from a plugin");
            return doc.getText("t").length();
        });
        await().until(() -> core.store.held() == 1);
        await().during(Duration.ofMillis(300)).until(() -> !edit.isDone() && out.count(SyncUpdate.class) == 0);

        core.store.releaseAll();
        assertThat(edit.join()).contains("from a plugin".length());
        await().until(() -> out.count(SyncUpdate.class) == 1);
        assertThat(rooms.edit("never-stored", core.roomThread, "plugin", doc -> 1).join()).isEmpty();
    }
}
