package dev.weft.plugin;

import java.util.Objects;

/**
 * Why a plugin could not be loaded or why a run failed. The {@link #reason()} is stable (the server maps it to an
 * HTTP status and an error code); the message says what happened in words a plugin author can act on.
 */
public class PluginException extends RuntimeException {
    /** What went wrong, coarse enough to map to a status and specific enough to act on. */
    public enum Reason {
        /** The manifest or the module is malformed or breaks a rule; see {@link InvalidPluginException}. */
        INVALID_PLUGIN,
        /** The run's input is larger than {@link RuntimeLimits#maxInputBytes()}. */
        INPUT_TOO_LARGE,
        /** Every worker is busy and the queue is full: try again later. */
        OVERLOADED,
        /** The plugin ran more often than its rate limit allows. */
        RATE_LIMITED,
        /** The run did not finish before its deadline and was stopped. */
        TIMEOUT,
        /** The plugin called a host import its manifest has no permission for, or read an undeclared variable. */
        PERMISSION_DENIED,
        /** The plugin trapped: unreachable, an out-of-bounds access, a failed allocation, a stack overflow. */
        TRAPPED,
        /** The plugin returned, or passed to a host call, more bytes than the limits allow. */
        OUTPUT_TOO_LARGE,
        /** The plugin returned something other than a JSON object in UTF-8, or broke the ABI otherwise. */
        BAD_OUTPUT,
        /** A host call failed on the host's side (the document is gone, the AI provider is down, ...). */
        HOST_ERROR,
        /** The runtime was closed. */
        CLOSED
    }

    private final Reason reason;

    public PluginException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public PluginException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
