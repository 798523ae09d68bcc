package dev.weft.server.sharing;

import dev.weft.storage.sharing.DocumentRecord;
import dev.weft.storage.sharing.MemberRecord;
import dev.weft.storage.sharing.ShareLinkRecord;
import dev.weft.storage.sharing.SharingAuditLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the sharing API writes its resources as JSON: snake_case fields (as the share-link options
 * {@code allow_comments} ... are named), times as ISO-8601 instants, absent values as null.
 */
final class Views {
    private Views() {
    }

    static Map<String, Object> document(DocumentRecord record, Role role) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", record.name());
        view.put("title", record.title());
        view.put("owner", record.owner());
        view.put("role", role.jsonName());
        view.put("created_at", record.createdAt().toString());
        view.put("updated_at", record.updatedAt().toString());
        return view;
    }

    static Map<String, Object> owner(DocumentRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subject", record.owner());
        view.put("role", Role.OWNER.jsonName());
        view.put("added_by", null);
        view.put("added_at", record.createdAt().toString());
        view.put("updated_at", record.createdAt().toString());
        return view;
    }

    static Map<String, Object> member(MemberRecord member) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subject", member.subject());
        view.put("role", member.role());
        view.put("added_by", member.addedBy());
        view.put("added_at", member.addedAt().toString());
        view.put("updated_at", member.updatedAt().toString());
        return view;
    }

    /** A link without its token (which only its creation answers with). */
    static Map<String, Object> link(ShareLinkRecord link) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", link.id());
        view.put("document", link.document());
        view.put("allow_comments", link.allowComments());
        view.put("allow_anonymous", link.allowAnonymous());
        view.put("max_participants", link.maxParticipants().isPresent() ? link.maxParticipants().getAsInt() : null);
        view.put("expires_at", link.expiresAt().map(Object::toString).orElse(null));
        view.put("published", link.published());
        view.put("created_by", link.createdBy());
        view.put("created_at", link.createdAt().toString());
        view.put("updated_at", link.updatedAt().toString());
        return view;
    }

    static Map<String, Object> auditEntry(SharingAuditLog.Numbered numbered) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", numbered.id());
        view.put("actor", numbered.entry().actor());
        view.put("action", numbered.entry().action());
        view.put("target", numbered.entry().target());
        view.put("detail", Audit.detail(numbered.entry()));
        view.put("at", numbered.entry().at().toString());
        return view;
    }
}
