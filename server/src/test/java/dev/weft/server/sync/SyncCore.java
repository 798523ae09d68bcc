package dev.weft.server.sync;

import static org.awaitility.Awaitility.await;

import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.server.auth.Access;
import dev.weft.server.auth.DocumentPattern;
import dev.weft.server.auth.Grant;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The sync core as the Netty adapter drives it, without Netty: rooms on one thread over real SQLite, whose commit
 * reports the test may hold back ({@link HeldStore}: held until {@link HeldStore#releaseAll}).
 */
final class SyncCore implements AutoCloseable {
    final Storage storage;
    final HeldStore store;
    final ServerMetrics metrics = new ServerMetrics();
    final ScheduledExecutorService roomThread = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Rooms> opened = new ArrayList<>();

    SyncCore(Path dataDir) {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        store = new HeldStore(storage.documents());
    }

    /** Rooms over the held store that unload a document {@code idleTimeout} after its last holder let go. */
    Rooms rooms(Duration idleTimeout) {
        Rooms rooms = new Rooms(store, blocking, metrics, idleTimeout, 1 << 20, InstantSource.system());
        opened.add(rooms);
        return rooms;
    }

    /** A connection with {@code grant} and {@code access}, once the room has sent it its sync step 1. */
    Session connect(Rooms rooms, String document, Grant grant, Access access, Set<String> extensions,
            RecordingOutbox outbox) {
        Admission admission = new Admission(grant, access, rooms.accessVersion(document));
        Session session = rooms.connect(document, admission, extensions, outbox, roomThread);
        await().until(() -> outbox.count(SyncStep1.class) == 1);
        return session;
    }

    /** A read-write connection of someone whose token covers every document. */
    Session connect(Rooms rooms, String document, RecordingOutbox outbox) {
        Grant grant = new Grant("someone", Access.READ_WRITE, List.of(new DocumentPattern("*")));
        return connect(rooms, document, grant, grant.access(), Set.of(), outbox);
    }

    @Override
    public void close() {
        store.releaseAll();
        opened.forEach(Rooms::close);
        roomThread.close();
        blocking.close();
        storage.close();
    }
}
