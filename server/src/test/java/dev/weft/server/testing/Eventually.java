package dev.weft.server.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for what a Node peer reports, with the last report in the failure: Awaitility, told what to show. */
final class Eventually {
    private Eventually() {
    }

    /**
     * Polls {@code probe} until {@code condition} holds and returns the value that satisfied it.
     *
     * @throws AssertionError after {@code timeout}, naming {@code description} and the last value seen
     */
    static <T> T await(String description, Duration timeout, Supplier<T> probe, Predicate<T> condition) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return Awaitility.await(description)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        T value = probe.get();
                        last.set(value);
                        return value;
                    }, condition::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout.toSeconds() + " s: " + description + "; last seen: " + last.get(), e);
        }
    }
}
