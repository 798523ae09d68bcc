package dev.weft.server.comments;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.server.http.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A token bucket per subject (Bucket4j), refilled all at once each period: a subject over its limit is answered 429
 * until the refill. Buckets of subjects who stopped writing are dropped after two idle periods, by Caffeine.
 */
final class CommentRateLimiter {
    private final CommentLimits limits;
    private final Cache<String, Bucket> buckets;

    CommentRateLimiter(CommentLimits limits) {
        this.limits = limits;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(limits.period().multipliedBy(2)).build();
    }

    /**
     * Takes one write from {@code subject}'s allowance.
     *
     * @throws ApiException 429 {@code rate_limited} if none is left
     */
    void acquire(String subject) {
        Bucket bucket = buckets.get(subject, s -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limits.writesPerPeriod())
                        .refillIntervally(limits.writesPerPeriod(), limits.period())
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            throw ApiException.tooManyRequests("at most " + limits.writesPerPeriod() + " comments per "
                    + limits.period().toSeconds() + " s; try again in " + seconds + " s");
        }
    }
}
