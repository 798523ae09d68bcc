package dev.weft.storage.sharing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A share link of a document, without its token (only the token's hash is stored, apart from this).
 *
 * @param id the link's public id, which the owner manages it by (the token is what readers open it with)
 * @param maxParticipants how many reader sessions may be open at once; empty for no limit
 * @param expiresAt when the link stops opening; empty for never
 * @param published whether it opens now (an unpublished link can be republished)
 */
public record ShareLinkRecord(String id, String document, boolean allowComments, boolean allowAnonymous,
        OptionalInt maxParticipants, Optional<Instant> expiresAt, boolean published, String createdBy,
        Instant createdAt, Instant updatedAt) {

    public ShareLinkRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(maxParticipants, "maxParticipants");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether the link has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }
}
