package dev.weft.server.sync;

import dev.weft.protocol.MessageReader;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.ProtocolException;
import dev.weft.protocol.SyncProtocolMessage;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.auth.Access;
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
 * <p>Frames are decoded and checked against the connection's access on the transport's thread; what passes is
 * handed to the room's thread, which owns everything else about the session.
 */
public final class Session {
    /** An update that adds and deletes nothing: what an empty document answers a sync step 1 with. */
    private static final byte[] EMPTY_UPDATE = {0, 0};

    private final Room room;
    private final String subject;
    private final Access access;
    private final Outbox outbox;
    private final byte[] permissionDenied;
    private volatile boolean closed;

    // The room's thread only.
    /** The awareness client ids this connection has sent states for: removed when it closes. */
    final Set<Long> awarenessClients = new HashSet<>();
    /** Messages received before the document loaded, in order; null once they are handled. */
    List<SyncProtocolMessage> queued = new ArrayList<>();
    long queuedBytes;

    Session(Room room, String subject, Access access, Outbox outbox) {
        this.room = room;
        this.subject = subject;
        this.access = access;
        this.outbox = outbox;
        this.permissionDenied = MessageWriter.write(new AuthPermissionDenied(
                "permission denied: a " + access.claim() + " connection cannot edit " + room.name()));
    }

    /**
     * One binary frame from the client. A frame that is not y-websocket protocol closes the connection; edits
     * the connection's access does not allow are answered with a permission-denied message and dropped.
     */
    public void receive(byte[] frame) {
        if (closed) {
            return;
        }
        List<SyncProtocolMessage> messages;
        try {
            messages = MessageReader.readAll(frame);
        } catch (ProtocolException e) {
            close(CloseReason.of(e));
            return;
        }
        List<SyncProtocolMessage> permitted = access.canEdit() ? messages : withoutEdits(messages);
        if (!permitted.isEmpty()) {
            room.execute(() -> room.received(this, permitted, frame.length));
        }
    }

    /** The transport reports that the connection is closed, whoever closed it. Idempotent. */
    public void closed() {
        if (!closed) {
            closed = true;
            room.execute(() -> room.leave(this));
        }
    }

    boolean isClosed() {
        return closed;
    }

    void send(byte[] message) {
        if (!closed) {
            outbox.send(message);
        }
    }

    void close(CloseReason reason) {
        outbox.close(reason);
    }

    void readMore(boolean reading) {
        outbox.readMore(reading);
    }

    private List<SyncProtocolMessage> withoutEdits(List<SyncProtocolMessage> messages) {
        List<SyncProtocolMessage> permitted = new ArrayList<>(messages.size());
        for (SyncProtocolMessage message : messages) {
            byte[] update = switch (message) {
                case SyncStep2 step2 -> step2.update();
                case SyncUpdate u -> u.update();
                default -> null;
            };
            if (update == null) {
                permitted.add(message);
            } else if (!Arrays.equals(update, EMPTY_UPDATE)) {
                // y-websocket answers the server's step 1 with its whole state: an empty one changes nothing
                // and is dropped silently, anything else is an edit the client must be told was refused.
                outbox.send(permissionDenied);
            }
        }
        return permitted;
    }

    @Override
    public String toString() {
        return "Session[" + room.name() + ", " + subject + ", " + access.claim() + "]";
    }
}
