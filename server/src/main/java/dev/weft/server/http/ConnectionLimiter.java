package dev.weft.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the open connections. One instance counts for the whole server; a connection over the cap is answered
 * 503 on its first request and closed, so that clients see why (y-websocket then retries with backoff).
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> OVER_LIMIT = AttributeKey.valueOf(ConnectionLimiter.class, "overLimit");

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimiter(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > maxConnections) {
            ctx.channel().attr(OVER_LIMIT).set(true);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest request && Boolean.TRUE.equals(ctx.channel().attr(OVER_LIMIT).get())) {
            request.release();
            HttpResponses.sendAndClose(ctx, HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too_many_connections", "the server holds as many connections as it allows; retry later"));
            return;
        }
        super.channelRead(ctx, msg);
    }
}
