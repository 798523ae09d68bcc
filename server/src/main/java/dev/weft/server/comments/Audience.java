package dev.weft.server.comments;

import java.util.Set;

/**
 * Who may receive an event about a thread: everyone who may read the document (a public thread), or only the
 * listed subjects (a private thread: its reader and the document's owner).
 *
 * @param subjects the subjects allowed; null for everyone
 */
public record Audience(Set<String> subjects) {
    public static final Audience EVERYONE = new Audience(null);

    public Audience {
        subjects = subjects == null ? null : Set.copyOf(subjects);
    }

    /** Only these subjects. */
    public static Audience only(Set<String> subjects) {
        return new Audience(subjects);
    }

    public boolean includes(String subject) {
        return subjects == null || subjects.contains(subject);
    }
}
