package dev.weft.server.http;

import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.config.Limits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Turns an HTTP connection into a sync connection: {@code ws://host/<document>?token=...}. The token is checked
 * before the handshake (a refusal is a plain 401 or 403 with a JSON error), then the WebSocket handlers replace
 * the HTTP ones after the router, and the request goes on to Netty's handshake.
 */
final class WebSocketUpgrade {
    private final HttpServices services;

    WebSocketUpgrade(HttpServices services) {
        this.services = services;
    }

    static boolean isRequested(HttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Authorizes and upgrades; {@code router} is the router's context, removed from the pipeline after. */
    void upgrade(ChannelHandlerContext router, FullHttpRequest request, QueryStringDecoder uri) {
        Optional<String> document = DocumentNames.decode(uri.rawPath().substring(1));
        if (document.isEmpty()) {
            HttpResponses.sendAndClose(router, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "invalid_document",
                    "the path must name a document: ws://host/<document>"));
            return;
        }
        Grant grant;
        try {
            grant = services.authenticator().authorize(RequestAuth.token(request, uri), document.get());
        } catch (AuthException e) {
            HttpResponses.sendAndClose(router, RequestAuth.refusal(e));
            return;
        }
        Limits limits = services.limits();
        ChannelPipeline pipeline = router.pipeline();
        pipeline.remove(WeftChannelInitializer.HTTP_IDLE);
        // Added in reverse order, each right after the router: they end up in the order read top to bottom.
        pipeline.addAfter(router.name(), WeftChannelInitializer.SYNC, new SyncFrameHandler(services.rooms(),
                document.get(), grant, limits.maxUnsentBytes(), services.metrics()));
        pipeline.addAfter(router.name(), WeftChannelInitializer.SLOW_CONSUMER,
                new SlowConsumerGuard(limits.unwritableTimeout(), services.metrics()));
        pipeline.addAfter(router.name(), WeftChannelInitializer.WS_AGGREGATOR,
                new WebSocketFrameAggregator(limits.maxFrameBytes()));
        pipeline.addAfter(router.name(), WeftChannelInitializer.KEEPALIVE, new Keepalive());
        pipeline.addAfter(router.name(), WeftChannelInitializer.WS_PROTOCOL,
                new WebSocketServerProtocolHandler(protocolConfig(request.uri(), limits)));
        pipeline.addAfter(router.name(), WeftChannelInitializer.WS_IDLE, new IdleStateHandler(
                limits.pongTimeout().toMillis(), 0, limits.pingInterval().toMillis(), TimeUnit.MILLISECONDS));
        router.fireChannelRead(request.retain());
        pipeline.remove(router.handler());
    }

    private static WebSocketServerProtocolConfig protocolConfig(String uri, Limits limits) {
        return WebSocketServerProtocolConfig.newBuilder()
                // The handshake handler answers only its own path: this request's URI, as it came.
                .websocketPath(uri)
                .checkStartsWith(false)
                .handshakeTimeoutMillis(10_000)
                .dropPongFrames(true)
                .handleCloseFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(limits.maxFrameBytes())
                        .allowExtensions(false)
                        .closeOnProtocolViolation(true)
                        .build())
                .build();
    }
}
