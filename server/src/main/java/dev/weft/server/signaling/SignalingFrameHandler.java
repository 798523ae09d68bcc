package dev.weft.server.signaling;

import dev.weft.server.http.WebSocketFailures;
import dev.weft.server.sync.CloseReason;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

/**
 * The thin adapter between a WebSocket channel and its {@link SignalingConnection}: opened when the handshake
 * completes, handed every message, told when the channel closes. Text frames carry the JSON; binary frames are
 * read as UTF-8 JSON too, as y-webrtc's own server reads them.
 */
final class SignalingFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
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
        WebSocketFailures.handle(ctx, cause, reason -> close(ctx, reason));
    }

    private static void close(ChannelHandlerContext ctx, CloseReason reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(reason.code(), reason.reason()))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
