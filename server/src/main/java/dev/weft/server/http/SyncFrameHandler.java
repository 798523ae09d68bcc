package dev.weft.server.http;

import dev.weft.server.metrics.ServerMetrics;
import dev.weft.server.sync.Admission;
import dev.weft.server.sync.CloseReason;
import dev.weft.server.sync.Rooms;
import dev.weft.server.sync.Session;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Weft's frame handler: the thin adapter between a WebSocket channel and its sync {@link Session}. It opens the
 * session when the handshake completes, hands it every binary frame, and tells it when the channel closes. A
 * connection outlives the check of its token at the upgrade only until the token expires: it is then closed with
 * {@link CloseReason#EXPIRED}.
 */
final class SyncFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** The query parameter naming an extension a client asks for, once per extension. */
    static final String EXTENSION_PARAMETER = "ext";

    private final Rooms rooms;
    private final String document;
    private final Admission admission;
    private final long maxUnsentBytes;
    private final ServerMetrics metrics;
    private ChannelOutbox outbox;
    private Session session;
    /** Closes the connection when its token expires. */
    private ScheduledFuture<?> expiry;

    /** A connection as admitted, with the access the document's roles decided (never more than the token grants). */
    SyncFrameHandler(Rooms rooms, String document, Admission admission, long maxUnsentBytes, ServerMetrics metrics) {
        this.rooms = rooms;
        this.document = document;
        this.admission = admission;
        this.maxUnsentBytes = maxUnsentBytes;
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete handshake) {
            outbox = new ChannelOutbox(ctx.channel(), maxUnsentBytes, metrics);
            try {
                session = rooms.connect(document, admission, extensions(handshake.requestUri()), outbox,
                        ctx.channel().eventLoop());
            } catch (IllegalStateException e) {
                outbox.close(CloseReason.SHUTTING_DOWN);
                return;
            }
            admission.grant().expires().ifPresent(expires -> expiry = ctx.executor().schedule(
                    () -> outbox.close(CloseReason.EXPIRED),
                    Math.max(0, Duration.between(Instant.now(), expires).toMillis()), TimeUnit.MILLISECONDS));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /**
     * The Weft extension messages the client asked for: {@code ?ext=comments&ext=notifications}, or
     * {@code ?ext=comments,notifications} (y-websocket's {@code params} hold one value per key).
     */
    static Set<String> extensions(String uri) {
        List<String> asked = new QueryStringDecoder(uri).parameters().get(EXTENSION_PARAMETER);
        if (asked == null) {
            return Set.of();
        }
        return asked.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null) {
            return;
        }
        if (frame instanceof BinaryWebSocketFrame) {
            session.receive(ByteBufUtil.getBytes(frame.content()));
        } else {
            outbox.close(new CloseReason(CloseReason.UNSUPPORTED_DATA, "y-websocket messages are binary frames"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (session != null) {
            session.closed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        WebSocketFailures.handle(ctx, cause, reason -> close(ctx, reason));
    }

    private void close(ChannelHandlerContext ctx, CloseReason reason) {
        if (outbox != null) {
            outbox.close(reason);
        } else {
            ctx.close();
        }
    }
}
