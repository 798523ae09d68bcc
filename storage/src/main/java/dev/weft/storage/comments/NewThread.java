package dev.weft.storage.comments;

import java.util.Objects;

/**
 * What opening a thread stores: the anchor (checked by the caller against the document), the first comment, and
 * whether it is private. See {@link CommentThread} for the fields.
 */
public record NewThread(String document, byte[] anchorStart, byte[] anchorEnd, String anchorType, String quote,
        CommentAuthor author, String body, String privateTo) {

    public NewThread {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(anchorStart, "anchorStart");
        Objects.requireNonNull(anchorEnd, "anchorEnd");
        Objects.requireNonNull(anchorType, "anchorType");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
    }
}
