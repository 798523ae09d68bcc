package dev.weft.storage.sharing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reader's session, opened from a share link: a participant of the link until it expires.
 *
 * @param displayName the name the reader gave; empty when anonymous
 */
public record LinkSessionRecord(String id, String link, Optional<String> displayName, Instant createdAt,
        Instant expiresAt) {

    public LinkSessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
