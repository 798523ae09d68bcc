package dev.weft.server.sharing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.http.ApiResponse;
import dev.weft.server.http.ApiRoutes;
import dev.weft.storage.sharing.DocumentRecord;
import dev.weft.storage.sharing.SharingAuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents as records, their collaborators and their audit log:
 *
 * <pre>
 * POST   /api/documents                              create {name, title?}: the caller owns it
 * GET    /api/documents                              the records the caller owns or was invited to
 * PATCH  /api/documents/{name}                       rename {title} (owner)
 * DELETE /api/documents/{name}                       delete record, links and content (owner)
 * GET    /api/documents/{name}/members               the owner and collaborators (any collaborator)
 * PUT    /api/documents/{name}/members/{subject}     invite or change role {role} (owner)
 * DELETE /api/documents/{name}/members/{subject}     remove (owner)
 * GET    /api/documents/{name}/audit?after=&amp;limit=   sharing and role changes, oldest first (owner)
 * </pre>
 */
final class DocumentRecordsApi {
    private static final int DEFAULT_AUDIT_PAGE = 100;
    private static final int MAX_AUDIT_PAGE = 500;

    private final DocumentAccess access;
    private final DocumentRecords records;
    private final SharingAuditLog audit;

    DocumentRecordsApi(DocumentAccess access, DocumentRecords records, SharingAuditLog audit) {
        this.access = access;
        this.records = records;
        this.audit = audit;
    }

    void register(ApiRoutes routes) {
        routes.post("/api/documents", this::create)
                .get("/api/documents", this::list)
                .patch("/api/documents/{name}", this::rename)
                .delete("/api/documents/{name}", this::delete)
                .get("/api/documents/{name}/members", this::members)
                .put("/api/documents/{name}/members/{subject}", this::setRole)
                .delete("/api/documents/{name}/members/{subject}", this::remove)
                .get("/api/documents/{name}/audit", this::auditLog);
    }

    record CreateDocument(@JsonProperty("name") String name, @JsonProperty("title") String title) {
    }

    record Rename(@JsonProperty("title") String title) {
    }

    record SetRole(@JsonProperty("role") String role) {
    }

    private ApiResponse create(ApiRequest request) throws AuthException {
        CreateDocument body = request.bodyAs(CreateDocument.class);
        String name = Inputs.documentName(body.name());
        String title = body.title() == null ? defaultTitle(name) : Inputs.title(body.title());
        Member creator = access.requireCreator(request, name);
        return ApiResponse.created(Views.document(records.create(creator, name, title), Role.OWNER));
    }

    private ApiResponse list(ApiRequest request) throws AuthException {
        Grant grant = access.requireUser(request);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (DocumentRecord record : records.visibleTo(grant)) {
            access.resolve(grant, record.name()).ifPresent(m -> documents.add(Views.document(record, m.role())));
        }
        return ApiResponse.ok(Map.of("documents", documents));
    }

    private ApiResponse rename(ApiRequest request) throws AuthException {
        String name = request.pathParameter("name");
        Member owner = owner(request, name);
        String title = Inputs.title(request.bodyAs(Rename.class).title());
        return ApiResponse.ok(Views.document(records.rename(owner, name, title), Role.OWNER));
    }

    private ApiResponse delete(ApiRequest request) throws AuthException {
        String name = request.pathParameter("name");
        records.delete(owner(request, name), name);
        return ApiResponse.noContent();
    }

    private ApiResponse members(ApiRequest request) throws AuthException {
        String name = request.pathParameter("name");
        Member caller = access.requireRecorded(request, name, Role.VIEWER);
        if (caller.isReader()) {
            throw ApiException.forbidden("a share-link reader does not see the document's collaborators");
        }
        DocumentRecord record = records.find(name).orElseThrow();
        List<Map<String, Object>> members = new ArrayList<>();
        members.add(Views.owner(record));
        records.members(name).forEach(m -> members.add(Views.member(m)));
        return ApiResponse.ok(Map.of("members", members));
    }

    private ApiResponse setRole(ApiRequest request) throws AuthException {
        String name = request.pathParameter("name");
        Member owner = owner(request, name);
        String subject = Inputs.subject(request.pathParameter("subject"));
        String roleName = request.bodyAs(SetRole.class).role();
        Role role = Optional.ofNullable(roleName).flatMap(Role::parse).orElseThrow(() -> ApiException.badRequest(
                "invalid_role", "role must be editor, commenter or viewer"));
        DocumentRecords.Invitation invitation = records.setRole(owner, name, subject, role);
        Map<String, Object> view = Views.member(invitation.member());
        return invitation.created() ? ApiResponse.created(view) : ApiResponse.ok(view);
    }

    private ApiResponse remove(ApiRequest request) throws AuthException {
        String name = request.pathParameter("name");
        records.remove(owner(request, name), name, request.pathParameter("subject"));
        return ApiResponse.noContent();
    }

    private ApiResponse auditLog(ApiRequest request) throws AuthException {
        String name = request.pathParameter("name");
        owner(request, name);
        long after = number(request, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(request, "limit", 1, MAX_AUDIT_PAGE, DEFAULT_AUDIT_PAGE);
        List<SharingAuditLog.Numbered> entries = audit.list(name, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", entries.stream().map(Views::auditEntry).toList());
        body.put("next_after", entries.size() == limit ? entries.getLast().id() : null);
        return ApiResponse.ok(body);
    }

    /** The caller, who must own the document's record. */
    private Member owner(ApiRequest request, String name) throws AuthException {
        return access.requireRecorded(request, name, Role.OWNER);
    }

    private static long number(ApiRequest request, String parameter, long min, long max, long fallback) {
        Optional<String> value = request.queryParameter(parameter);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_" + parameter, parameter + " must be a whole number from " + min
                + " to " + max);
    }

    /** A document created without a title is titled by its name's last segment. */
    private static String defaultTitle(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1).strip();
        String title = last.isEmpty() ? name : last;
        return title.length() > Inputs.MAX_TITLE ? title.substring(0, Inputs.MAX_TITLE) : title;
    }
}
