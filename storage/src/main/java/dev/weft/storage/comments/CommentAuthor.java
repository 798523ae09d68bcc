package dev.weft.storage.comments;

import java.util.Objects;

/**
 * Who wrote a comment or opened a thread: the subject that authorizes them (a token's {@code sub}, or a reader
 * session's id) and the name shown beside what they wrote, as it was when they wrote it.
 */
public record CommentAuthor(String subject, String name) {
    public CommentAuthor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
    }
}
