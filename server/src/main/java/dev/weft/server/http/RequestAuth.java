package dev.weft.server.http;

import dev.weft.server.auth.AuthException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a request carries its access token, and how a refusal is answered: the HTTP side of auth. */
final class RequestAuth {
    private static final String BEARER = "Bearer ";

    private RequestAuth() {
    }

    /**
     * The token of a request: {@code Authorization: Bearer <token>}, else the {@code token} query parameter
     * (y-websocket's params; browsers cannot set headers on a WebSocket).
     */
    static Optional<String> token(HttpRequest request, QueryStringDecoder uri) {
        return token(request.headers(), uri.parameters());
    }

    static Optional<String> token(HttpHeaders headers, Map<String, List<String>> query) {
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(header.substring(BEARER.length()).strip());
        }
        List<String> values = query.get("token");
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The response to a refused request: 401 for a missing or bad token, 403 for a token that does not cover. */
    static FullHttpResponse refusal(AuthException e) {
        FullHttpResponse response = switch (e.kind()) {
            case MISSING_TOKEN -> HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "missing_token", e.getMessage());
            case INVALID_TOKEN -> HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "invalid_token", e.getMessage());
            case EXPIRED_TOKEN -> HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "token_expired", e.getMessage());
            case FORBIDDEN -> HttpResponses.error(HttpResponseStatus.FORBIDDEN, "forbidden", e.getMessage());
        };
        if (e.kind() != AuthException.Kind.FORBIDDEN) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        return response;
    }
}
