package dev.weft.storage.sharing;

import java.time.Instant;
import java.util.Objects;

/**
 * A collaborator of a document and their role ({@code editor}, {@code commenter} or {@code viewer}).
 *
 * @param addedBy the subject who invited them
 */
public record MemberRecord(String document, String subject, String role, String addedBy, Instant addedAt,
        Instant updatedAt) {

    public MemberRecord {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(addedBy, "addedBy");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
