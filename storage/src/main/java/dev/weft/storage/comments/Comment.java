package dev.weft.storage.comments;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One comment of a thread: the first opens it, the others reply.
 *
 * @param id unique over all threads
 * @param threadId the thread it belongs to
 * @param author who wrote it
 * @param body plain text
 * @param createdAt when it was written
 * @param editedAt when its author last changed it; null if never
 */
public record Comment(long id, long threadId, CommentAuthor author, String body, Instant createdAt, Instant editedAt) {
    public Comment {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Optional<Instant> edited() {
        return Optional.ofNullable(editedAt);
    }
}
