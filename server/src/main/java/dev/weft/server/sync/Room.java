package dev.weft.server.sync;

import dev.weft.crdt.Doc;
import dev.weft.crdt.Transaction;
import dev.weft.crdt.UpdateException;
import dev.weft.crdt.lib0.DecodingException;
import dev.weft.protocol.Awareness;
import dev.weft.protocol.AwarenessChange;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.ProtocolException;
import dev.weft.protocol.SyncProtocolMessage;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.QueryAwareness;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.auth.Access;
import dev.weft.server.auth.Grant;
import dev.weft.storage.StoredDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded document: its {@link Doc}, its awareness states and its connections.
 *
 * <p>Design: a room is pinned to one thread (the event loop it was loaded from) and everything it holds is
 * touched on that thread only; other threads hand it tasks ({@link #execute}). It goes through explicit states:
 * {@code LOADING} (connections wait, their messages queued up to a cap, since nothing may be answered before the
 * stored state is in), {@code ACTIVE}, and {@code CLOSED} (unloaded, or failed: every failure path ends here and
 * closes the connections, which reconnect to a fresh room).
 *
 * <p>The path of an update: applied to the document on this thread, the update the document reports is handed
 * to storage; only when it is committed is it broadcast to the other connections, so nobody ever sees what a
 * crash could lose. For the same reason a sync step 2 computed here is sent only once every update it may contain
 * is committed. Storage commits in order, so broadcasts leave in the order the updates were applied.
 *
 * <p>Broadcasts are coalesced per turn of the room's thread ({@link TurnBroadcast}): storage's group commit
 * completes a whole batch of updates at once, and what the room broadcasts while handling them goes to each
 * connection in one go (the updates merged into one message, one flush, one wakeup of a connection's event loop
 * when it is another one), not one write and flush per update per connection.
 */
final class Room {
    private static final Logger log = LoggerFactory.getLogger(Room.class);
    /**
     * Appends after which the update log is folded into a snapshot, in the background, once they also add up to
     * half the last snapshot's size: folding rewrites the whole snapshot, so a large document is folded less
     * often, and what compaction writes stays proportional to what clients write, not to the document's size.
     * Each room draws its count anew after every fold, between this and twice this: documents edited at the same
     * pace (one editing session spread over several documents, say) would otherwise all fold at once, every time.
     */
    static final int COMPACT_AFTER_APPENDS = 1000;
    /**
     * Uncommitted writes above which the connections that sent them stop being read, and below which they are
     * read again: a client that writes faster than storage commits waits instead of filling storage's queue.
     */
    private static final int PAUSE_READING_ABOVE = 2048;
    private static final int RESUME_READING_BELOW = 512;
    /** How a connection is closed that joins an unloaded room: the client reconnects and finds a loaded one. */
    private static final CloseReason UNLOADED =
            new CloseReason(CloseReason.TRY_AGAIN_LATER, "the document was unloaded");

    private enum State { LOADING, ACTIVE, CLOSED }

    private final String name;
    private final ScheduledExecutorService thread;
    private final Rooms rooms;
    private final Doc doc = new Doc();
    private final Awareness awareness;
    private final Set<Session> sessions = new LinkedHashSet<>();
    private final List<Session> waiting = new ArrayList<>();
    /** Connections not read until storage catches up. */
    private final Set<Session> paused = new LinkedHashSet<>();
    /** Completes when the stored state is in, or fails with the load. */
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    /** Connections and API calls holding the room, any thread; a room is idle at zero with no write pending. */
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger pendingWrites = new AtomicInteger();
    /** Set once the room starts closing, any thread: the registry then hands out a new room instead. */
    private volatile boolean closing;

    // The room's thread only.
    private State state = State.LOADING;
    /** What this turn broadcasts, sent at its end. */
    private final TurnBroadcast turn = new TurnBroadcast();
    private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> awarenessCheck;
    private int appendsSinceCompaction;
    private int compactAfterAppends = drawCompactionThreshold();
    private long bytesSinceCompaction;
    /** The stored snapshot's size, as of the load or the last compaction. */
    private long snapshotBytes;
    private boolean compacting;

    Room(String name, ScheduledExecutorService thread, Rooms rooms) {
        this.name = name;
        this.thread = thread;
        this.rooms = rooms;
        this.awareness = new Awareness(rooms.clock(), Awareness.DEFAULT_TIMEOUT);
    }

    String name() {
        return name;
    }

    // Any thread.

    void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("room {}: its thread has stopped; a task was dropped", name);
        }
    }

    /**
     * Runs {@code task} on the room's thread and completes with its result, or with {@code ifStopped} at once if that
     * thread has stopped: a future that waits on a task {@link #execute} drops would never complete.
     */
    private <T> CompletableFuture<T> onItsThread(Supplier<T> task, T ifStopped) {
        try {
            return CompletableFuture.supplyAsync(task, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ifStopped);
        }
    }

    /** Closes every connection on the room's thread; completes then, or at once if that thread has stopped. */
    CompletableFuture<Void> closeEverySession(CloseReason reason) {
        return onItsThread(() -> {
            closeSessions(session -> true, reason);
            return null;
        }, null);
    }

    /** The open connections, read on the room's thread; empty if that thread has stopped. */
    CompletableFuture<Optional<List<Connection>>> connectionsOnItsThread() {
        return onItsThread(() -> Optional.of(connections()), Optional.empty());
    }

    boolean isClosing() {
        return closing;
    }

    /** Whether eviction may unload the room: nobody holds it and nothing is being written. */
    boolean isIdle() {
        return users.get() == 0 && pendingWrites.get() == 0;
    }

    void retain() {
        users.incrementAndGet();
    }

    /** Reads the stored state on the blocking executor, then activates the room on its thread. */
    void load() {
        CompletableFuture.supplyAsync(() -> rooms.store().load(name), rooms.blocking())
                .whenComplete((stored, failure) -> execute(() -> loaded(stored, failure)));
    }

    /** What the HTTP API shows of the document, read on the room's thread once the stored state is in. */
    CompletableFuture<DocumentView> view() {
        return read(document -> new DocumentView(name, document.encodeStateAsUpdate().length,
                document.encodeStateVector(), sessions.size() + waiting.size()));
    }

    /** Runs {@code reader} on the document on the room's thread once the stored state is in. */
    <T> CompletableFuture<T> read(Function<Doc, T> reader) {
        return loaded.thenComposeAsync(v -> state == State.ACTIVE
                ? CompletableFuture.completedFuture(reader.apply(doc))
                : CompletableFuture.failedFuture(new IllegalStateException("the document " + name + " was unloaded")),
                thread);
    }

    // The room's thread from here on.

    private void loaded(StoredDocument stored, Throwable failure) {
        if (state != State.LOADING) {
            return;
        }
        if (failure != null) {
            fail("could not load the document", failure);
            return;
        }
        try {
            for (byte[] update : stored.allUpdates()) {
                doc.applyUpdate(update);
            }
        } catch (UpdateException e) {
            fail("the stored document is corrupt", e);
            return;
        }
        snapshotBytes = stored.snapshot().map(snapshot -> (long) snapshot.length).orElse(0L);
        doc.onUpdate(this::applied);
        state = State.ACTIVE;
        rooms.metrics().documentLoaded();
        long period = Awareness.DEFAULT_TIMEOUT.toMillis() / 10;
        awarenessCheck = thread.scheduleAtFixedRate(this::expireAwareness, period, period, TimeUnit.MILLISECONDS);
        loaded.complete(null);
        for (Session session : waiting) {
            activate(session);
        }
        waiting.clear();
    }

    void join(Session session) {
        switch (state) {
            case LOADING -> waiting.add(session);
            case ACTIVE -> activate(session);
            case CLOSED -> session.close(UNLOADED);
        }
    }

    /** Sends the new connection the server's step 1 and the room's awareness, then what it sent meanwhile. */
    private void activate(Session session) {
        if (session.isClosed()) {
            return;
        }
        sessions.add(session);
        session.send(MessageWriter.write(new SyncStep1(doc.encodeStateVector())));
        if (!awareness.isEmpty()) {
            session.send(MessageWriter.write(new AwarenessMessage(awareness.encodeAll())));
        }
        List<SyncProtocolMessage> queued = session.queued;
        session.queued = null;
        session.queuedBytes = 0;
        handle(session, queued);
    }

    void received(Session session, List<SyncProtocolMessage> messages, int frameBytes) {
        if (session.isClosed() || state == State.CLOSED) {
            return;
        }
        if (session.queued != null) {
            session.queuedBytes += frameBytes;
            if (session.queuedBytes > rooms.maxQueuedBytesBeforeSync()) {
                session.close(new CloseReason(CloseReason.POLICY_VIOLATION,
                        "too much sent before the document was loaded"));
                return;
            }
            session.queued.addAll(messages);
            return;
        }
        handle(session, messages);
    }

    private void handle(Session session, List<SyncProtocolMessage> messages) {
        for (SyncProtocolMessage message : messages) {
            if (session.isClosed() || state != State.ACTIVE) {
                return;
            }
            switch (message) {
                case SyncStep1 step1 -> answerStep1(session, step1.stateVector());
                case SyncStep2 step2 -> apply(session, step2.update());
                case SyncUpdate update -> apply(session, update.update());
                case AwarenessMessage m -> applyAwareness(session, m.awarenessUpdate());
                case QueryAwareness q -> session.send(MessageWriter.write(new AwarenessMessage(awareness.encodeAll())));
                case AuthPermissionDenied denied -> log.debug("{} sent a permission-denied message; ignored", session);
            }
        }
    }

    /**
     * Answers with what the client lacks, once every update that answer may hold is committed; never if one of
     * them fails to commit (the room then fails, and its clients resync against what storage has).
     */
    private void answerStep1(Session session, byte[] stateVector) {
        byte[] reply;
        try {
            reply = MessageWriter.write(new SyncStep2(doc.encodeStateAsUpdate(stateVector)));
        } catch (UpdateException | DecodingException e) {
            session.close(new CloseReason(CloseReason.INVALID_PAYLOAD, "malformed state vector: " + e.getMessage()));
            return;
        }
        // At once if the last append is committed already; else on this thread, after its commit (commits are
        // reported in order, so every earlier one is in by then).
        lastCommit.whenComplete((v, failure) -> {
            if (failure == null) {
                session.send(reply);
            }
        });
    }

    private void apply(Session session, byte[] update) {
        if (!session.mayApply(update)) {
            return;
        }
        try {
            doc.applyUpdate(update, session);
        } catch (UpdateException e) {
            log.info("{}: an update could not be applied: {}", session, e.getMessage());
            session.close(new CloseReason(CloseReason.INVALID_PAYLOAD, "update rejected: " + e.getMessage()));
        }
    }

    /** The document's update listener: what a transaction changed goes to storage, then to the others. */
    private void applied(byte[] update, Object origin, Transaction txn) {
        Session from = origin instanceof Session session ? session : null;
        if (pendingWrites.incrementAndGet() > PAUSE_READING_ABOVE && from != null && paused.add(from)) {
            from.readMore(false);
        }
        // Storage reports on this thread, in commit order, a group commit's writes in one task: one turn.
        CompletableFuture<Void> commit = rooms.store().append(name, update, thread);
        lastCommit = commit;
        BiConsumer<Void, Throwable> whenCommitted = (v, failure) -> committed(update, from, failure);
        if (commit.isDone()) {
            // Refused at once (storage closing or overloaded): handled once the document's listener has returned.
            execute(() -> commit.whenComplete(whenCommitted));
        } else {
            commit.whenComplete(whenCommitted);
        }
    }

    private void committed(byte[] update, Session from, Throwable failure) {
        if (pendingWrites.decrementAndGet() < RESUME_READING_BELOW && !paused.isEmpty()) {
            paused.forEach(session -> session.readMore(true));
            paused.clear();
        }
        if (failure != null) {
            // The document now holds an update that is not stored: drop the room, so that clients reconnect
            // and resync against what storage has (they still hold their edits and send them again).
            fail("storing an update failed", failure);
            return;
        }
        rooms.metrics().updateStored(update.length);
        if (state == State.ACTIVE) {
            startBroadcast();
            turn.addUpdate(update, from);
        }
        bytesSinceCompaction += update.length;
        if (++appendsSinceCompaction >= compactAfterAppends && bytesSinceCompaction >= snapshotBytes / 2
                && !compacting) {
            compact();
        }
        rooms.touchIfIdle(this);
    }

    private void applyAwareness(Session session, byte[] awarenessUpdate) {
        AwarenessChange change;
        try {
            change = awareness.apply(awarenessUpdate);
        } catch (ProtocolException e) {
            session.close(CloseReason.of(e));
            return;
        }
        session.awarenessClients.addAll(change.added());
        session.awarenessClients.addAll(change.updated());
        change.removed().forEach(session.awarenessClients::remove);
        if (!change.isEmpty()) {
            // To every connection, the sender included, as y-websocket's server does: a lone client hears its
            // own renewals every 15 s, which keeps its provider from dropping a connection it thinks is silent.
            broadcastAwareness(change.update());
        }
    }

    private void expireAwareness() {
        if (state != State.ACTIVE) {
            return;
        }
        AwarenessChange change = awareness.expire();
        if (!change.isEmpty()) {
            broadcastAwareness(change.update());
        }
    }

    // Operations the registry hands in for other features (roles, comments, plugins), on the room's thread.

    /** Gives every connection of {@code subject} {@code access} (capped by its token), waiting ones included. */
    void changeAccess(String subject, Access access) {
        forEachSession(session -> {
            if (session.subject().equals(subject)) {
                session.changeAccess(access);
            }
        });
    }

    /** Closes every connection {@code which} selects, waiting ones included. */
    void closeSessions(Predicate<Session> which, CloseReason reason) {
        forEachSession(session -> {
            if (which.test(session)) {
                session.close(reason);
            }
        });
    }

    /** Sends {@code frame} to every synced connection that asked for {@code extension} and {@code audience} admits. */
    void publish(String extension, byte[] frame, Predicate<Grant> audience) {
        for (Session session : sessions) {
            if (session.wants(extension) && audience.test(session.grant())) {
                session.send(frame);
            }
        }
    }

    /** Who is connected, with the awareness states each connection sent. */
    List<Connection> connections() {
        Map<Long, String> states = awareness.states();
        List<Connection> connections = new ArrayList<>(sessions.size() + waiting.size());
        forEachSession(session -> {
            Map<Long, String> own = new LinkedHashMap<>();
            states.forEach((clientId, state) -> {
                if (session.awarenessClients.contains(clientId)) {
                    own.put(clientId, state);
                }
            });
            connections.add(new Connection(session.subject(), session.access(), own));
        });
        return connections;
    }

    /**
     * Runs {@code editor} on the document in one transaction with {@code origin}, once the stored state is in. The
     * update it makes goes the way of a client's: stored, then broadcast to every connection. Completes with the
     * editor's result once that update is committed. Yjs has no rollback: what an editor that throws changed
     * before it threw is kept (and stored and broadcast); the future then fails with its exception.
     */
    <T> CompletableFuture<T> edit(Object origin, Function<Doc, T> editor) {
        return loaded.thenComposeAsync(v -> {
            if (state != State.ACTIVE) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("the document " + name + " was unloaded"));
            }
            CompletableFuture<Void> before = lastCommit;
            T result;
            try (Transaction txn = doc.transact(origin)) {
                result = editor.apply(doc);
            } catch (RuntimeException e) {
                return lastCommit.handle((committed, failure) -> { throw e; });
            }
            return lastCommit == before ? CompletableFuture.completedFuture(result)
                    : lastCommit.thenApply(committed -> result);
        }, thread);
    }

    private void forEachSession(Consumer<Session> action) {
        List.copyOf(sessions).forEach(action);
        List.copyOf(waiting).forEach(action);
    }

    /** A connection closed: its awareness states are removed and the removal broadcast. */
    void leave(Session session) {
        waiting.remove(session);
        paused.remove(session);
        if (sessions.remove(session) && !session.awarenessClients.isEmpty() && state == State.ACTIVE) {
            AwarenessChange change = awareness.remove(session.awarenessClients);
            if (!change.isEmpty()) {
                broadcastAwareness(change.update());
            }
        }
        rooms.left(this);
    }

    /** Called by the registry when a holder lets go; any thread. */
    void release() {
        users.decrementAndGet();
    }

    /** Queues an awareness update for every connection, the sender included; it leaves at the end of the turn. */
    private void broadcastAwareness(byte[] awarenessUpdate) {
        startBroadcast();
        turn.addAwareness(MessageWriter.write(new AwarenessMessage(awarenessUpdate)));
    }

    /** Sends the turn's broadcasts when the turn ends: a task queued behind the turn's other tasks. */
    private void startBroadcast() {
        if (turn.isEmpty()) {
            execute(() -> turn.sendTo(sessions));
        }
    }

    private void compact() {
        compacting = true;
        appendsSinceCompaction = 0;
        bytesSinceCompaction = 0;
        compactAfterAppends = drawCompactionThreshold();
        rooms.compact(name).whenComplete((result, failure) -> execute(() -> {
            compacting = false;
            if (result != null) {
                snapshotBytes = result.bytesAfter();
            }
        }));
    }

    private static int drawCompactionThreshold() {
        return COMPACT_AFTER_APPENDS + ThreadLocalRandom.current().nextInt(COMPACT_AFTER_APPENDS);
    }

    /**
     * Removed from the registry: evicted ({@code evicted}: nobody holds the room), or unloaded on purpose
     * ({@link Rooms#closeAll}), when a connection that joined meanwhile is closed like one that finds the room
     * closed. Folds its log into a snapshot on the way out.
     */
    void unload(boolean evicted) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasActive = close(UNLOADED);
        if (wasActive) {
            rooms.metrics().documentUnloaded(evicted);
            if (appendsSinceCompaction > 0 && !compacting) {
                rooms.compact(name);
            }
        }
    }

    /** Server shutdown, from any thread: {@link #shutdown()} on the room's thread. */
    CompletableFuture<Void> shutdownOnItsThread() {
        CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
        return onItsThread(this::shutdown, stopped).thenCompose(drained -> drained);
    }

    /** Server shutdown: closes every connection; completes once every accepted update is committed. */
    private CompletableFuture<Void> shutdown() {
        if (close(CloseReason.SHUTTING_DOWN)) {
            rooms.metrics().documentUnloaded(false);
        }
        return lastCommit.handle((v, failure) -> null);
    }

    private void fail(String what, Throwable cause) {
        log.error("room {}: {}; closing its connections", name, what, cause);
        boolean wasActive = close(new CloseReason(CloseReason.INTERNAL_ERROR, what));
        if (wasActive) {
            rooms.metrics().documentUnloaded(false);
        }
        rooms.forget(this);
    }

    /** Moves to CLOSED and closes every connection; returns whether the room had been active. */
    private boolean close(CloseReason reason) {
        boolean wasActive = state == State.ACTIVE;
        closing = true;
        state = State.CLOSED;
        if (awarenessCheck != null) {
            awarenessCheck.cancel(false);
        }
        loaded.completeExceptionally(new IllegalStateException("the document " + name + " was closed"));
        for (Session session : sessions) {
            session.close(reason);
        }
        for (Session session : waiting) {
            session.close(reason);
        }
        sessions.clear();
        waiting.clear();
        paused.clear();
        doc.destroy();
        return wasActive;
    }

    @Override
    public String toString() {
        return "Room[" + name + "]";
    }
}
