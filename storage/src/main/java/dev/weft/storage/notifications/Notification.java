package dev.weft.storage.notifications;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of someone's notification feed: somebody wrote a comment that concerns them.
 *
 * @param id unique, increasing: a feed lists newest first by it
 * @param recipient the subject it is for
 * @param event what happened
 * @param createdAt when it was stored
 * @param readAt when its recipient marked it read; null while unread
 */
public record Notification(long id, String recipient, NotificationEvent event, Instant createdAt, Instant readAt) {
    public Notification {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isRead() {
        return readAt != null;
    }
}
