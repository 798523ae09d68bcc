package dev.weft.server.plugins;

import dev.weft.plugin.PluginException;
import dev.weft.server.http.ApiException;
import dev.weft.server.plugins.ai.AiException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/** How a failed run is answered: one place maps the runtime's and the AI provider's failures to API errors. */
final class PluginErrors {
    private PluginErrors() {
    }

    /**
     * An AI failure: 503 {@code ai_unavailable} (down, timed out, or not configured), 402
     * {@code ai_credits_exhausted} (the provider's account), 429 {@code ai_rate_limited}, 502 {@code ai_bad_response}.
     */
    static ApiException of(AiException e) {
        return switch (e.kind()) {
            case NOT_CONFIGURED, UNAVAILABLE -> new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "ai_unavailable", e.getMessage() + "; try again later");
            case OUT_OF_CREDITS -> new ApiException(HttpResponseStatus.PAYMENT_REQUIRED, "ai_credits_exhausted",
                    e.getMessage() + "; the server's administrator must top up the provider's account");
            case RATE_LIMITED -> new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "ai_rate_limited",
                    e.getMessage() + e.retryAfter().map(d -> "; try again in " + d.toSeconds() + " s").orElse(""));
            case BAD_RESPONSE -> new ApiException(HttpResponseStatus.BAD_GATEWAY, "ai_bad_response", e.getMessage());
        };
    }

    /**
     * A wasm run's failure. What the plugin did wrong (timeout, trap, too much output, a call without its
     * permission, a broken ABI) is 422 {@code plugin_<reason>}; load is 503 {@code plugins_overloaded} or 429
     * {@code plugin_rate_limited}; a host call that failed on an AI or API error is answered as that error.
     */
    static ApiException of(PluginException e) {
        if (e.reason() == PluginException.Reason.HOST_ERROR) {
            if (e.getCause() instanceof AiException ai) {
                return of(ai);
            }
            if (e.getCause() instanceof ApiException api) {
                return api;
            }
        }
        String code = "plugin_" + e.reason().name().toLowerCase(Locale.ROOT);
        return switch (e.reason()) {
            case OVERLOADED, CLOSED -> new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "plugins_overloaded",
                    e.getMessage());
            case RATE_LIMITED -> new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, code, e.getMessage());
            case INPUT_TOO_LARGE -> new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, code, e.getMessage());
            default -> new ApiException(HttpResponseStatus.UNPROCESSABLE_ENTITY, code, e.getMessage());
        };
    }
}
