package dev.weft.protocol;

import java.util.function.Consumer;

/**
 * y-protocols' periodic check played on a {@link ManualTime}: awareness.js checks for outdated states every tenth
 * of the timeout from its creation, at time 0 in the tests, and the server calls {@link Awareness#expire()} as
 * often.
 */
final class ExpiryChecks {
    static final long INTERVAL = Awareness.DEFAULT_TIMEOUT.toMillis() / 10;

    private ExpiryChecks() {
    }

    /** Moves the time to {@code to}, expiring at every check on the way and handing each change to {@code changes}. */
    static void advanceTo(long to, ManualTime time, Awareness awareness, Consumer<AwarenessChange> changes) {
        for (long check = (time.millis() / INTERVAL + 1) * INTERVAL; check <= to; check += INTERVAL) {
            time.set(check);
            changes.accept(awareness.expire());
        }
        time.set(to);
    }
}
