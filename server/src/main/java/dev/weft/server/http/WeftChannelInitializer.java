package dev.weft.server.http;

import dev.weft.server.sync.CloseReason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every connection, flat, one job per handler:
 *
 * <pre>
 * http          HttpServerCodec              HTTP/1.1 in and out (Netty swaps in WebSocket codecs at the upgrade)
 * in-order      OneRequestAtATime            pipelined requests answered in order (removed at the upgrade)
 * aggregator    HttpObjectAggregator         whole requests, capped (413 beyond)
 * limit         ConnectionLimiter            503 and close above the maximum number of connections
 * http-idle     IdleStateHandler             HTTP connections idle too long are closed (removed at the upgrade)
 * router        HttpRouter                   /healthz, /metrics, /api, static files; or the upgrade, which
 *                                            replaces it with:
 *   ws-timeout    ReadTimeoutHandler         connections silent for the pong timeout are closed
 *   ws-idle       IdleStateHandler           connections quiet for the ping interval are pinged (Keepalive)
 *   ws-protocol   WebSocketServerProtocolHandler  handshake, close and ping frames, max frame size (1009)
 *   keepalive     Keepalive
 *   ws-aggregator WebSocketFrameAggregator   fragmented messages, same cap
 *   slow-consumer SlowConsumerGuard          closes a connection that stays unwritable
 *   sync          SyncFrameHandler           frames to and from the document's sync session, or
 *   signaling     (Signaling's handler)      y-webrtc signalling on the signalling path
 * </pre>
 */
public final class WeftChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String HTTP_IDLE = "http-idle";
    static final String IN_ORDER = "in-order";
    static final String WS_TIMEOUT = "ws-timeout";
    static final String WS_IDLE = "ws-idle";
    static final String WS_PROTOCOL = "ws-protocol";
    static final String KEEPALIVE = "keepalive";
    static final String WS_AGGREGATOR = "ws-aggregator";
    static final String SLOW_CONSUMER = "slow-consumer";
    static final String SYNC = "sync";
    static final String SIGNALING = "signaling";

    private final HttpServices services;
    private final ChannelGroup channels;
    private final ConnectionLimiter limiter;
    private final StaticFiles staticFiles;

    /** @param channels every connection is added to it (and leaves it when closed), for shutdown and metrics */
    public WeftChannelInitializer(HttpServices services, ChannelGroup channels) {
        this.services = services;
        this.channels = channels;
        this.limiter = new ConnectionLimiter(services.limits().maxConnections());
        this.staticFiles = new StaticFiles(services.blocking());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast(IN_ORDER, new OneRequestAtATime());
        pipeline.addLast("aggregator", new HttpObjectAggregator(services.limits().maxHttpRequestBytes()));
        pipeline.addLast("limit", limiter);
        pipeline.addLast(HTTP_IDLE, new IdleStateHandler(0, 0,
                services.limits().httpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("router", new HttpRouter(services, staticFiles));
    }

    /**
     * Sends every WebSocket among {@code channels} a close frame with {@code reason} (one that has sent its own
     * already drops it), and waits until they are written, at most {@code wait}: closing a channel then closes
     * the socket without one, and a client that is told nothing cannot tell a shutdown from a network failure.
     */
    public static void sendClose(ChannelGroup channels, CloseReason reason, Duration wait) {
        channels.writeAndFlush(new CloseWebSocketFrame(reason.code(), reason.reason()),
                        channel -> channel.pipeline().get(WS_PROTOCOL) != null)
                .awaitUninterruptibly(wait.toMillis());
    }

    /** Bytes written to these connections and not yet sent: what slow readers cost the server in memory. */
    public static long unsentBytes(Iterable<Channel> channels) {
        long total = 0;
        for (Channel channel : channels) {
            total += ChannelOutbox.unsentBytes(channel);
        }
        return total;
    }
}
