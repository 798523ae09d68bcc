package dev.weft.server.http;

import dev.weft.server.metrics.ServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each HTTP request: a WebSocket upgrade becomes a sync connection (and the router leaves the pipeline);
 * otherwise the JSON API under {@code /api/} (its routes registered by the features), {@code /healthz},
 * {@code /metrics}, or a static file. Every error is JSON.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    private final HttpServices services;
    private final WebSocketUpgrade upgrade;
    private final ApiDispatcher api;
    private final StaticFiles staticFiles;

    HttpRouter(HttpServices services, StaticFiles staticFiles) {
        this.services = services;
        this.upgrade = new WebSocketUpgrade(services);
        this.api = new ApiDispatcher(services.routes(), services.blocking());
        this.staticFiles = staticFiles;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            HttpResponses.sendAndClose(ctx, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "the request could not be parsed"));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (WebSocketUpgrade.isRequested(request)) {
            upgrade.upgrade(ctx, request, uri);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = uri.rawPath();
        if (path.startsWith(ApiRoutes.PREFIX)) {
            api.dispatch(ctx, request, uri, keepAlive);
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.send(ctx, keepAlive, HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method_not_allowed", "only GET is served outside " + ApiRoutes.PREFIX));
            return;
        }
        switch (path) {
            case "/healthz" -> HttpResponses.send(ctx, keepAlive,
                    HttpResponses.json(HttpResponseStatus.OK, Map.of("status", "ok")));
            case "/metrics" -> HttpResponses.send(ctx, keepAlive,
                    HttpResponses.text(HttpResponseStatus.OK, ServerMetrics.CONTENT_TYPE, services.metrics().scrape()));
            default -> staticFiles.serve(ctx, path, keepAlive);
        }
    }

    /** The idle timeout of an HTTP connection (a WebSocket has its own keepalive instead). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: closing an HTTP connection after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
