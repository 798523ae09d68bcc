package dev.weft.server.http;

import com.fasterxml.jackson.core.JacksonException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One API request, detached from the connection (its body copied), so that a handler can run on another thread.
 *
 * @param method the HTTP method
 * @param path the raw path, still percent-encoded
 * @param pathParameters the values of the route's {@code {placeholders}}, percent-decoded
 * @param query the query parameters, decoded
 * @param headers the request headers
 * @param body the request body, empty if none
 * @param connectionThread the event loop of the connection, for work that must be pinned to one (loading a room)
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParameters,
        Map<String, List<String>> query, HttpHeaders headers, byte[] body, ScheduledExecutorService connectionThread) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The value of the route's {@code {name}} placeholder. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no placeholder {" + name + "}");
        }
        return value;
    }

    /** The first value of the query parameter {@code name}. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The access token: {@code Authorization: Bearer ...}, else the {@code token} query parameter. */
    public Optional<String> token() {
        return RequestAuth.token(headers, query);
    }

    /**
     * The body read as JSON into {@code type} (a record, usually).
     *
     * @throws ApiException 400 {@code invalid_json} if there is no body or it does not read as {@code type}
     */
    public <T> T bodyAs(Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("invalid_json", "this request needs a JSON body");
        }
        try {
            return HttpResponses.JSON.readValue(body, type);
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid_json", "the body is not valid JSON for this request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "the body could not be read: " + e.getMessage());
        }
    }
}
