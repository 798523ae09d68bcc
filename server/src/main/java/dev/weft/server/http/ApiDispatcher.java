package dev.weft.server.http;

import dev.weft.server.auth.AuthException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs API requests: finds the route (404, or 405 with {@code Allow}), copies the request off the connection, and
 * runs the handler on the blocking executor (virtual threads), so that handlers may wait on the database; the
 * answer, or the error their exception stands for, is written back from there (channel writes are thread-safe).
 */
final class ApiDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);

    private final ApiRoutes routes;
    private final Executor blocking;

    ApiDispatcher(ApiRoutes routes, Executor blocking) {
        this.routes = routes;
        this.blocking = blocking;
    }

    void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, boolean keepAlive) {
        String path = uri.rawPath();
        Optional<ApiRoutes.Match> match = routes.match(request.method(), path);
        if (match.isEmpty()) {
            HttpResponses.send(ctx, keepAlive, unmatched(request.method(), path));
            return;
        }
        // The request's buffers are released when the router returns: the handler gets copies.
        ApiRequest apiRequest = new ApiRequest(request.method(), path, match.get().pathParameters(), uri.parameters(),
                request.headers().copy(), ByteBufUtil.getBytes(request.content()), ctx.channel().eventLoop());
        ApiHandler handler = match.get().handler();
        try {
            blocking.execute(() -> respond(ctx, keepAlive, handler, apiRequest));
        } catch (RejectedExecutionException e) {
            HttpResponses.send(ctx, false, HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "shutting_down", "the server is shutting down"));
        }
    }

    /** Sends the handler's answer; an {@link EventStream} opens on the connection and stays open instead. */
    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, ApiHandler handler, ApiRequest request) {
        Object answer = answer(handler, request);
        if (answer instanceof EventStream stream) {
            open(stream, ChannelEventSink.open(ctx), request);
        } else {
            HttpResponses.send(ctx, keepAlive, (FullHttpResponse) answer);
        }
    }

    /**
     * Hands the open sink to the stream's subscriber. The headers are out already, so a subscriber that fails can
     * only end the stream (the client's EventSource reconnects): left open, it would carry nothing, for good.
     */
    private static void open(EventStream stream, EventSink sink, ApiRequest request) {
        try {
            stream.onOpen().accept(sink);
        } catch (RuntimeException e) {
            log.error("{} {}: opening its event stream failed; the stream is ended", request.method(), request.path(),
                    e);
            sink.close();
        } catch (Error e) {
            sink.close();
            throw e;
        }
    }

    /** The handler's response, or the event stream it answered with. */
    private static Object answer(ApiHandler handler, ApiRequest request) {
        try {
            ApiResponse response = handler.handle(request);
            return response.body() instanceof EventStream stream ? stream : HttpResponses.api(response);
        } catch (ApiException e) {
            return HttpResponses.error(e.status(), e.code(), e.getMessage());
        } catch (AuthException e) {
            return RequestAuth.refusal(e);
        } catch (RuntimeException e) {
            log.error("{} {} failed", request.method(), request.path(), e);
            return HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                    "the server failed to answer this request; the error is in its log");
        }
    }

    private FullHttpResponse unmatched(HttpMethod method, String path) {
        Set<HttpMethod> allowed = routes.methodsOn(path);
        if (allowed.isEmpty()) {
            return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found", "no such resource: " + path);
        }
        FullHttpResponse response = HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                method + " is not served on " + path);
        response.headers().set(HttpHeaderNames.ALLOW,
                allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
        return response;
    }
}
