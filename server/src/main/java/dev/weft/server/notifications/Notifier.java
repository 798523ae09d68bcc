package dev.weft.server.notifications;

import dev.weft.server.comments.CommentListener;
import dev.weft.server.comments.LiveEvents;
import dev.weft.storage.comments.Comment;
import dev.weft.storage.comments.CommentThread;
import dev.weft.storage.notifications.Notification;
import dev.weft.storage.notifications.NotificationEvent;
import dev.weft.storage.notifications.NotificationRepository;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells those concerned of each new comment: the document's owner and everyone who wrote in the thread, never the
 * comment's own author (and for a private thread only its two parties), and only while they may still read the
 * document (a removed member, a reader whose link was unpublished, is told nothing more). Each gets it in their stored feed and,
 * once stored, live on whatever they have open ({@link LiveEvents#notify}); the webhook, when configured, gets one
 * event per comment, naming the recipients.
 */
public final class Notifier implements CommentListener {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final int EXCERPT_CHARS = 140;

    private final NotificationRepository feed;
    private final LiveEvents live;
    private final Optional<WebhookSender> webhook;
    private final BiPredicate<String, String> mayRead;

    /**
     * @param mayRead whether a subject may read a document now (the sharing feature's
     *     {@code DocumentAccess.subjectMayRead}); may read the database
     */
    public Notifier(NotificationRepository feed, LiveEvents live, Optional<WebhookSender> webhook,
            BiPredicate<String, String> mayRead) {
        this.feed = feed;
        this.live = live;
        this.webhook = webhook;
        this.mayRead = mayRead;
    }

    @Override
    public void commented(CommentThread thread, Comment comment, Optional<String> owner) {
        List<String> recipients = recipients(thread, comment, owner).stream()
                .filter(subject -> mayRead.test(subject, thread.document()))
                .toList();
        boolean opened = thread.comments().getFirst().id() == comment.id();
        NotificationEvent event = new NotificationEvent(
                opened ? NotificationEvent.Kind.COMMENT : NotificationEvent.Kind.REPLY, thread.document(),
                thread.id(), comment.id(), comment.author().subject(), comment.author().name(),
                excerpt(comment.body()));
        if (!recipients.isEmpty()) {
            // Live delivery checks that each stream may still have it, which reads the database: not on the
            // storage writer's thread, which completes the write.
            feed.add(recipients, event).whenCompleteAsync((stored, failure) -> {
                if (failure != null) {
                    log.warn("could not store the notifications of comment {}", comment.id(), failure);
                    return;
                }
                stored.forEach(n -> live.notify(n.recipient(), thread.document(), view(n)));
            }, Thread::startVirtualThread);
        }
        webhook.ifPresent(sender -> sender.send(opened ? "comment.created" : "reply.created",
                webhookFields(thread, comment, recipients)));
    }

    /** The owner and the thread's participants, in that order, without the author; a private thread's two parties. */
    static List<String> recipients(CommentThread thread, Comment comment, Optional<String> owner) {
        Set<String> recipients = new LinkedHashSet<>();
        owner.ifPresent(recipients::add);
        recipients.addAll(thread.participants());
        if (thread.isPrivate()) {
            recipients.removeIf(subject -> !subject.equals(thread.privateTo())
                    && !owner.map(subject::equals).orElse(false));
        }
        recipients.remove(comment.author().subject());
        return List.copyOf(recipients);
    }

    /** A notification as the feed and live events show it. */
    static Map<String, Object> view(Notification notification) {
        NotificationEvent event = notification.event();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", notification.id());
        view.put("kind", event.kind().wireName());
        view.put("document", event.document());
        view.put("thread_id", event.threadId());
        view.put("comment_id", event.commentId());
        view.put("actor", Map.of("subject", event.actorSubject(), "name", event.actorName()));
        view.put("excerpt", event.excerpt());
        view.put("created_at", notification.createdAt().toString());
        view.put("read", notification.isRead());
        return view;
    }

    private static Map<String, Object> webhookFields(CommentThread thread, Comment comment, List<String> recipients) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("document", thread.document());
        fields.put("thread", Map.of("id", thread.id(), "private", thread.isPrivate(), "quote", thread.quote()));
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("id", comment.id());
        written.put("author", Map.of("subject", comment.author().subject(), "name", comment.author().name()));
        written.put("body", comment.body());
        written.put("created_at", comment.createdAt().toString());
        fields.put("comment", written);
        fields.put("recipients", recipients);
        return fields;
    }

    private static String excerpt(String body) {
        return body.length() <= EXCERPT_CHARS ? body : body.substring(0, EXCERPT_CHARS - 1) + "…";
    }
}
