package dev.weft.server.plugins.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most N calls reach the provider at once; one that waits too long for its turn is unavailable. */
class ConcurrencyLimitedProviderTest {

    @Test
    void aCallBeyondTheLimitWaitsForItsTurnOrFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AiProvider slow = request -> {
            inside.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Completion("done", "m", 1, 1);
        };
        ConcurrencyLimitedProvider limited = new ConcurrencyLimitedProvider(slow, 1, Duration.ofMillis(300));

        CompletableFuture<Completion> first = CompletableFuture.supplyAsync(() -> limited.complete(request()));
        await().until(() -> inside.get() == 1);

        assertThatThrownBy(() -> limited.complete(request())).isInstanceOfSatisfying(AiException.class, e -> {
            assertThat(e.kind()).isEqualTo(AiException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("1 AI calls under way");
        });
        assertThat(inside.get()).isEqualTo(1);
        release.countDown();
        assertThat(first.get().text()).isEqualTo("done");
        assertThat(limited.complete(request()).text()).isEqualTo("done");
    }

    private static CompletionRequest request() {
        return new CompletionRequest("m", Optional.empty(), "p", new ModelParameters(null, null, null, null, null,
                null));
    }
}
