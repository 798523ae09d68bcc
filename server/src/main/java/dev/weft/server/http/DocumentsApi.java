package dev.weft.server.http;

import dev.weft.server.auth.AuthException;
import dev.weft.server.sync.DocumentView;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/documents/{name}}: a document's size, state vector and connected clients; and
 * {@code GET /api/documents/{name}/content}: its root types as JSON, by name ({@link dev.weft.crdt.Doc#toJson()}:
 * the server never declares the roots, so their kinds are inferred from their content). A name with a {@code /}
 * is written {@code %2F}. Both need a token covering the document (any scope), unless the server runs open.
 */
final class DocumentsApi {
    static final String PREFIX = "/api/documents/";
    private static final String CONTENT = "/content";
    private static final Logger log = LoggerFactory.getLogger(DocumentsApi.class);

    private final HttpServices services;

    DocumentsApi(HttpServices services) {
        this.services = services;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, boolean keepAlive) {
        String rest = uri.rawPath().substring(PREFIX.length());
        boolean content = rest.endsWith(CONTENT);
        Optional<String> name = DocumentNames.decode(content ? rest.substring(0, rest.length() - CONTENT.length()) : rest);
        if (name.isEmpty() || (!content && rest.contains("/"))) {
            HttpResponses.send(ctx, keepAlive, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found",
                    "no such resource: " + uri.rawPath()));
            return;
        }
        try {
            services.authenticator().authorize(RequestAuth.token(request, uri), name.get());
        } catch (AuthException e) {
            HttpResponses.send(ctx, keepAlive, RequestAuth.refusal(e));
            return;
        }
        // The content is serialised on the room's thread: subdocuments in it belong to that thread.
        CompletableFuture<Optional<FullHttpResponse>> found = content
                ? services.rooms().read(name.get(), ctx.channel().eventLoop(),
                        doc -> HttpResponses.json(HttpResponseStatus.OK, doc.toJson()))
                : services.rooms().view(name.get(), ctx.channel().eventLoop())
                        .thenApply(view -> view.map(v -> HttpResponses.json(HttpResponseStatus.OK, describe(v))));
        found.thenApply(response -> response.orElseGet(() -> notFound(name.get())))
                .exceptionally(failure -> failed(name.get(), failure))
                .thenAccept(r -> HttpResponses.send(ctx, keepAlive, r));
    }

    private static Map<String, Object> describe(DocumentView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", view.name());
        body.put("size", view.size());
        body.put("stateVector", Base64.getEncoder().encodeToString(view.stateVector()));
        body.put("clients", view.connections());
        return body;
    }

    private static FullHttpResponse notFound(String name) {
        return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found", "no document named " + name);
    }

    private static FullHttpResponse failed(String name, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        log.warn("reading the document {} for the API failed", name, cause);
        return HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                "the document " + name + " could not be read: " + cause.getMessage());
    }
}
