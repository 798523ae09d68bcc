package dev.weft.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refused or failed API request, answered as {@code {"error": {"code": "...", "message": "..."}}} with its
 * status. Handlers throw it from any depth; the message is for the client, so it says what was wrong and how to
 * put it right, and never leaks internals.
 */
public final class ApiException extends RuntimeException {
    private static final Logger log = LoggerFactory.getLogger(ApiException.class);

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;

    public ApiException(HttpResponseStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
    }

    /** 400: the request itself is wrong (bad JSON, a missing or invalid field). */
    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, code, message);
    }

    /** 403: the caller is known but may not do this. */
    public static ApiException forbidden(String message) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", message);
    }

    /** 404: no such resource (also where saying "forbidden" would reveal that it exists). */
    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", message);
    }

    /** 409: the request conflicts with the current state (a name already taken, say). */
    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, code, message);
    }

    /** 410: the resource existed and is gone (an expired or unpublished link). */
    public static ApiException gone(String code, String message) {
        return new ApiException(HttpResponseStatus.GONE, code, message);
    }

    /** 429: the caller is over a rate limit. */
    public static ApiException tooManyRequests(String message) {
        return new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limited", message);
    }

    /**
     * Waits for work a handler handed elsewhere (a room's thread, the storage writer): its result; an
     * ApiException it failed with, as it is; any other failure as 503 {@code unavailable}, "{@code what}: cause"
     * (and logged).
     */
    public static <T> T await(CompletableFuture<T> work, String what) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiException refused) {
                throw refused;
            }
            log.warn("{}", what, e.getCause());
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    what + ": " + e.getCause().getMessage());
        }
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
