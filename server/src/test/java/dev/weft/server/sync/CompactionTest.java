package dev.weft.server.sync;

import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.storage.DocumentInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loaded document's update log is folded into its snapshot after 1000 to 2000 updates (each room draws its
 * count), once they add up to half the snapshot: real SQLite, the sync core with a recording transport.
 */
class CompactionTest {
    @TempDir
    Path dataDir;

    private SyncCore core;
    private Rooms rooms;

    @BeforeEach
    void start() {
        core = new SyncCore(dataDir);
        core.store.releaseAll();
        rooms = core.rooms(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void aSmallDocumentIsFoldedAfter1000To2000Updates() {
        Doc doc = new Doc();
        Session writer = connect("small");
        int fewest = Room.COMPACT_AFTER_APPENDS;
        for (int i = 0; i < fewest - 1; i++) {
            writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "y"))));
        }
        await().until(() -> updatesInLog("small") == fewest - 1);

        for (int i = 0; i < fewest + 1; i++) {
            writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "y"))));
        }

        // Folded in the second thousand, wherever the room's draw fell: at most the last thousand are left.
        await().until(() -> updatesInLog("small") <= fewest);
    }

    @Test
    void aLargeDocumentIsFoldedOnlyOnceTheUpdatesAddUpToHalfItsSnapshot() {
        Doc doc = new Doc();
        core.storage.documents().append("large", Edits.insert(doc, "t", "x".repeat(200_000))).join();
        core.storage.documents().compact("large");
        Session writer = connect("large");
        int enough = 2 * Room.COMPACT_AFTER_APPENDS; // more than any room's draw
        for (int i = 0; i < enough; i++) {
            writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "y"))));
        }
        await().until(() -> updatesInLog("large") == enough);
        // Tens of kilobytes beside a 200 KB snapshot: folding them would rewrite it all for next to nothing.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> updatesInLog("large") == enough);

        writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "z".repeat(100_000)))));

        await().until(() -> updatesInLog("large") == 0);
    }

    private Session connect(String document) {
        return core.connect(rooms, document, new RecordingOutbox());
    }

    private int updatesInLog(String document) {
        return core.storage.documents().info(document).map(DocumentInfo::updateCount).orElse(-1);
    }
}
