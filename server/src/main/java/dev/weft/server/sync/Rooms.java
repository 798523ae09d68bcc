package dev.weft.server.sync;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.weft.crdt.Doc;
import dev.weft.server.auth.Access;
import dev.weft.server.auth.Grant;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.storage.CompactionResult;
import dev.weft.storage.DocumentStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded documents, by name: at most one {@link Room} per name, created (and its load started) by the first
 * connection or API call that needs it, and evicted through Caffeine once it has had nobody holding it and no
 * write pending for the idle timeout.
 *
 * <p>Design: whether a room may expire is decided inside the cache's own atomic operations. Taking a room
 * ({@code compute}) counts its holder before the cache computes the entry's expiry, and a room that becomes idle
 * asks the cache to compute its expiry again ({@code computeIfPresent}); the expiry is "never" while the room is
 * held or writing, the idle timeout otherwise. So eviction cannot race a connection that is joining: either the
 * connection took the room first and it does not expire, or the room was evicted first and the connection gets a
 * new room, whose load reads what the old one committed.
 */
public final class Rooms implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Rooms.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    /** How a connection is closed whose access was decided before a change to it: it reconnects, decided anew. */
    private static final CloseReason ACCESS_CHANGED =
            new CloseReason(CloseReason.TRY_AGAIN_LATER, "the document's access changed while connecting");

    private final DocumentStore store;
    private final Executor blocking;
    private final ServerMetrics metrics;
    private final int maxQueuedBytesBeforeSync;
    private final InstantSource clock;
    private final Cache<String, Room> rooms;
    private final AccessVersions accessVersions = new AccessVersions();
    /**
     * Runs compactions one at a time, on a thread that exists while there is work. A compaction reads, merges and
     * rewrites a whole document: rooms that reach their thresholds together (documents edited at the same pace
     * do) would otherwise take every core from the event loops at once, and fill one group commit with their
     * snapshots, stalling every update behind it.
     */
    private final ExecutorService compactor = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), Thread.ofPlatform().name("weft-compactor").daemon(true).factory());
    /** Compactions queued or under way: shutdown waits for them. */
    private final Set<CompletableFuture<?>> compactions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param store where documents are stored
     * @param blocking runs storage reads, never an event loop
     * @param metrics where rooms report
     * @param idleTimeout how long a room nobody holds stays loaded
     * @param maxQueuedBytesBeforeSync what a connection may send while its document loads
     * @param clock the time awareness states expire by
     */
    public Rooms(DocumentStore store, Executor blocking, ServerMetrics metrics, Duration idleTimeout,
            int maxQueuedBytesBeforeSync, InstantSource clock) {
        this.store = store;
        this.blocking = blocking;
        this.metrics = metrics;
        this.maxQueuedBytesBeforeSync = maxQueuedBytesBeforeSync;
        this.clock = clock;
        this.rooms = Caffeine.newBuilder()
                .expireAfter(new IdleExpiry(idleTimeout))
                .scheduler(Scheduler.systemScheduler())
                .removalListener(this::removed)
                .build();
    }

    /**
     * The version of {@code document}'s access, to be read before the roles a connection's access is decided by
     * and handed back to {@link #connect} in its {@link Admission}: a change between the two closes the connection
     * as it joins (see {@link AccessVersions}).
     */
    public long accessVersion(String document) {
        return accessVersions.current(document);
    }

    /**
     * Opens a session on the document named {@code document}, loading it if needed. The session joins the room
     * on the room's thread; until the stored state is in, what it receives is queued. If the document's access
     * changed since the admission was decided, the session is closed instead (1013), and the client reconnects.
     *
     * @param extensions the Weft extension messages the client asked for ({@link #publish})
     * @param thread the thread the room is pinned to if this call creates it (the connection's event loop)
     * @throws IllegalStateException if the server is shutting down
     */
    public Session connect(String document, Admission admission, Set<String> extensions, Outbox outbox,
            ScheduledExecutorService thread) {
        Room room = acquire(document, thread);
        Session session = new Session(room, admission.grant(), admission.access(), extensions, outbox);
        metrics.connectionOpened();
        room.execute(() -> {
            if (accessVersions.current(document) == admission.accessVersion()) {
                room.join(session);
            } else {
                session.close(ACCESS_CHANGED);
            }
        });
        return session;
    }

    /**
     * Gives every open connection of {@code subject} to {@code document} the access {@code access}, at once, but
     * never more than its token grants: an editor made a viewer has its next update refused (permission denied).
     * A connection whose access was decided before this call and has not joined yet is closed as it joins, and
     * reconnects with the new access.
     */
    public void changeAccess(String document, String subject, Access access) {
        accessVersions.changed(document);
        ifLoaded(document, room -> room.changeAccess(subject, access));
    }

    /**
     * Closes every open connection to {@code document} of the subjects {@code revoked} accepts with 1008 "access
     * revoked", and any connection whose access was decided before this call and has not joined yet (it reconnects
     * and is decided anew).
     */
    public void revoke(String document, Predicate<String> revoked) {
        accessVersions.changed(document);
        ifLoaded(document, room -> room.closeSessions(session -> revoked.test(session.subject()),
                new CloseReason(CloseReason.POLICY_VIOLATION, "access revoked")));
    }

    /**
     * Closes every open connection to {@code document} with {@code reason} and unloads it (a deleted document,
     * say): from this call on, whoever asks for the document gets it from storage, not the copy that was loaded,
     * and a connection decided before this call is closed as it joins.
     *
     * @return completes once the room's thread has closed the connections: every update they sent before has been
     *     handed to storage by then (so a deletion queued after it comes after them), and none is applied after
     */
    public CompletableFuture<Void> closeAll(String document, CloseReason reason) {
        accessVersions.changed(document);
        Room room = rooms.getIfPresent(document);
        if (room == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> closed = room.closeEverySession(reason);
        rooms.asMap().remove(document, room); // then unloaded on its thread, by the removal listener
        return closed;
    }

    /**
     * Sends an encoded extension message to every connection to {@code document} that asked for
     * {@code extension} when it connected and whose grant {@code audience} admits, on the room's thread (so in
     * order with the document's own messages). Nothing happens if the document is not loaded. {@code audience}
     * runs on the room's thread and must not block.
     */
    public void publish(String document, String extension, byte[] frame, Predicate<Grant> audience) {
        ifLoaded(document, room -> room.publish(extension, frame, audience));
    }

    /**
     * The open connections to {@code document}, read on its room's thread.
     *
     * @return empty if the document is not loaded (it is not loaded for this) or the server is stopping
     */
    public CompletableFuture<Optional<List<Connection>>> connections(String document) {
        Room room = rooms.getIfPresent(document);
        if (room == null || room.isClosing()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return room.connectionsOnItsThread();
    }

    /**
     * Edits a document on the server's behalf (a plugin, say): runs {@code editor} on its room's thread in one
     * transaction with {@code origin}, loading the document if it is stored but not loaded. The update the editor
     * makes is committed, then broadcast to every connection, like a client's. The editor must not keep the
     * document; what it returns is read on another thread.
     *
     * @return completes with the editor's result once its update is committed; empty if the document is neither
     *     loaded nor stored; fails with the editor's exception (what it changed before throwing is kept: Yjs has
     *     no rollback) or storage's
     */
    public <T> CompletableFuture<Optional<T>> edit(String document, ScheduledExecutorService thread, Object origin,
            Function<Doc, T> editor) {
        return withRoom(document, thread, room -> room.edit(origin, editor));
    }

    private void ifLoaded(String document, Consumer<Room> action) {
        Room room = rooms.getIfPresent(document);
        if (room != null && !room.isClosing()) {
            room.execute(() -> action.accept(room));
        }
    }

    /**
     * What the HTTP API shows of a document, loading it if it is stored but not loaded.
     *
     * @return empty if the document is neither loaded nor stored
     */
    public CompletableFuture<Optional<DocumentView>> view(String document, ScheduledExecutorService thread) {
        return withRoom(document, thread, Room::view);
    }

    /**
     * Runs {@code reader} on a document, on its room's thread, loading it if it is stored but not loaded. The reader
     * must neither change the document nor keep it: what it returns is read on another thread.
     *
     * @return empty if the document is neither loaded nor stored
     */
    public <T> CompletableFuture<Optional<T>> read(String document, ScheduledExecutorService thread,
            Function<Doc, T> reader) {
        return withRoom(document, thread, room -> room.read(reader));
    }

    private <T> CompletableFuture<Optional<T>> withRoom(String document, ScheduledExecutorService thread,
            Function<Room, CompletableFuture<T>> action) {
        Room loaded = rooms.getIfPresent(document);
        CompletableFuture<Boolean> exists = loaded != null && !loaded.isClosing()
                ? CompletableFuture.completedFuture(true)
                : CompletableFuture.supplyAsync(() -> store.info(document).isPresent(), blocking);
        return exists.thenCompose(found -> {
            if (!found) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            Room room = acquire(document, thread);
            return action.apply(room).whenComplete((v, failure) -> released(room)).thenApply(Optional::of);
        });
    }

    /** The number of documents loaded or loading. */
    public long size() {
        return rooms.estimatedSize();
    }

    private Room acquire(String document, ScheduledExecutorService thread) {
        if (closed) {
            throw new IllegalStateException("the server is shutting down");
        }
        Room[] created = new Room[1];
        Room room = rooms.asMap().compute(document, (name, existing) -> {
            Room r = existing != null && !existing.isClosing() ? existing : (created[0] = new Room(name, thread, this));
            r.retain();
            return r;
        });
        if (created[0] != null) {
            room.load();
        }
        return room;
    }

    // Called by rooms.

    DocumentStore store() {
        return store;
    }

    Executor blocking() {
        return blocking;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    InstantSource clock() {
        return clock;
    }

    int maxQueuedBytesBeforeSync() {
        return maxQueuedBytesBeforeSync;
    }

    /** A session left its room. */
    void left(Room room) {
        metrics.connectionClosed();
        released(room);
    }

    /** A holder let go of its room. */
    void released(Room room) {
        room.release();
        touchIfIdle(room);
    }

    /** Has the cache compute the room's expiry again, now that it may have become idle. */
    void touchIfIdle(Room room) {
        if (room.isIdle()) {
            rooms.asMap().computeIfPresent(room.name(), (name, current) -> current);
        }
    }

    /** Drops a room that failed, if it is still the one registered under its name. */
    void forget(Room room) {
        rooms.asMap().remove(room.name(), room);
    }

    /**
     * Folds the document's log into its snapshot on the compactor, one document at a time; shutdown waits for it.
     */
    CompletableFuture<CompactionResult> compact(String document) {
        CompletableFuture<CompactionResult> future = CompletableFuture.supplyAsync(() -> store.compact(document),
                compactor);
        compactions.add(future);
        future.whenComplete((result, failure) -> {
            compactions.remove(future);
            if (failure != null) {
                log.warn("compacting {} failed", document, failure);
            }
        });
        return future;
    }

    private void removed(String name, Room room, RemovalCause cause) {
        if (room != null) {
            room.execute(() -> room.unload(cause == RemovalCause.EXPIRED));
        }
    }

    /**
     * Closes every connection, waits until every accepted update is committed and background work is done, then
     * drops the rooms. Storage is left open: its owner closes it after this returns.
     */
    @Override
    public void close() {
        closed = true;
        List<CompletableFuture<Void>> drained = new ArrayList<>();
        for (Room room : rooms.asMap().values()) {
            drained.add(room.shutdownOnItsThread());
        }
        await(CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)), "pending writes");
        await(CompletableFuture.allOf(compactions.toArray(CompletableFuture[]::new)), "compactions");
        rooms.invalidateAll();
    }

    private static void await(CompletableFuture<?> future, String what) {
        try {
            future.get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("shutdown: gave up waiting for {}", what, e);
        }
    }

    /** Never while a room is held or writing; the idle timeout once it is neither. */
    private record IdleExpiry(Duration idleTimeout) implements Expiry<String, Room> {
        @Override
        public long expireAfterCreate(String name, Room room, long now) {
            return room.isIdle() ? idleTimeout.toNanos() : Long.MAX_VALUE;
        }

        @Override
        public long expireAfterUpdate(String name, Room room, long now, long currentDuration) {
            return expireAfterCreate(name, room, now);
        }

        @Override
        public long expireAfterRead(String name, Room room, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
