package dev.weft.server.config;

import java.time.Duration;

/**
 * What one client may cost the server. Every bound that protects the server from a client (a huge frame, a
 * socket that stops reading, a flood before the document has loaded, too many sockets) is here, in one place.
 *
 * @param maxConnections open TCP connections at most; further ones are answered 503 and closed
 * @param maxFrameBytes the largest WebSocket message accepted; a larger one closes the connection with 1009
 * @param maxHttpRequestBytes the largest HTTP request (headers aside) accepted; a larger one is answered 413
 * @param writeBufferLowBytes below this many unsent bytes a connection is writable again
 * @param writeBufferHighBytes above this many unsent bytes a connection is unwritable: a client that stops
 *     reading is closed when its connection stays unwritable for {@code unwritableTimeout}, or at once when a
 *     message is due while more than twice this is unsent
 * @param unwritableTimeout how long a connection may stay unwritable, and the longest a close frame may take to be sent
 * @param maxQueuedBytesBeforeSync what a connection may send before its document has loaded; more closes it
 * @param pingInterval a WebSocket ping after this long without a message from the client (however much it is
 *     sent)
 * @param pongTimeout a connection that has sent nothing (not even a pong) for this long is closed
 * @param httpIdleTimeout an HTTP connection idle this long is closed
 */
public record Limits(
        int maxConnections,
        int maxFrameBytes,
        int maxHttpRequestBytes,
        int writeBufferLowBytes,
        int writeBufferHighBytes,
        Duration unwritableTimeout,
        int maxQueuedBytesBeforeSync,
        Duration pingInterval,
        Duration pongTimeout,
        Duration httpIdleTimeout) {

    public static final Limits DEFAULTS = new Limits(
            10_000,
            16 * 1024 * 1024,
            64 * 1024,
            256 * 1024,
            1024 * 1024,
            Duration.ofSeconds(10),
            16 * 1024 * 1024,
            Duration.ofSeconds(30),
            Duration.ofSeconds(75),
            Duration.ofSeconds(60));

    public Limits {
        positive("maxConnections", maxConnections);
        positive("maxFrameBytes", maxFrameBytes);
        positive("maxHttpRequestBytes", maxHttpRequestBytes);
        positive("writeBufferLowBytes", writeBufferLowBytes);
        if (writeBufferHighBytes < writeBufferLowBytes) {
            throw new IllegalArgumentException("the write buffer's high watermark (" + writeBufferHighBytes
                    + ") is below its low watermark (" + writeBufferLowBytes + ")");
        }
        positive("maxQueuedBytesBeforeSync", maxQueuedBytesBeforeSync);
        positive("unwritableTimeout", unwritableTimeout);
        positive("pingInterval", pingInterval);
        positive("pongTimeout", pongTimeout);
        positive("httpIdleTimeout", httpIdleTimeout);
        if (pongTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("the pong timeout (" + pongTimeout
                    + ") must be longer than the ping interval (" + pingInterval + ")");
        }
    }

    /**
     * What a client may leave unsent on the server: the next message due past it closes the connection at once (so
     * at most this and one message wait).
     */
    public long maxUnsentBytes() {
        return 2L * writeBufferHighBytes;
    }

    public Limits withMaxConnections(int value) {
        return new Limits(value, maxFrameBytes, maxHttpRequestBytes, writeBufferLowBytes, writeBufferHighBytes,
                unwritableTimeout, maxQueuedBytesBeforeSync, pingInterval, pongTimeout, httpIdleTimeout);
    }

    public Limits withMaxFrameBytes(int value) {
        return new Limits(maxConnections, value, maxHttpRequestBytes, writeBufferLowBytes, writeBufferHighBytes,
                unwritableTimeout, maxQueuedBytesBeforeSync, pingInterval, pongTimeout, httpIdleTimeout);
    }

    public Limits withWriteBuffer(int lowBytes, int highBytes, Duration unwritable) {
        return new Limits(maxConnections, maxFrameBytes, maxHttpRequestBytes, lowBytes, highBytes, unwritable,
                maxQueuedBytesBeforeSync, pingInterval, pongTimeout, httpIdleTimeout);
    }

    public Limits withMaxQueuedBytesBeforeSync(int value) {
        return new Limits(maxConnections, maxFrameBytes, maxHttpRequestBytes, writeBufferLowBytes,
                writeBufferHighBytes, unwritableTimeout, value, pingInterval, pongTimeout, httpIdleTimeout);
    }

    public Limits withKeepalive(Duration ping, Duration pong) {
        return new Limits(maxConnections, maxFrameBytes, maxHttpRequestBytes, writeBufferLowBytes,
                writeBufferHighBytes, unwritableTimeout, maxQueuedBytesBeforeSync, ping, pong, httpIdleTimeout);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
