package dev.weft.storage.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.storage.Storage;
import dev.weft.storage.StorageSettings;
import dev.weft.storage.comments.CommentAuthor;
import dev.weft.storage.comments.CommentRepository;
import dev.weft.storage.comments.CommentThread;
import dev.weft.storage.comments.NewThread;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds and webhook deliveries on real SQLite. */
class NotificationRepositoryTest {
    @TempDir
    Path dataDir;
    private Storage storage;
    private NotificationRepository notifications;
    private CommentRepository comments;

    @BeforeEach
    void open() {
        storage = Storage.open(dataDir, StorageSettings.defaults());
        notifications = new NotificationRepository(storage.tables(), InstantSource.system());
        comments = new CommentRepository(storage.tables(), InstantSource.system());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void eachRecipientGetsTheEventInTheirFeedNewestFirstAndMarksItRead() {
        NotificationEvent first = event(thread(), NotificationEvent.Kind.COMMENT, "one");
        NotificationEvent second = event(thread(), NotificationEvent.Kind.REPLY, "two");
        notifications.add(List.of("ada", "bob"), first).join();
        List<Notification> added = notifications.add(List.of("ada"), second).join();

        List<Notification> feed = notifications.feed("ada", Long.MAX_VALUE, 10, false);
        assertThat(feed).extracting(Notification::event).containsExactly(second, first);
        assertThat(notifications.feed("bob", Long.MAX_VALUE, 10, false)).extracting(Notification::event)
                .containsExactly(first);
        assertThat(notifications.unreadCount("ada")).isEqualTo(2);
        assertThat(feed).extracting(Notification::readAt).containsOnlyNulls();

        assertThat(notifications.markRead("bob", List.of(added.getFirst().id())).join())
                .as("someone else's notification is left alone").isZero();
        assertThat(notifications.markRead("ada", List.of(added.getFirst().id())).join()).isEqualTo(1);
        List<Notification> unread = notifications.feed("ada", Long.MAX_VALUE, 10, true);
        assertThat(unread).extracting(Notification::event).containsExactly(first);
        assertThat(unread).noneMatch(Notification::isRead);
        assertThat(notifications.feed("ada", Long.MAX_VALUE, 10, false))
                .filteredOn(notification -> notification.id() == added.getFirst().id())
                .singleElement().satisfies(read -> assertThat(read.readAt()).isNotNull());
        assertThat(notifications.markRead("ada", List.of()).join()).isEqualTo(1);
        assertThat(notifications.unreadCount("ada")).isZero();
        assertThat(notifications.feed("ada", feed.getFirst().id(), 10, false)).hasSize(1);
    }

    @Test
    void aDeletedThreadTakesItsNotificationsAlong() {
        CommentThread thread = thread();
        notifications.add(List.of("ada"), event(thread, NotificationEvent.Kind.COMMENT, "gone soon")).join();

        comments.deleteThread("notes", thread.id()).join();

        assertThat(notifications.feed("ada", Long.MAX_VALUE, 10, false)).isEmpty();
    }

    @Test
    void everyDeliveryAttemptIsRecorded() {
        notifications.recordDelivery("e1", "comment.created", "http://hook", 1, 503, "answered 503",
                WebhookDelivery.Outcome.RETRYING).join();
        notifications.recordDelivery("e1", "comment.created", "http://hook", 2, null, "connection refused",
                WebhookDelivery.Outcome.RETRYING).join();
        notifications.recordDelivery("e1", "comment.created", "http://hook", 3, 200, null,
                WebhookDelivery.Outcome.DELIVERED).join();

        assertThat(notifications.deliveries(10))
                .extracting(WebhookDelivery::attempt, WebhookDelivery::status, WebhookDelivery::outcome)
                .containsExactly(
                        Tuple.tuple(3, 200, WebhookDelivery.Outcome.DELIVERED),
                        Tuple.tuple(2, null, WebhookDelivery.Outcome.RETRYING),
                        Tuple.tuple(1, 503, WebhookDelivery.Outcome.RETRYING));
    }

    private CommentThread thread() {
        return comments.open(new NewThread("notes", new byte[] {1}, new byte[] {2}, "text", "q",
                new CommentAuthor("bob", "Bob"), "hello", null)).join();
    }

    private static NotificationEvent event(CommentThread thread, NotificationEvent.Kind kind, String excerpt) {
        return new NotificationEvent(kind, "notes", thread.id(), thread.comments().getFirst().id(), "bob", "Bob",
                excerpt);
    }
}
