package dev.weft.server.plugins.ai;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A provider that lets at most {@code permits} calls through at once; the others wait, up to {@code maxWait}, and
 * then fail as {@link AiException.Kind#UNAVAILABLE}. Prompt runs wait on the provider from virtual threads, which
 * cost nothing to block: this is what keeps a burst of runs from becoming a burst of provider calls (and of
 * spending), as the sandbox's bounded queue does for wasm runs.
 */
public final class ConcurrencyLimitedProvider implements AiProvider {
    private final AiProvider provider;
    private final Semaphore permits;
    private final int limit;
    private final Duration maxWait;

    public ConcurrencyLimitedProvider(AiProvider provider, int limit, Duration maxWait) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the limit of concurrent AI calls must be positive");
        }
        this.provider = provider;
        this.permits = new Semaphore(limit, true);
        this.limit = limit;
        this.maxWait = maxWait;
    }

    @Override
    public Completion complete(CompletionRequest request) {
        try {
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AiException(AiException.Kind.UNAVAILABLE, "the server already has " + limit
                        + " AI calls under way and this one waited " + maxWait.toSeconds() + " s for its turn");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiException(AiException.Kind.UNAVAILABLE, "interrupted while waiting for a turn at the AI"
                    + " provider");
        }
        try {
            return provider.complete(request);
        } finally {
            permits.release();
        }
    }
}
