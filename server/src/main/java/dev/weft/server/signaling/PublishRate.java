package dev.weft.server.signaling;

import java.util.function.LongSupplier;

/**
 * A token bucket holding at most one second's worth of publishes, refilled continuously: a connection may send
 * {@code perSecond} publishes in a burst, and that many per second after. One per connection, used by its event
 * loop only.
 */
final class PublishRate {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    PublishRate(int perSecond, LongSupplier nanoTime) {
        this.capacity = perSecond;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.nanoTime = nanoTime;
        this.tokens = perSecond;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one publish from the bucket; false when it is empty. */
    boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
