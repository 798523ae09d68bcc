package dev.weft.server.sharing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.http.ApiResponse;
import dev.weft.server.http.ApiRoutes;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Share links and the reader sessions opened from them:
 *
 * <pre>
 * POST   /api/documents/{name}/links                  create {allow_comments, allow_anonymous, max_participants,
 *                                                     expires_at}: answers the token, once (owner)
 * GET    /api/documents/{name}/links                  the document's links, without tokens (owner)
 * POST   /api/documents/{name}/links/{id}/unpublish   stop opening; readers' connections close (owner)
 * POST   /api/documents/{name}/links/{id}/republish   open again (owner)
 * DELETE /api/documents/{name}/links/{id}            revoke for good; readers' connections close (owner)
 * POST   /api/documents/{name}/duplicates             copy the current state into a new document with its own link
 *                                                     {name?, title?, link options} (owner)
 * GET    /api/links/{token}                           what the link opens and asks (no token needed)
 * POST   /api/links/{token}/sessions                  open a reader session {name?}: a reader token (no token needed)
 * DELETE /api/reader-sessions/{id}                    end a reader session: the reader themself, or the owner
 * </pre>
 */
final class ShareLinksApi {
    private final DocumentAccess access;
    private final ShareLinks links;
    private final DocumentRecords records;
    private final InstantSource clock;

    ShareLinksApi(DocumentAccess access, ShareLinks links, DocumentRecords records, InstantSource clock) {
        this.access = access;
        this.links = links;
        this.records = records;
        this.clock = clock;
    }

    void register(ApiRoutes routes) {
        routes.post("/api/documents/{name}/links", this::create)
                .get("/api/documents/{name}/links", this::list)
                .post("/api/documents/{name}/links/{id}/unpublish", request -> setPublished(request, false))
                .post("/api/documents/{name}/links/{id}/republish", request -> setPublished(request, true))
                .delete("/api/documents/{name}/links/{id}", this::revoke)
                .post("/api/documents/{name}/duplicates", this::duplicate)
                .get("/api/links/{token}", this::preview)
                .post("/api/links/{token}/sessions", this::open)
                .delete("/api/reader-sessions/{id}", this::endSession);
    }

    record Duplication(@JsonProperty("name") String name, @JsonProperty("title") String title,
            @JsonProperty("allow_comments") Boolean allowComments,
            @JsonProperty("allow_anonymous") Boolean allowAnonymous,
            @JsonProperty("max_participants") Integer maxParticipants,
            @JsonProperty("expires_at") String expiresAt) {
    }

    record Opening(@JsonProperty("name") String name) {
    }

    private ApiResponse create(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member owner = access.requireRecorded(request, document, Role.OWNER);
        LinkOptions.Json body = request.body().length == 0
                ? new LinkOptions.Json(null, null, null, null)
                : request.bodyAs(LinkOptions.Json.class);
        return ApiResponse.created(created(links.create(owner, document, body.checked(clock.instant()))));
    }

    private ApiResponse list(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        access.requireRecorded(request, document, Role.OWNER);
        return ApiResponse.ok(Map.of("links", links.list(document).stream().map(Views::link).toList()));
    }

    private ApiResponse setPublished(ApiRequest request, boolean published) throws AuthException {
        String document = request.pathParameter("name");
        Member owner = access.requireRecorded(request, document, Role.OWNER);
        return ApiResponse.ok(Views.link(links.setPublished(owner, document, request.pathParameter("id"), published)));
    }

    private ApiResponse revoke(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member owner = access.requireRecorded(request, document, Role.OWNER);
        links.revoke(owner, document, request.pathParameter("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse duplicate(ApiRequest request) throws AuthException {
        String source = request.pathParameter("name");
        Member owner = access.requireRecorded(request, source, Role.OWNER);
        Duplication body = request.body().length == 0
                ? new Duplication(null, null, null, null, null, null)
                : request.bodyAs(Duplication.class);
        LinkOptions options = new LinkOptions.Json(body.allowComments(), body.allowAnonymous(), body.maxParticipants(),
                body.expiresAt()).checked(clock.instant());
        String copyName = Inputs.documentName(body.name() != null ? body.name()
                : source + "-copy-" + Secrets.id().substring(0, 8));
        String title = body.title() != null ? Inputs.title(body.title())
                : Inputs.title(shortened(records.find(source).orElseThrow().title(), " (shared copy)"));
        access.requireCreator(request, copyName);
        ShareLinks.Duplicate duplicate = links.duplicate(owner, source, copyName, title, options,
                request.connectionThread());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("document", Views.document(duplicate.copy(), Role.OWNER));
        answer.put("link", created(duplicate.link()));
        return ApiResponse.created(answer);
    }

    private ApiResponse preview(ApiRequest request) {
        ShareLinks.LinkPreview preview = links.preview(request.pathParameter("token"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", preview.document().name());
        body.put("title", preview.document().title());
        body.put("allow_comments", preview.link().allowComments());
        body.put("allow_anonymous", preview.link().allowAnonymous());
        body.put("expires_at", preview.link().expiresAt().map(Object::toString).orElse(null));
        return ApiResponse.ok(body);
    }

    private ApiResponse open(ApiRequest request) {
        Opening opening = request.body().length == 0 ? new Opening(null) : request.bodyAs(Opening.class);
        Optional<String> name = Optional.ofNullable(opening.name()).map(Inputs::displayName);
        ShareLinks.OpenedSession session = links.open(request.pathParameter("token"), name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", session.token());
        body.put("session", session.session().id());
        body.put("document", session.document().name());
        body.put("title", session.document().title());
        body.put("role", session.role().jsonName());
        body.put("name", session.session().displayName().orElse(Member.ANONYMOUS));
        body.put("anonymous", session.session().displayName().isEmpty());
        body.put("expires_at", session.session().expiresAt().toString());
        return ApiResponse.created(body);
    }

    private ApiResponse endSession(ApiRequest request) throws AuthException {
        String id = request.pathParameter("id");
        Grant caller = access.authenticate(request);
        boolean ownSession = caller.reader().map(reader -> reader.id().equals(id)).orElse(false);
        if (!ownSession) {
            String document = links.documentOfSession(id).orElseThrow(() -> ApiException.notFound("no reader session " + id));
            access.requireRecorded(request, document, Role.OWNER);
        }
        links.endSession(id);
        return ApiResponse.noContent();
    }

    /** A created link's view: with its token, which is never shown again. */
    private static Map<String, Object> created(ShareLinks.CreatedLink created) {
        Map<String, Object> view = Views.link(created.link());
        view.put("token", created.token());
        return view;
    }

    private static String shortened(String title, String suffix) {
        int room = Inputs.MAX_TITLE - suffix.length();
        return (title.length() > room ? title.substring(0, room) : title) + suffix;
    }
}
