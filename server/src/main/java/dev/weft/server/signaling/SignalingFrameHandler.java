package dev.weft.server.signaling;

import dev.weft.server.sync.CloseReason;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin adapter between a WebSocket channel and its {@link SignalingConnection}: opened when the handshake
 * completes, handed every message, told when the channel closes. Text frames carry the JSON; binary frames are
 * read as UTF-8 JSON too, as y-webrtc's own server reads them.
 */
final class SignalingFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(SignalingFrameHandler.class);

    private final Signaling signaling;
    private final TopicAccess access;
    private SignalingConnection connection;

    SignalingFrameHandler(Signaling signaling, TopicAccess access) {
        this.signaling = signaling;
        this.access = access;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete) {
            connection = signaling.open(ctx.channel(), access);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (connection != null && (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)) {
            connection.receive(ByteBufUtil.getBytes(frame.content()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            signaling.closed(connection);
            connection = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        switch (cause) {
            // A message assembled from continuation frames beyond the limit; a single frame beyond it is refused
            // with 1009 by the WebSocket decoder, which reports it as corrupted below.
            case TooLongFrameException e -> close(ctx, new CloseReason(CloseReason.MESSAGE_TOO_BIG, "message too big"));
            case CorruptedFrameException e -> log.debug("{}: {}", ctx.channel().remoteAddress(), e.getMessage());
            case ClosedChannelException e -> log.trace("{}: write after close", ctx.channel().remoteAddress());
            case IOException e -> {
                log.debug("{}: {}", ctx.channel().remoteAddress(), e.getMessage());
                ctx.close();
            }
            default -> {
                log.warn("{}: closing a signalling connection after an unexpected error",
                        ctx.channel().remoteAddress(), cause);
                close(ctx, new CloseReason(CloseReason.INTERNAL_ERROR, "internal error"));
            }
        }
    }

    private static void close(ChannelHandlerContext ctx, CloseReason reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(reason.code(), reason.reason()))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
