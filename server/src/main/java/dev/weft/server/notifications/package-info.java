/**
 * Notifications of new comments: {@link dev.weft.server.notifications.Notifier} (who is told, in their stored
 * feed and live), {@link dev.weft.server.notifications.NotificationsApi} (the feed), and webhooks signed with
 * HMAC-SHA256 ({@link dev.weft.server.notifications.WebhookSender}, {@link
 * dev.weft.server.notifications.WebhookSignature}), retried with backoff, every attempt recorded. Storage is
 * {@code dev.weft.storage.notifications}.
 */
package dev.weft.server.notifications;
