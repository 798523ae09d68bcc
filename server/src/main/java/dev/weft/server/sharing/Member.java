package dev.weft.server.sharing;

import java.util.Objects;
import java.util.Optional;

/**
 * Someone as one document sees them: who, under which name, with which role. What
 * {@link DocumentAccess#require} and {@link DocumentAccess#resolve} answer, and what features authorize by.
 *
 * @param subject the token's subject; for a share-link reader {@code reader:<session id>}
 * @param displayName the name to show: the token's {@code name}, the name a reader gave, else the subject, or
 *     {@value #ANONYMOUS} for anonymous readers and the open development mode
 * @param role the effective role on the document
 * @param readerSession the reader session's id if this is a share-link reader
 */
public record Member(String subject, String displayName, Role role, Optional<String> readerSession) {
    /** The display name of those who gave none. */
    public static final String ANONYMOUS = "Anonymous";

    public Member {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(readerSession, "readerSession");
    }

    /** Whether this is a share-link reader rather than a holder of an application token. */
    public boolean isReader() {
        return readerSession.isPresent();
    }
}
