package dev.weft.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket keepalive on the idle events before it: a ping each time the client has sent nothing for the ping
 * interval ({@link #pingWhenQuiet}), however much it is sent (a client that only listens is pinged too), and a close
 * when it has sent nothing, not even a pong, for the pong timeout ({@link #closeWhenSilent}).
 */
final class Keepalive extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Keepalive.class);

    /** Reader-idle events after {@code pingInterval} of silence, and again each one after. */
    static IdleStateHandler pingWhenQuiet(Duration pingInterval) {
        return new IdleStateHandler(pingInterval.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    /** Closes the connection after {@code pongTimeout} of silence. */
    static ReadTimeoutHandler closeWhenSilent(Duration pongTimeout) {
        return new ReadTimeoutHandler(pongTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            ctx.writeAndFlush(new PingWebSocketFrame());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof ReadTimeoutException) {
            // ReadTimeoutHandler closes the connection itself.
            log.debug("{}: silent for the pong timeout; closed", ctx.channel().remoteAddress());
            return;
        }
        super.exceptionCaught(ctx, cause);
    }
}
