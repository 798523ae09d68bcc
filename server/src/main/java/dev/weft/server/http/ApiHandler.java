package dev.weft.server.http;

import dev.weft.server.auth.AuthException;

/**
 * Answers one API route. Runs on a virtual thread, so it may block on the database or on a room's future; it
 * answers with a response or throws {@link ApiException} (its status and code) or {@link AuthException} (401 or
 * 403, as at the WebSocket upgrade). Anything else is a bug: logged, and answered 500.
 */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request) throws AuthException;
}
