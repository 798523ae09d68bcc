package dev.weft.server.http;

import dev.weft.server.metrics.ServerMetrics;
import dev.weft.server.sync.CloseReason;
import dev.weft.server.sync.Outbox;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's outgoing messages onto its WebSocket channel, one binary frame each. Called from the room's thread,
 * which is the channel's event loop or another one.
 *
 * <p>A broadcast hands every connection the same array, wrapped here without copying. Several messages sent
 * together are written with one flush (and, from another thread, one wakeup of the channel's event loop), so a
 * room that broadcasts a batch costs each connection one syscall, not one per message. What a connection has not
 * sent yet is bounded: once more than {@code maxUnsentBytes} wait, the next message closes the connection instead of
 * queueing (the client resyncs when it reconnects, so nothing is silently lost), so at most the bound and one
 * message wait; the {@link SlowConsumerGuard} closes it earlier if it stays unwritable.
 */
final class ChannelOutbox implements Outbox {
    private static final Logger log = LoggerFactory.getLogger(ChannelOutbox.class);

    private final Channel channel;
    private final long maxUnsentBytes;
    private final ServerMetrics metrics;
    /** Set when the connection is dropped for not reading, so that it is dropped (and counted) once. */
    private volatile boolean abandoned;

    ChannelOutbox(Channel channel, long maxUnsentBytes, ServerMetrics metrics) {
        this.channel = channel;
        this.maxUnsentBytes = maxUnsentBytes;
        this.metrics = metrics;
    }

    @Override
    public void send(byte[] message) {
        send(List.of(message));
    }

    @Override
    public void send(List<byte[]> messages) {
        if (!channel.isActive() || abandoned) {
            return;
        }
        // From another thread, Netty queues each write lazily (counted as unsent at once, no wakeup) and the flush
        // wakes the event loop: one wakeup and one flush for the batch.
        int written = 0;
        for (byte[] message : messages) {
            if (!admit()) {
                break;
            }
            channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)), channel.voidPromise());
            written++;
        }
        channel.flush();
        metrics.messagesSent(written);
    }

    /**
     * Whether one more message may be queued: while what is queued already is within the bound, so that a message
     * larger than the bound (the sync step 2 of a large document) still goes out to a client that reads. If not,
     * the connection is closed (once).
     */
    private boolean admit() {
        long unsent = unsentBytes(channel);
        if (unsent <= maxUnsentBytes) {
            return true;
        }
        synchronized (this) {
            if (!abandoned) {
                abandoned = true;
                log.info("{}: closing a connection that does not read what it is sent ({} bytes unsent)",
                        channel.remoteAddress(), unsent);
                metrics.slowConsumerClosed();
                channel.close();
            }
        }
        return false;
    }

    @Override
    public void close(CloseReason reason) {
        if (channel.isWritable()) {
            channel.writeAndFlush(new CloseWebSocketFrame(reason.code(), reason.reason()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    public void readMore(boolean reading) {
        channel.config().setAutoRead(reading);
    }

    /** Bytes written to the channel and not yet handed to the socket, writes queued from other threads included. */
    static long unsentBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
