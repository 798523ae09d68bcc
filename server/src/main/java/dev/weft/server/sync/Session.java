package dev.weft.server.sync;

import dev.weft.protocol.MessageReader;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.ProtocolException;
import dev.weft.protocol.SyncProtocolMessage;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.server.auth.Access;
import dev.weft.server.auth.Grant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One client's connection to one document, free of any transport: what the Netty adapter hands received frames
 * to ({@link #receive}) and tells about the close ({@link #closed}), and what the room sends through
 * ({@link Outbox}).
 *
 * <p>Frames are decoded on the transport's thread; what they hold is handed to the room's thread, which owns
 * everything else about the session, including the check of edits against the connection's access (which the
 * room may change while the connection is open).
 */
public final class Session {
    /** An update that adds and deletes nothing: what an empty document answers a sync step 1 with. */
    private static final byte[] EMPTY_UPDATE = {0, 0};

    private final Room room;
    private final Grant grant;
    private final Set<String> extensions;
    private final Outbox outbox;
    /** The transport reported the close. */
    private volatile boolean closed;
    /**
     * The server closed the connection (revoked, malformed, ...): from then on nothing it sends is handled and
     * nothing more is sent to it, though its transport may report the close much later (a client that does not
     * read holds the close frame up).
     */
    private volatile boolean closing;

    // The room's thread only.
    /** What the connection may do now: its token's access, or less if the document's roles say so. */
    private Access access;
    /** The awareness client ids this connection has sent states for: removed when it closes. */
    final Set<Long> awarenessClients = new HashSet<>(4);
    /** Messages received before the document loaded, in order; null once they are handled. */
    List<SyncProtocolMessage> queued = new ArrayList<>(4);
    long queuedBytes;

    Session(Room room, Grant grant, Access access, Set<String> extensions, Outbox outbox) {
        this.room = room;
        this.grant = grant;
        this.access = least(access, grant.access());
        this.extensions = Set.copyOf(extensions);
        this.outbox = outbox;
    }

    /**
     * One binary frame from the client. A frame that is not y-websocket protocol closes the connection; edits
     * the connection's access does not allow are answered with a permission-denied message and dropped (by the
     * room).
     */
    public void receive(byte[] frame) {
        if (isClosed()) {
            return;
        }
        List<SyncProtocolMessage> messages;
        try {
            messages = MessageReader.readAll(frame);
        } catch (ProtocolException e) {
            close(CloseReason.of(e));
            return;
        }
        room.execute(() -> room.received(this, messages, frame.length));
    }

    /** The transport reports that the connection is closed, whoever closed it. Idempotent. */
    public void closed() {
        if (!closed) {
            closed = true;
            room.execute(() -> room.leave(this));
        }
    }

    /** Closed by either side: its messages are no longer handled, and nothing more is sent to it. */
    boolean isClosed() {
        return closed || closing;
    }

    Grant grant() {
        return grant;
    }

    String subject() {
        return grant.subject();
    }

    Access access() {
        return access;
    }

    /** Gives the connection {@code newAccess}, never more than its token grants. */
    void changeAccess(Access newAccess) {
        access = least(newAccess, grant.access());
    }

    boolean wants(String extension) {
        return extensions.contains(extension);
    }

    /**
     * Whether the connection may apply {@code update}; if not, and the update changes anything, the client is
     * told with a permission-denied message. y-websocket answers the server's step 1 with its whole state: an
     * empty one changes nothing and is dropped silently.
     */
    boolean mayApply(byte[] update) {
        if (access.canEdit()) {
            return true;
        }
        if (!Arrays.equals(update, EMPTY_UPDATE)) {
            send(MessageWriter.write(new AuthPermissionDenied(
                    "permission denied: a " + access.claim() + " connection cannot edit " + room.name())));
        }
        return false;
    }

    void send(byte[] message) {
        if (!isClosed()) {
            outbox.send(message);
        }
    }

    void send(List<byte[]> messages) {
        if (!isClosed()) {
            outbox.send(messages);
        }
    }

    void close(CloseReason reason) {
        closing = true;
        outbox.close(reason);
    }

    void readMore(boolean reading) {
        outbox.readMore(reading);
    }

    /** The lesser of two accesses: what a connection gets when its token and the document's roles both apply. */
    private static Access least(Access a, Access b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    @Override
    public String toString() {
        return "Session[" + room.name() + ", " + grant.subject() + "]";
    }
}
