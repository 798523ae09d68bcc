package dev.weft.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.storage.StoredDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a room does while storage lags behind: the real SQLite store, whose commits the test holds back and lets
 * through one by one, under the sync core with a recording transport.
 */
class PendingWritesTest {
    /** Room's thresholds: above this many uncommitted writes the connections sending them are not read... */
    private static final int PAUSE_ABOVE = 2048;
    /** ...until fewer than this many are left. */
    private static final int RESUME_BELOW = 512;

    @TempDir
    Path dataDir;

    private SyncCore core;
    private HeldStore store;

    @BeforeEach
    void start() {
        core = new SyncCore(dataDir);
        store = core.store;
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private Rooms rooms(Duration idleTimeout) {
        return core.rooms(idleTimeout);
    }

    private Session connect(Rooms rooms, String document, RecordingOutbox outbox) {
        return core.connect(rooms, document, outbox);
    }

    @Test
    void aConnectionIsNotReadWhileMoreThan2048OfItsWritesAreUncommittedAndIsReadAgainBelow512() {
        Rooms rooms = rooms(Duration.ofMinutes(1));
        RecordingOutbox writerOut = new RecordingOutbox();
        RecordingOutbox readerOut = new RecordingOutbox();
        Session writer = connect(rooms, "busy", writerOut);
        connect(rooms, "busy", readerOut);

        Doc doc = new Doc();
        for (int i = 0; i < PAUSE_ABOVE; i++) {
            writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "x"))));
        }
        await().until(() -> store.held() == PAUSE_ABOVE);
        assertThat(writerOut.readingChanges).isEmpty();

        writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "y"))));
        await().until(() -> writerOut.readingChanges.equals(List.of(false)));
        // Nothing was committed, so nothing was relayed.
        assertThat(readerOut.count(SyncUpdate.class)).isZero();

        int total = PAUSE_ABOVE + 1;
        int leavingResumeBelow = total - RESUME_BELOW; // 512 still uncommitted: not below yet
        store.release(leavingResumeBelow);
        await().until(() -> readerOut.text("t").length() == leavingResumeBelow);
        assertThat(writerOut.readingChanges).containsExactly(false);

        store.release(1);
        await().until(() -> writerOut.readingChanges.equals(List.of(false, true)));

        store.releaseAll();
        await().until(() -> readerOut.text("t").length() == total);
        assertThat(readerOut.text("t")).isEqualTo(doc.getText("t").toString());
        assertThat(writerOut.count(SyncUpdate.class)).isZero(); // nobody hears their own updates back
        assertThat(textOf(store.load("busy"))).isEqualTo(doc.getText("t").toString());
    }

    @Test
    void updatesCommittedTogetherReachEachConnectionAsOneMergedMessageWithoutItsOwn() throws Exception {
        Rooms rooms = rooms(Duration.ofMinutes(1));
        RecordingOutbox aliceOut = new RecordingOutbox();
        RecordingOutbox bobOut = new RecordingOutbox();
        RecordingOutbox readerOut = new RecordingOutbox();
        Session alice = connect(rooms, "merged", aliceOut);
        Session bob = connect(rooms, "merged", bobOut);
        connect(rooms, "merged", readerOut);

        Doc aliceDoc = new Doc();
        Doc bobDoc = new Doc();
        for (int i = 0; i < 5; i++) {
            alice.receive(MessageWriter.write(new SyncUpdate(Edits.insert(aliceDoc, "t", "a"))));
            bob.receive(MessageWriter.write(new SyncUpdate(Edits.insert(bobDoc, "t", "b"))));
        }
        await().until(() -> store.held() == 10);
        // The room's thread is held while every commit is reported, so that it handles them in one turn, as it
        // does a group commit's.
        CountDownLatch reported = new CountDownLatch(1);
        core.roomThread.execute(() -> awaitUninterruptibly(reported));
        store.releaseAll();
        reported.countDown();

        await().until(() -> readerOut.count(SyncUpdate.class) == 1);
        Doc everything = new Doc();
        everything.applyUpdate(aliceDoc.encodeStateAsUpdate());
        everything.applyUpdate(bobDoc.encodeStateAsUpdate());
        assertThat(readerOut.text("t")).isEqualTo(everything.getText("t").toString()).hasSize(10);
        await().until(() -> aliceOut.count(SyncUpdate.class) == 1 && bobOut.count(SyncUpdate.class) == 1);
        assertThat(aliceOut.text("t")).isEqualTo("bbbbb");
        assertThat(bobOut.text("t")).isEqualTo("aaaaa");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSyncStep2WaitingForACommitThatFailsIsNeverSent() throws Exception {
        Rooms rooms = rooms(Duration.ofMinutes(1));
        RecordingOutbox writerOut = new RecordingOutbox();
        RecordingOutbox readerOut = new RecordingOutbox();
        Session writer = connect(rooms, "failing", writerOut);
        Session reader = connect(rooms, "failing", readerOut);
        writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(new Doc(), "t", "never stored"))));
        await().until(() -> store.held() == 1);
        reader.receive(MessageWriter.write(new SyncStep1(new byte[] {0})));
        core.roomThread.submit(() -> { }).get(); // the room has handled the step 1: its answer waits for the commit

        store.failNext(new IllegalStateException("the disk is full"));

        await().until(() -> readerOut.closed != null);
        assertThat(readerOut.closed.code()).isEqualTo(CloseReason.INTERNAL_ERROR);
        assertThat(readerOut.count(SyncStep2.class)).as("nothing that was not stored").isZero();
    }

    @Test
    void aRoomIsNeverEvictedWhileAWriteIsPending() {
        Rooms rooms = rooms(Duration.ofMillis(50));
        RecordingOutbox out = new RecordingOutbox();
        Session session = connect(rooms, "pending", out);
        Doc doc = new Doc();
        session.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "not lost"))));
        await().until(() -> store.held() == 1);

        session.closed();
        // Nobody holds the room, but its write is not committed: it stays, far beyond the idle timeout.
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                .until(() -> rooms.size() == 1 && core.metrics.loadedDocuments() == 1);

        store.releaseAll();
        await().until(() -> rooms.size() == 0 && core.metrics.loadedDocuments() == 0);
        assertThat(core.metrics.scrape()).containsPattern("(?m)^weft_documents_evictions_total 1");
        assertThat(textOf(store.load("pending"))).isEqualTo("not lost");
    }

    private static String textOf(StoredDocument stored) {
        Doc doc = new Doc();
        for (byte[] update : stored.allUpdates()) {
            doc.applyUpdate(update);
        }
        return doc.getText("t").toString();
    }
}
