package dev.weft.server.sync;

import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.auth.Access;
import dev.weft.server.auth.DocumentPattern;
import dev.weft.server.auth.Grant;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.storage.DocumentInfo;
import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    private Storage storage;
    private ScheduledExecutorService roomThread;
    private ExecutorService blocking;
    private Rooms rooms;

    @BeforeEach
    void start() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        roomThread = Executors.newSingleThreadScheduledExecutor();
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        rooms = new Rooms(storage.documents(), blocking, new ServerMetrics(), Duration.ofMinutes(1), 1 << 20,
                InstantSource.system());
    }

    @AfterEach
    void stop() {
        rooms.close();
        roomThread.close();
        blocking.close();
        storage.close();
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
        storage.documents().append("large", Edits.insert(doc, "t", "x".repeat(200_000))).join();
        storage.documents().compact("large");
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
        Grant grant = new Grant("someone", Access.READ_WRITE, List.of(new DocumentPattern("*")));
        RecordingOutbox out = new RecordingOutbox();
        Session session = rooms.connect(document, grant, grant.access(), Set.of(), out, roomThread);
        await().until(() -> out.count(SyncStep1.class) == 1);
        return session;
    }

    private int updatesInLog(String document) {
        return storage.documents().info(document).map(DocumentInfo::updateCount).orElse(-1);
    }
}
