package dev.weft.server.auth;

import java.util.Objects;

/**
 * The part of a {@link Grant} that only a share-link reader has: which session of which link the token was minted
 * for. Weft mints these tokens itself when someone opens a link ({@link ReaderTokens#mint}); they cover exactly
 * one document and never edit it.
 *
 * @param id the reader session's id (also the grant's subject, after {@link ReaderTokens#SUBJECT_PREFIX})
 * @param link the id of the share link that was opened
 * @param document the one document the session may read
 * @param anonymous whether the reader gave no display name
 */
public record ReaderSession(String id, String link, String document, boolean anonymous) {

    public ReaderSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(document, "document");
    }

    /** The subject of a reader's grant: never equal to an application token's, whose subjects may not use the prefix. */
    public String subject() {
        return ReaderTokens.SUBJECT_PREFIX + id;
    }
}
