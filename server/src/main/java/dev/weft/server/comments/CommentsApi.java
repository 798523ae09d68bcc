package dev.weft.server.comments;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.http.ApiResponse;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.http.EventStream;
import dev.weft.server.sharing.DocumentAccess;
import dev.weft.server.sharing.Member;
import dev.weft.server.sharing.Role;
import java.util.Base64;
import java.util.Map;

/**
 * The comments API (README, "Comments"): threads of a document, their comments, and the document's live event
 * stream. Every request is authorized through {@link DocumentAccess}: reading needs the viewer role, writing the
 * commenter role; what each caller may do to a thread is {@link CommentThreads}' business.
 */
public final class CommentsApi {
    private static final String THREADS = "/api/documents/{name}/threads";
    private static final String THREAD = THREADS + "/{thread}";
    private static final String COMMENT = THREAD + "/comments/{comment}";

    private final DocumentAccess access;
    private final CommentThreads threads;
    private final LiveEvents live;

    public CommentsApi(DocumentAccess access, CommentThreads threads, LiveEvents live) {
        this.access = access;
        this.threads = threads;
        this.live = live;
    }

    public void register(ApiRoutes routes) {
        routes.get(THREADS, this::list)
                .post(THREADS, this::open)
                .get(THREAD, this::get)
                .delete(THREAD, this::deleteThread)
                .post(THREAD + "/comments", this::reply)
                .patch(COMMENT, this::edit)
                .delete(COMMENT, this::deleteComment)
                .post(THREAD + "/resolve", request -> resolve(request, true))
                .post(THREAD + "/reopen", request -> resolve(request, false))
                .get("/api/documents/{name}/events", this::events);
    }

    private ApiResponse list(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.VIEWER);
        return ApiResponse.ok(Map.of("threads", threads.list(document, member, request.connectionThread())));
    }

    private ApiResponse get(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.VIEWER);
        return ApiResponse.ok(threads.get(document, id(request, "thread"), member, request.connectionThread()));
    }

    private ApiResponse open(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.COMMENTER);
        OpenThread body = request.bodyAs(OpenThread.class);
        if (body.anchor() == null) {
            throw ApiException.badRequest("invalid_anchor", "a thread needs an \"anchor\" with \"start\" and \"end\"");
        }
        return ApiResponse.created(threads.open(document, member, body.anchor().textName(),
                base64(body.anchor().start(), "start"),
                base64(body.anchor().end(), "end"), body.body(), body.isPrivate(), body.reader(),
                request.connectionThread()));
    }

    private ApiResponse reply(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.COMMENTER);
        return ApiResponse.created(threads.reply(document, id(request, "thread"), member,
                request.bodyAs(CommentBody.class).body()));
    }

    private ApiResponse edit(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.COMMENTER);
        return ApiResponse.ok(threads.edit(document, id(request, "thread"), id(request, "comment"), member,
                request.bodyAs(CommentBody.class).body()));
    }

    private ApiResponse deleteComment(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.VIEWER);
        threads.deleteComment(document, id(request, "thread"), id(request, "comment"), member);
        return ApiResponse.noContent();
    }

    private ApiResponse deleteThread(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.VIEWER);
        threads.deleteThread(document, id(request, "thread"), member);
        return ApiResponse.noContent();
    }

    private ApiResponse resolve(ApiRequest request, boolean resolved) throws AuthException {
        String document = request.pathParameter("name");
        Member member = access.require(request, document, Role.VIEWER);
        return ApiResponse.ok(threads.resolve(document, id(request, "thread"), member, resolved));
    }

    /**
     * Server-sent events: the comment events of the document this caller may see, and their notifications, for as
     * long as the caller may still read the document.
     */
    private ApiResponse events(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Grant grant = access.authenticate(request);
        Member member = access.require(request, document, Role.VIEWER);
        return EventStream.response(sink -> live.subscribe(document, member.subject(),
                () -> access.mayStillRead(grant, document), sink));
    }

    private static long id(ApiRequest request, String placeholder) {
        try {
            return Long.parseLong(request.pathParameter(placeholder));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no " + placeholder + " " + request.pathParameter(placeholder));
        }
    }

    private static byte[] base64(String value, String which) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("invalid_anchor", "the anchor needs \"" + which + "\"");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_anchor", "the anchor's \"" + which + "\" is not base64");
        }
    }

    /** {@code POST .../threads}: the anchor's two encoded relative positions, in base64, and the first comment. */
    record OpenThread(Anchor anchor, String body, @JsonProperty("private") boolean isPrivate, String reader) {
    }

    /** {@code type}: the name of the root Y.Text the positions are in, {@code "text"} if not given. */
    record Anchor(String start, String end, String type) {
        String textName() {
            return type == null || type.isEmpty() ? CommentThreads.DEFAULT_TEXT : type;
        }
    }

    record CommentBody(String body) {
    }
}
