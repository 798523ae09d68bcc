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
 * A loaded document's update log is folded into its snapshot after 1000 updates, once they add up to half the
 * snapshot: real SQLite, the sync core with a recording transport.
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
    void aSmallDocumentIsFoldedAfter1000Updates() {
        Doc doc = new Doc();
        Session writer = connect("small");
        for (int i = 0; i < 999; i++) {
            writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "y"))));
        }
        await().until(() -> updatesInLog("small") == 999);

        writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "y"))));

        await().until(() -> updatesInLog("small") == 0);
    }

    @Test
    void aLargeDocumentIsFoldedOnlyOnceTheUpdatesAddUpToHalfItsSnapshot() {
        Doc doc = new Doc();
        core.storage.documents().append("large", Edits.insert(doc, "t", "x".repeat(200_000))).join();
        core.storage.documents().compact("large");
        Session writer = connect("large");
        for (int i = 0; i < 1000; i++) {
            writer.receive(MessageWriter.write(new SyncUpdate(Edits.insert(doc, "t", "y"))));
        }
        await().until(() -> updatesInLog("large") == 1000);
        // A few kilobytes beside a 200 KB snapshot: folding them would rewrite it all for next to nothing.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> updatesInLog("large") == 1000);

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
