package dev.weft.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link ApiHandler} answers: a status and a body written as JSON (none for 204), plus extra headers.
 *
 * @param status the HTTP status
 * @param body what Jackson writes as the JSON body; ignored for 204
 * @param headers extra response headers, such as {@code Location}
 */
public record ApiResponse(HttpResponseStatus status, Object body, Map<String, String> headers) {

    public ApiResponse {
        Objects.requireNonNull(status, "status");
        headers = Map.copyOf(headers);
    }

    /** 200 with {@code body}. */
    public static ApiResponse ok(Object body) {
        return new ApiResponse(HttpResponseStatus.OK, body, Map.of());
    }

    /** 201 with {@code body}, the created resource. */
    public static ApiResponse created(Object body) {
        return new ApiResponse(HttpResponseStatus.CREATED, body, Map.of());
    }

    /** 204, no body. */
    public static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, null, Map.of());
    }
}
