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
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's outgoing messages onto its WebSocket channel, one binary frame each. Called from the room's thread;
 * Netty hands the write to the channel's event loop.
 *
 * <p>A broadcast hands every connection the same array, wrapped here without copying. What a connection has not
 * sent yet is bounded: a message that would take it past {@code maxUnsentBytes} closes the connection instead of
 * queueing (the client resyncs when it reconnects, so nothing is silently lost); the {@link SlowConsumerGuard}
 * closes it earlier if it stays unwritable.
 */
final class ChannelOutbox implements Outbox {
    private static final Logger log = LoggerFactory.getLogger(ChannelOutbox.class);

    private final Channel channel;
    private final long maxUnsentBytes;
    private final ServerMetrics metrics;
    /** Set when the connection is dropped for not reading, so that it is dropped (and counted) once. */
    private final AtomicBoolean abandoned = new AtomicBoolean();

    ChannelOutbox(Channel channel, long maxUnsentBytes, ServerMetrics metrics) {
        this.channel = channel;
        this.maxUnsentBytes = maxUnsentBytes;
        this.metrics = metrics;
    }

    @Override
    public void send(byte[] message) {
        if (!channel.isActive() || abandoned.get()) {
            return;
        }
        long unsent = unsentBytes(channel);
        if (unsent + message.length > maxUnsentBytes) {
            if (abandoned.compareAndSet(false, true)) {
                log.info("{}: closing a connection that does not read what it is sent ({} bytes unsent)",
                        channel.remoteAddress(), unsent);
                metrics.slowConsumerClosed();
                channel.close();
            }
            return;
        }
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)), channel.voidPromise());
        metrics.messagesSent(1);
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
