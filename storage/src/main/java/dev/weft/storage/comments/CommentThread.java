package dev.weft.storage.comments;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A thread of comments on a passage of a document, as stored: its anchor is kept as the two encoded Yjs relative
 * positions the client sent, which only a loaded document can turn into indices.
 *
 * @param id unique over all documents
 * @param document the document's name
 * @param anchorStart Yjs's binary relative position of the passage's start
 * @param anchorEnd Yjs's binary relative position of the passage's end
 * @param anchorType the name of the root Y.Text the passage is in
 * @param quote the passage's text when the thread was opened
 * @param author who opened it
 * @param privateTo null for a thread everyone who reads the document sees; else the subject of the one reader who
 *     shares this private thread with the document's owner
 * @param resolvedAt when it was resolved; null while open
 * @param resolvedBy the subject who resolved it; null while open
 * @param createdAt when it was opened
 * @param comments its comments, oldest first; the first is the one that opened it
 */
public record CommentThread(long id, String document, byte[] anchorStart, byte[] anchorEnd, String anchorType,
        String quote,
        CommentAuthor author, String privateTo, Instant resolvedAt, String resolvedBy, Instant createdAt,
        List<Comment> comments) {

    public CommentThread {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(anchorStart, "anchorStart");
        Objects.requireNonNull(anchorEnd, "anchorEnd");
        Objects.requireNonNull(anchorType, "anchorType");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        comments = List.copyOf(comments);
    }

    public boolean isPrivate() {
        return privateTo != null;
    }

    public boolean isResolved() {
        return resolvedAt != null;
    }

    public Optional<Comment> comment(long commentId) {
        return comments.stream().filter(c -> c.id() == commentId).findFirst();
    }

    /** The subjects who wrote in it (its author first), each once. */
    public List<String> participants() {
        return comments.stream().map(c -> c.author().subject()).distinct().toList();
    }
}
