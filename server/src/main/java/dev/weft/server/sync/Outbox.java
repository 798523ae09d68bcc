package dev.weft.server.sync;

import java.util.List;

/**
 * The transport's side of one connection, as the sync core sees it: where the session's outgoing messages go.
 * The Netty adapter implements it over a WebSocket channel; nothing in the core knows sockets.
 *
 * <p>Every method may be called from any thread and must not block. A broadcast hands every connection the same
 * array: implementations must not modify it.
 */
public interface Outbox {

    /** Sends one encoded message (one WebSocket frame); dropped if the connection is closing. */
    void send(byte[] message);

    /**
     * Sends several encoded messages in order, one WebSocket frame each, handed to the socket together (one flush).
     * The list is not modified and may be shared by several connections.
     */
    void send(List<byte[]> messages);

    /** Closes the connection with a close code and reason; the transport then reports the close. */
    void close(CloseReason reason);

    /**
     * Stops or resumes reading from the connection: backpressure, while storage catches up with what the
     * connection's document has to write. Messages already received are still delivered.
     */
    void readMore(boolean reading);
}
