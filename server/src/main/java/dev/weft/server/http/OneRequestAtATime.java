package dev.weft.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Keeps a connection's responses in the order of its requests, as HTTP/1.1 requires of a client that pipelines
 * (sends its next requests before the first is answered): the API and static files answer on other threads, each
 * in its own time, and a quick answer would otherwise overtake a slow one. So one request is handed on at a time;
 * the parts of the ones behind it wait here (and the connection is not read on its own meanwhile) until its
 * response has ended, and none is handed on after a response that closes the connection. It sits right after the
 * HTTP codec, before the aggregator, so that the aggregator's own answers (413 for a request too large, say) come
 * in order too; an interim 100 Continue does not end a response. An event stream's response ends only with the
 * stream. Removed at a WebSocket upgrade, whose frames need none of this.
 */
final class OneRequestAtATime extends ChannelDuplexHandler {
    /** The parts of the requests not handed on yet, in the order they came. */
    private final Queue<HttpObject> waiting = new ArrayDeque<>();
    /** A request was handed on and its response has not ended yet. */
    private boolean answering;
    /** The request still arriving waits: its content goes to {@link #waiting} too. */
    private boolean arrivingWaits;
    /** The response being written is an interim one (1xx): its end is not the request's. */
    private boolean interim;
    /** The response being written closes the connection. */
    private boolean closesConnection;
    /** This handler stopped reading the connection, and starts it again. */
    private boolean stoppedReading;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            arrivingWaits = answering || !waiting.isEmpty();
        } else if (!(message instanceof HttpContent)) {
            ctx.fireChannelRead(message);
            return;
        }
        if (arrivingWaits) {
            waiting.add((HttpObject) message);
            if (!stoppedReading) {
                stoppedReading = true;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        if (message instanceof HttpRequest) {
            answering = true;
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response) {
            interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            closesConnection = !HttpUtil.isKeepAlive(response);
        }
        boolean ends = message instanceof LastHttpContent && !interim; // a whole response, or a streamed one's end
        ctx.write(message, promise);
        if (ends && answering) {
            answering = false;
            if (closesConnection) {
                releaseWaiting();
            } else if (!waiting.isEmpty() || stoppedReading) {
                // After this write has gone on its way, not inside it: the next request's handler may write at once.
                ctx.executor().execute(() -> handOnNext(ctx));
            }
        }
    }

    /** Hands on the next waiting request, as much of it as has come; reads again once none waits. */
    private void handOnNext(ChannelHandlerContext ctx) {
        if (answering || ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        if (waiting.isEmpty()) {
            resumeReading(ctx);
            return;
        }
        answering = true;
        HttpObject part;
        do {
            part = waiting.poll();
            ctx.fireChannelRead(part);
        } while (!(part instanceof LastHttpContent) && !waiting.isEmpty());
        if (!(part instanceof LastHttpContent)) {
            arrivingWaits = false; // the rest of this request goes straight on as it comes
        }
    }

    private void resumeReading(ChannelHandlerContext ctx) {
        if (stoppedReading) {
            stoppedReading = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
        resumeReading(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    private void releaseWaiting() {
        for (HttpObject part; (part = waiting.poll()) != null; ) {
            ReferenceCountUtil.release(part);
        }
    }
}
