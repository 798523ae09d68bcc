package dev.weft.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where notifications of new comments are POSTed, signed, when a deployment wants them (README, "Webhooks").
 *
 * @param url the receiver, http or https
 * @param secret the HMAC-SHA256 key the {@code X-Weft-Signature} header is computed with
 * @param maxAttempts attempts per event at most, the first included
 * @param initialBackoff the wait after the first failed attempt; each further wait doubles it
 * @param timeout how long one attempt may take, connecting and answering
 */
public record WebhookSettings(URI url, String secret, int maxAttempts, Duration initialBackoff, Duration timeout) {

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("the webhook URL must be http or https, not " + url);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs a secret to sign its requests with");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a webhook needs at least one attempt");
        }
        if (initialBackoff.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the webhook's backoff and timeout must be positive");
        }
    }

    /** Five attempts, 1 s after the first failure, then 2, 4 and 8 s; 10 s per attempt. */
    public static WebhookSettings of(URI url, String secret) {
        return new WebhookSettings(url, secret, 5, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    public WebhookSettings withRetries(int attempts, Duration backoff) {
        return new WebhookSettings(url, secret, attempts, backoff, timeout);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", secret=(set), maxAttempts=" + maxAttempts + ", initialBackoff="
                + initialBackoff + ", timeout=" + timeout + "]";
    }
}
