package dev.weft.storage.notifications;

import dev.weft.storage.Columns;
import dev.weft.storage.Tables;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Notification feeds and the record of webhook deliveries ({@code V4__notifications.sql}). Writes go through the
 * storage's writer and complete after COMMIT; reads block on a pooled connection.
 */
public final class NotificationRepository {
    private static final String NOTIFICATION_COLUMNS = "id, recipient, kind, document, thread_id, comment_id, "
            + "actor_subject, actor_name, excerpt, created_at, read_at";

    private final Tables tables;
    private final InstantSource clock;

    public NotificationRepository(Tables tables, InstantSource clock) {
        this.tables = tables;
        this.clock = clock;
    }

    /** Adds {@code event} to the feed of each of {@code recipients}; completes with the stored notifications. */
    public CompletableFuture<List<Notification>> add(List<String> recipients, NotificationEvent event) {
        long now = clock.millis();
        return tables.write("notify " + recipients.size() + " of comment " + event.commentId(), connection -> {
            List<Notification> added = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO notifications (recipient, kind, document, thread_id, comment_id, actor_subject,
                        actor_name, excerpt, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                for (String recipient : recipients) {
                    insert.setString(1, recipient);
                    insert.setString(2, event.kind().wireName());
                    insert.setString(3, event.document());
                    insert.setLong(4, event.threadId());
                    insert.setLong(5, event.commentId());
                    insert.setString(6, event.actorSubject());
                    insert.setString(7, event.actorName());
                    insert.setString(8, event.excerpt());
                    insert.setLong(9, now);
                    try (ResultSet keys = insert.executeQuery()) {
                        keys.next();
                        added.add(new Notification(keys.getLong(1), recipient, event, Instant.ofEpochMilli(now), null));
                    }
                }
            }
            return added;
        });
    }

    /**
     * The newest notifications of {@code recipient}, newest first.
     *
     * @param before only those with a smaller id (the next page); {@code Long.MAX_VALUE} for the first page
     * @param limit at most this many
     * @param unreadOnly leave out the ones marked read
     */
    public List<Notification> feed(String recipient, long before, int limit, boolean unreadOnly) {
        return tables.read("read the notifications of " + recipient, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + NOTIFICATION_COLUMNS
                    + " FROM notifications WHERE recipient = ? AND id < ?"
                    + (unreadOnly ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT ?")) {
                select.setString(1, recipient);
                select.setLong(2, before);
                select.setInt(3, limit);
                List<Notification> feed = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        feed.add(notification(rows));
                    }
                }
                return feed;
            }
        });
    }

    /** How many notifications of {@code recipient} are unread. */
    public int unreadCount(String recipient) {
        return tables.read("count the unread notifications of " + recipient, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM notifications WHERE recipient = ? AND read_at IS NULL")) {
                select.setString(1, recipient);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /**
     * Marks the notifications {@code ids} of {@code recipient} read (ids of someone else's are ignored); an empty
     * list marks all of them. Completes with how many changed.
     */
    public CompletableFuture<Integer> markRead(String recipient, List<Long> ids) {
        long now = clock.millis();
        return tables.write("mark notifications of " + recipient + " read", connection -> {
            String which = ids.isEmpty() ? ""
                    : " AND id IN (" + String.join(", ", ids.stream().map(id -> "?").toList()) + ")";
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE notifications SET read_at = ? WHERE recipient = ? AND read_at IS NULL" + which)) {
                update.setLong(1, now);
                update.setString(2, recipient);
                for (int i = 0; i < ids.size(); i++) {
                    update.setLong(3 + i, ids.get(i));
                }
                return update.executeUpdate();
            }
        });
    }

    /** Records one delivery attempt; completes with it as stored. */
    public CompletableFuture<WebhookDelivery> recordDelivery(String eventId, String eventType, String url,
            int attempt, Integer status, String error, WebhookDelivery.Outcome outcome) {
        long now = clock.millis();
        return tables.write("record delivery " + attempt + " of webhook event " + eventId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO webhook_deliveries (event_id, event_type, url, attempt, status, error, outcome,
                        attempted_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                insert.setString(1, eventId);
                insert.setString(2, eventType);
                insert.setString(3, url);
                insert.setInt(4, attempt);
                if (status == null) {
                    insert.setNull(5, Types.INTEGER);
                } else {
                    insert.setInt(5, status);
                }
                insert.setString(6, error);
                insert.setString(7, outcome.stored());
                insert.setLong(8, now);
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    return new WebhookDelivery(keys.getLong(1), eventId, eventType, url, attempt, status, error,
                            outcome, Instant.ofEpochMilli(now));
                }
            }
        });
    }

    /** The latest delivery attempts, newest first: {@code limit} at most. */
    public List<WebhookDelivery> deliveries(int limit) {
        return tables.read("list webhook deliveries", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, event_id, event_type, url, attempt, status, error, outcome, attempted_at
                    FROM webhook_deliveries ORDER BY id DESC LIMIT ?""")) {
                select.setInt(1, limit);
                List<WebhookDelivery> deliveries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        deliveries.add(new WebhookDelivery(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getInt(5), Columns.integerOrNull(rows, 6), rows.getString(7),
                                WebhookDelivery.Outcome.fromStored(rows.getString(8)),
                                Instant.ofEpochMilli(rows.getLong(9))));
                    }
                }
                return deliveries;
            }
        });
    }

    private static Notification notification(ResultSet rows) throws SQLException {
        NotificationEvent event = new NotificationEvent(NotificationEvent.Kind.fromWireName(rows.getString(3)),
                rows.getString(4), rows.getLong(5), rows.getLong(6), rows.getString(7), rows.getString(8),
                rows.getString(9));
        return new Notification(rows.getLong(1), rows.getString(2), event, Instant.ofEpochMilli(rows.getLong(10)),
                Columns.instantOrNull(rows, 11));
    }
}
