package dev.weft.server.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.storage.sharing.AuditEntry;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log's vocabulary: what each sharing or role change is logged as. Details are small JSON objects; the
 * {@code target} is the member's subject or the link's id (or the copy's name for a duplication).
 */
final class Audit {
    static final String DOCUMENT_CREATED = "document.created";
    static final String DOCUMENT_RENAMED = "document.renamed";
    static final String DOCUMENT_DELETED = "document.deleted";
    static final String DOCUMENT_DUPLICATED = "document.duplicated";
    static final String MEMBER_ADDED = "member.added";
    static final String MEMBER_ROLE_CHANGED = "member.role_changed";
    static final String MEMBER_REMOVED = "member.removed";
    static final String LINK_CREATED = "link.created";
    static final String LINK_UNPUBLISHED = "link.unpublished";
    static final String LINK_REPUBLISHED = "link.republished";
    static final String LINK_REVOKED = "link.revoked";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Audit() {
    }

    /** An entry without details. */
    static AuditEntry entry(String document, Member actor, String action, String target, Instant at) {
        return new AuditEntry(document, actor.subject(), action, target, null, at);
    }

    /** An entry with details: pairs of names and values ({@code "from", "viewer", "to", "editor"}). */
    static AuditEntry entry(String document, Member actor, String action, String target, Instant at,
            Object... detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < detail.length; i += 2) {
            fields.put((String) detail[i], detail[i + 1]);
        }
        try {
            return new AuditEntry(document, actor.subject(), action, target, JSON.writeValueAsString(fields), at);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write an audit entry's details", e);
        }
    }

    /** The details of a stored entry as JSON, for the API. */
    static Object detail(AuditEntry entry) {
        if (entry.detail() == null) {
            return null;
        }
        try {
            return JSON.readTree(entry.detail());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("an audit entry's details are not JSON", e);
        }
    }
}
