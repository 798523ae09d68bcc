package dev.weft.storage.sharing;

import java.time.Instant;
import java.util.Objects;

/**
 * A document as a record: its name (the room's and the update log's, never changed), the title people see (what a
 * rename changes), and its owner.
 */
public record DocumentRecord(String name, String title, String owner, Instant createdAt, Instant updatedAt) {

    public DocumentRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
