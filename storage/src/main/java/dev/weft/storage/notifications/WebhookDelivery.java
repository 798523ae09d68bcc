package dev.weft.storage.notifications;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver a webhook event.
 *
 * @param id unique
 * @param eventId the event's id, the same on every attempt to deliver it
 * @param eventType what the event is ({@code comment.created}, ...)
 * @param url where it was sent
 * @param attempt 1 for the first attempt
 * @param status the receiver's HTTP status; null if none came
 * @param error why it failed; null if it was delivered
 * @param outcome what came of it
 * @param attemptedAt when it was made
 */
public record WebhookDelivery(long id, String eventId, String eventType, String url, int attempt, Integer status,
        String error, Outcome outcome, Instant attemptedAt) {

    public WebhookDelivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
    }

    /** What came of one attempt. */
    public enum Outcome {
        /** The receiver answered 2xx. */
        DELIVERED("delivered"),
        /** It failed, and another attempt follows. */
        RETRYING("retrying"),
        /** It failed, and it was the last attempt. */
        FAILED("failed");

        private final String stored;

        Outcome(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }

        static Outcome fromStored(String stored) {
            for (Outcome outcome : values()) {
                if (outcome.stored.equals(stored)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("no delivery outcome " + stored);
        }
    }
}
