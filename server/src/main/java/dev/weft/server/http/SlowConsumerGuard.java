package dev.weft.server.http;

import dev.weft.server.metrics.ServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that stays unwritable (more unsent bytes than the write buffer's high watermark) for
 * longer than a timeout: a client that stopped reading is dropped rather than buffered for. It resyncs when it
 * reconnects.
 */
final class SlowConsumerGuard extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SlowConsumerGuard.class);

    private final Duration timeout;
    private final ServerMetrics metrics;
    private ScheduledFuture<?> deadline;

    SlowConsumerGuard(Duration timeout, ServerMetrics metrics) {
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            if (deadline == null) {
                deadline = ctx.executor().schedule(() -> closeIfStillUnwritable(ctx), timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        } else {
            cancel();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void closeIfStillUnwritable(ChannelHandlerContext ctx) {
        deadline = null;
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            log.info("{}: closing a connection unwritable for {}", ctx.channel().remoteAddress(), timeout);
            metrics.slowConsumerClosed();
            ctx.close();
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
