package dev.weft.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Keeps a connection's responses in the order of its requests, as HTTP/1.1 requires of a client that pipelines
 * (sends its next requests before the first is answered): the API and static files answer on other threads, each
 * in its own time, and a quick answer would otherwise overtake a slow one. So one request is handed on at a time;
 * the ones behind it wait here, with the connection no longer read, until its response has ended. An event stream's
 * response ends only with the stream. Removed at a WebSocket upgrade, whose frames need none of this.
 */
final class OneRequestAtATime extends ChannelDuplexHandler {
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    /** A request was handed on and its response has not ended yet. */
    private boolean answering;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(message);
        } else if (answering) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
        } else {
            answering = true;
            ctx.fireChannelRead(request);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        boolean ends = message instanceof LastHttpContent; // a whole response, or a streamed one's last chunk
        ctx.write(message, promise);
        if (ends && answering) {
            answering = false;
            // After this write has gone on its way, not inside it: the next request's handler may write at once.
            ctx.executor().execute(() -> handOnNext(ctx));
        }
    }

    private void handOnNext(ChannelHandlerContext ctx) {
        if (answering || ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        FullHttpRequest next = waiting.poll();
        if (next == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        answering = true;
        ctx.fireChannelRead(next);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    private void releaseWaiting() {
        for (FullHttpRequest request; (request = waiting.poll()) != null; ) {
            request.release();
        }
    }
}
