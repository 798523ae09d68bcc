/**
 * Notification feeds (one row per recipient of each new comment or reply, marked read by its recipient) and the
 * record of every webhook delivery attempt: {@link dev.weft.storage.notifications.NotificationRepository} over the
 * tables of {@code V4__notifications.sql}.
 */
package dev.weft.storage.notifications;
