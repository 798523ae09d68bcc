package dev.weft.storage.notifications;

import java.util.Objects;

/**
 * What a notification tells: a new comment (a new thread) or a reply, by whom, where, and its first words.
 *
 * @param kind a new thread or a reply
 * @param document the document's name
 * @param threadId the thread
 * @param commentId the comment written
 * @param actorSubject who wrote it
 * @param actorName the name they wrote it under
 * @param excerpt the comment's beginning
 */
public record NotificationEvent(Kind kind, String document, long threadId, long commentId, String actorSubject,
        String actorName, String excerpt) {

    public NotificationEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(actorSubject, "actorSubject");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(excerpt, "excerpt");
    }

    /** The two things a notification can be about, by the names stored and sent. */
    public enum Kind {
        COMMENT("comment"), REPLY("reply");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Kind fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no notification kind " + name);
        }
    }
}
