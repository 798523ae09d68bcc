package dev.weft.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishRateTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PublishRate rate = new PublishRate(10, now::get);

    private int acquired() {
        int count = 0;
        while (rate.tryAcquire()) {
            count++;
        }
        return count;
    }

    @Test
    void allowsABurstOfOneSecondsWorthThenRefillsAtTheRate() {
        assertThat(acquired()).isEqualTo(10);
        now.addAndGet(100_000_000L);
        assertThat(acquired()).isEqualTo(1);
        now.addAndGet(550_000_000L);
        assertThat(acquired()).isEqualTo(5);
    }

    @Test
    void neverHoldsMoreThanOneSecondsWorth() {
        now.addAndGet(60_000_000_000L);
        assertThat(acquired()).isEqualTo(10);
    }
}
