package dev.weft.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EventSink} over one HTTP/1.1 connection: a chunked {@code text/event-stream} response whose chunks are
 * the events. Channel writes are thread-safe and keep their order, so events are written from whichever thread
 * sends them. The connection's HTTP idle handler is removed: the heartbeat keeps it busy instead.
 */
final class ChannelEventSink implements EventSink {
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    /** Tells an EventSource how long to wait before reconnecting, and opens the stream at once for proxies. */
    private static final String PREAMBLE = "retry: 2000\n\n";

    private final Channel channel;
    private final ScheduledFuture<?> heartbeat;

    private ChannelEventSink(Channel channel) {
        this.channel = channel;
        this.heartbeat = channel.eventLoop().scheduleAtFixedRate(this::beat, EventStream.HEARTBEAT_SECONDS,
                EventStream.HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(closed -> heartbeat.cancel(false));
    }

    /** Writes the response's headers and returns the open sink. */
    static ChannelEventSink open(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(WeftChannelInitializer.HTTP_IDLE) != null) {
            ctx.pipeline().remove(WeftChannelInitializer.HTTP_IDLE);
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("X-Accel-Buffering", "no")
                .set("X-Content-Type-Options", "nosniff");
        HttpUtil.setTransferEncodingChunked(response, true);
        // The stream ends with the connection: nothing pipelined behind it is answered (OneRequestAtATime).
        HttpUtil.setKeepAlive(response, false);
        ctx.write(response);
        ChannelEventSink sink = new ChannelEventSink(ctx.channel());
        sink.write(PREAMBLE.getBytes(StandardCharsets.UTF_8));
        return sink;
    }

    @Override
    public boolean send(ServerSentEvent event) {
        if (!channel.isActive()) {
            return false;
        }
        if (!channel.isWritable()) {
            close();
            return false;
        }
        write(event.format().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    @Override
    public void onClose(Runnable action) {
        channel.closeFuture().addListener(closed -> action.run());
    }

    /**
     * Ends the stream: its last chunk, then the connection's close, or the close at once if the client has stopped
     * reading (the last chunk would wait behind what it has not read, and the connection with it).
     */
    @Override
    public void close() {
        if (!channel.isWritable()) {
            channel.close();
        } else {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A heartbeat, or the end of a stream whose client is more than the high watermark behind. */
    private void beat() {
        if (channel.isWritable()) {
            write(HEARTBEAT);
        } else {
            close();
        }
    }

    private void write(byte[] bytes) {
        channel.writeAndFlush(new DefaultHttpContent(channel.alloc().buffer(bytes.length).writeBytes(bytes)))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
}
