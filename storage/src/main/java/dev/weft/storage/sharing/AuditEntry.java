package dev.weft.storage.sharing;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a document's sharing audit log.
 *
 * @param document the document's name
 * @param actor the subject who made the change
 * @param action what was done, e.g. {@code member.role_changed} (the sharing feature's vocabulary)
 * @param target the member's subject or the link's id acted on; null if none
 * @param detail a JSON object with the change's details; null if none
 * @param at when
 */
public record AuditEntry(String document, String actor, String action, String target, String detail, Instant at) {

    public AuditEntry {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }
}
