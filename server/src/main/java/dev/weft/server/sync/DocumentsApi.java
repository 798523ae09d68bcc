package dev.weft.server.sync;

import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Authenticator;
import dev.weft.server.auth.DocumentAccessPolicy;
import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.http.ApiResponse;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.http.JsonBody;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET /api/documents/{name}}: a document's size, state vector and connected clients; and
 * {@code GET /api/documents/{name}/content}: its root types as JSON, by name ({@link dev.weft.crdt.Doc#toJson()}:
 * the server never declares the roots, so their kinds are inferred from their content). A name with a {@code /}
 * is written {@code %2F}. Both need a token that may read the document (any access), as the document access
 * policy decides (the document's roles where it has a record, the token's claims otherwise), unless the server
 * runs open.
 */
public final class DocumentsApi {
    private final Authenticator authenticator;
    private final DocumentAccessPolicy access;
    private final Rooms rooms;

    public DocumentsApi(Authenticator authenticator, DocumentAccessPolicy access, Rooms rooms) {
        this.authenticator = authenticator;
        this.access = access;
        this.rooms = rooms;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/documents/{name}", this::describe)
                .get("/api/documents/{name}/content", this::content);
    }

    private ApiResponse describe(ApiRequest request) throws AuthException {
        String name = authorized(request);
        DocumentView view = await(name, rooms.view(name, request.connectionThread()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", view.name());
        body.put("size", view.size());
        body.put("stateVector", Base64.getEncoder().encodeToString(view.stateVector()));
        body.put("clients", view.connections());
        return ApiResponse.ok(body);
    }

    /** The content is written as JSON on the room's thread: subdocuments in it belong to that thread. */
    private ApiResponse content(ApiRequest request) throws AuthException {
        String name = authorized(request);
        return ApiResponse.ok(await(name, rooms.read(name, request.connectionThread(), doc -> JsonBody.of(doc.toJson()))));
    }

    /** The document named in the path, once the policy has let the caller read it (it may read a database). */
    private String authorized(ApiRequest request) throws AuthException {
        String name = request.pathParameter("name");
        Grant grant = authenticator.verify(request.token());
        try {
            access.accessTo(grant, name).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AuthException refused) {
                throw refused;
            }
            throw e;
        }
        return name;
    }

    private static <T> T await(String name, CompletableFuture<Optional<T>> found) {
        return ApiException.await(found, "the document " + name + " could not be read")
                .orElseThrow(() -> ApiException.notFound("no document named " + name));
    }
}
