package dev.weft.server.plugins.ai;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** An AI call that did not produce a completion; the {@link Kind} says whose move it is. */
public final class AiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why there is no completion. */
    public enum Kind {
        /** No provider is configured on this server. */
        NOT_CONFIGURED,
        /** The provider could not be reached, timed out, or failed on its side (5xx): try again later. */
        UNAVAILABLE,
        /** The provider's account has no credits left (402, or 429 with {@code insufficient_quota}). */
        OUT_OF_CREDITS,
        /** The provider limits the rate of requests (429): try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The provider refused the request (4xx other than those above), or answered something unreadable. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final transient Optional<Duration> retryAfter;

    public AiException(Kind kind, String message) {
        this(kind, message, Optional.empty(), null);
    }

    public AiException(Kind kind, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
