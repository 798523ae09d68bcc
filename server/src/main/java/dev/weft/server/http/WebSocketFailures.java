package dev.weft.server.http;

import dev.weft.server.sync.CloseReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every WebSocket endpoint (sync, signalling) answers an exception from its pipeline: in one place. */
public final class WebSocketFailures {
    private static final Logger log = LoggerFactory.getLogger(WebSocketFailures.class);

    private WebSocketFailures() {
    }

    /**
     * Closes the connection as {@code cause} calls for, through {@code close} when a close frame with a reason is
     * due: 1009 for a message assembled beyond the limit, 1011 for anything unexpected (logged as a warning); a
     * corrupted frame (which the WebSocket decoder answers itself), a write after close or a vanished client only
     * need a log line.
     */
    public static void handle(ChannelHandlerContext ctx, Throwable cause, Consumer<CloseReason> close) {
        switch (cause) {
            // A message assembled from continuation frames beyond the limit (a single frame beyond it is
            // refused with 1009 by the WebSocket decoder itself, which also reports it as corrupted below).
            case TooLongFrameException e -> close.accept(new CloseReason(CloseReason.MESSAGE_TOO_BIG, "message too big"));
            case CorruptedFrameException e -> log.debug("{}: {}", ctx.channel().remoteAddress(), e.getMessage());
            // A write to a connection closed meanwhile, or the client went away: nothing left to close.
            case ClosedChannelException e -> log.trace("{}: write after close", ctx.channel().remoteAddress());
            case IOException e -> {
                log.debug("{}: {}", ctx.channel().remoteAddress(), e.getMessage());
                ctx.close();
            }
            default -> {
                log.warn("{}: closing the connection after an unexpected error", ctx.channel().remoteAddress(), cause);
                close.accept(new CloseReason(CloseReason.INTERNAL_ERROR, "internal error"));
            }
        }
    }
}
