package dev.weft.server.http;

import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.config.Limits;
import dev.weft.server.signaling.Signaling;
import dev.weft.server.signaling.TopicAccess;
import dev.weft.server.sync.Admission;
import io.netty.channel.ChannelHandler;
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
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an HTTP connection into a sync connection, {@code ws://host/<document>?token=...}, or, on the signalling
 * path ({@code /signaling} by default), a y-webrtc signalling connection. The token is checked before the
 * handshake (a refusal is a plain 401 or 403 with a JSON error), and a sync connection's access is decided by the
 * document's roles ({@link dev.weft.server.auth.DocumentAccessPolicy}, which reads the database off the event loop);
 * then the WebSocket handlers replace the HTTP ones after the router, and the request goes on to Netty's handshake.
 */
final class WebSocketUpgrade {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

    private final HttpServices services;

    WebSocketUpgrade(HttpServices services) {
        this.services = services;
    }

    static boolean isRequested(HttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Authorizes and upgrades; {@code router} is the router's context, removed from the pipeline after. */
    void upgrade(ChannelHandlerContext router, FullHttpRequest request, QueryStringDecoder uri) {
        Signaling signaling = services.signaling();
        if (uri.path().equals(signaling.path())) {
            TopicAccess access;
            try {
                access = signaling.authorize(services.authenticator(), RequestAuth.token(request, uri));
            } catch (AuthException e) {
                HttpResponses.sendAndClose(router, RequestAuth.refusal(e));
                return;
            }
            install(router, request, signaling.maxMessageBytes(), WeftChannelInitializer.SIGNALING,
                    signaling.handler(access));
            return;
        }
        Optional<String> document = DocumentNames.decode(uri.rawPath().substring(1));
        if (document.isEmpty()) {
            HttpResponses.sendAndClose(router, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "invalid_document",
                    "the path must name a document: ws://host/<document>"));
            return;
        }
        Grant grant;
        try {
            grant = services.authenticator().verify(RequestAuth.token(request, uri));
        } catch (AuthException e) {
            HttpResponses.sendAndClose(router, RequestAuth.refusal(e));
            return;
        }
        // The document's roles are read from the database off the event loop; the upgrade goes on here once they
        // are. Until then the connection reads nothing more and the request is kept. The access version is read
        // first: a change committed after it closes the connection as it joins, in case the roles were read before.
        router.channel().config().setAutoRead(false);
        request.retain();
        long accessVersion = services.rooms().accessVersion(document.get());
        services.documentAccess().accessTo(grant, document.get()).whenComplete((access, failure) -> {
            Admission admission = failure == null ? new Admission(grant, access, accessVersion) : null;
            try {
                router.executor().execute(() -> upgradeWith(router, request, document.get(), admission, failure));
            } catch (RejectedExecutionException e) {
                request.release(); // the server is shutting down, and the connection with it
            }
        });
    }

    /** The rest of a sync upgrade, on the connection's event loop, once its access is decided (or refused). */
    private void upgradeWith(ChannelHandlerContext router, FullHttpRequest request, String document,
            Admission admission, Throwable failure) {
        try {
            router.channel().config().setAutoRead(true);
            if (failure != null) {
                refuse(router, failure);
            } else if (router.channel().isActive()) {
                Limits limits = services.limits();
                install(router, request, limits.maxFrameBytes(), WeftChannelInitializer.SYNC, new SyncFrameHandler(
                        services.rooms(), document, admission, limits.maxUnsentBytes(), services.metrics()));
            }
        } finally {
            request.release();
        }
    }

    /** Answers an upgrade the document's roles refused (401 or 403), or that could not be decided (503). */
    private static void refuse(ChannelHandlerContext router, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AuthException refused) {
            HttpResponses.sendAndClose(router, RequestAuth.refusal(refused));
            return;
        }
        log.warn("{}: deciding a connection's access failed", router.channel().remoteAddress(), cause);
        HttpResponses.sendAndClose(router, HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                "the document's access could not be decided; try again"));
    }

    /** Replaces the HTTP handlers with the WebSocket ones, {@code frames} last, for messages up to a size. */
    private void install(ChannelHandlerContext router, FullHttpRequest request, int maxMessageBytes,
            String framesName, ChannelHandler frames) {
        Limits limits = services.limits();
        ChannelPipeline pipeline = router.pipeline();
        pipeline.remove(WeftChannelInitializer.HTTP_IDLE);
        pipeline.remove(WeftChannelInitializer.IN_ORDER);
        // Added in reverse order, each right after the router: they end up in the order read top to bottom.
        pipeline.addAfter(router.name(), framesName, frames);
        pipeline.addAfter(router.name(), WeftChannelInitializer.SLOW_CONSUMER,
                new SlowConsumerGuard(limits.unwritableTimeout(), services.metrics()));
        pipeline.addAfter(router.name(), WeftChannelInitializer.WS_AGGREGATOR,
                new WebSocketFrameAggregator(maxMessageBytes));
        pipeline.addAfter(router.name(), WeftChannelInitializer.KEEPALIVE, new Keepalive());
        pipeline.addAfter(router.name(), WeftChannelInitializer.WS_PROTOCOL,
                new WebSocketServerProtocolHandler(protocolConfig(request.uri(), maxMessageBytes, limits)));
        pipeline.addAfter(router.name(), WeftChannelInitializer.WS_IDLE,
                Keepalive.pingWhenQuiet(limits.pingInterval()));
        pipeline.addAfter(router.name(), WeftChannelInitializer.WS_TIMEOUT,
                Keepalive.closeWhenSilent(limits.pongTimeout()));
        router.fireChannelRead(request.retain());
        // The request ends its read for the handlers added here: the idle handlers took it for a read still under
        // way (they count silence from a read's completion), so a client that sent nothing after its upgrade was
        // never pinged, nor closed when silent.
        router.fireChannelReadComplete();
        pipeline.remove(router.handler());
    }

    /**
     * The WebSocket protocol as Weft runs it. A close with a reason is a close frame Weft writes itself, then the
     * socket's close once it is flushed ({@link ChannelOutbox#close}); Netty's own close frame before every channel
     * close is off, because it waits for the frame to be flushed: a client that stops reading (a slow consumer)
     * kept its connection, and its unsent bytes, until the force-close timeout. A close frame that cannot be
     * flushed within the unwritable timeout closes the socket all the same.
     */
    private static WebSocketServerProtocolConfig protocolConfig(String uri, int maxMessageBytes, Limits limits) {
        return WebSocketServerProtocolConfig.newBuilder()
                .sendCloseFrame(null)
                .forceCloseTimeoutMillis(limits.unwritableTimeout().toMillis())
                // The handshake handler answers only its own path: this request's URI, as it came.
                .websocketPath(uri)
                .checkStartsWith(false)
                .handshakeTimeoutMillis(10_000)
                .dropPongFrames(true)
                .handleCloseFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxMessageBytes)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(true)
                        .build())
                .build();
    }
}
