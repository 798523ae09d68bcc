package dev.weft.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editor page and its assets at {@code /}, from the classpath resources under {@value #ROOT} (client-js
 * builds them there). Files are read once, off the event loop, and kept in memory: they are few and small.
 */
final class StaticFiles {
    private static final Logger log = LoggerFactory.getLogger(StaticFiles.class);
    static final String ROOT = "dev/weft/server/web/";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "wasm", "application/wasm",
            "txt", "text/plain; charset=utf-8");

    private record StaticFile(byte[] bytes, String contentType) {
    }

    private final Executor blocking;
    /** Only files found are kept: caching misses would let any client grow the map with made-up paths. */
    private final ConcurrentMap<String, StaticFile> files = new ConcurrentHashMap<>();

    StaticFiles(Executor blocking) {
        this.blocking = blocking;
    }

    void serve(ChannelHandlerContext ctx, String rawPath, boolean keepAlive) {
        Optional<String> resource = resourceName(rawPath);
        if (resource.isEmpty()) {
            HttpResponses.send(ctx, keepAlive, notFound(rawPath));
            return;
        }
        StaticFile cached = files.get(resource.get());
        CompletableFuture<Optional<StaticFile>> file = cached != null
                ? CompletableFuture.completedFuture(Optional.of(cached))
                : CompletableFuture.supplyAsync(() -> read(resource.get()), blocking).thenApply(found -> {
                    found.ifPresent(f -> files.put(resource.get(), f));
                    return found;
                });
        file.whenComplete((found, failure) -> HttpResponses.send(ctx, keepAlive, failure != null
                ? unreadable(rawPath, failure)
                : found.map(StaticFiles::response).orElseGet(() -> notFound(rawPath))));
    }

    private static FullHttpResponse response(StaticFile file) {
        FullHttpResponse response = HttpResponses.bytes(HttpResponseStatus.OK, file.contentType(), file.bytes());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return response;
    }

    private static FullHttpResponse unreadable(String rawPath, Throwable failure) {
        log.error("reading {} failed", rawPath, failure);
        return HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "the server failed to read " + rawPath + "; the error is in its log");
    }

    private static FullHttpResponse notFound(String rawPath) {
        return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found", "no such resource: " + rawPath);
    }

    /** The resource a URL path names: {@code /} is the index page; nothing outside the root, no hidden files. */
    private static Optional<String> resourceName(String rawPath) {
        String path = rawPath.endsWith("/") ? rawPath + "index.html" : rawPath;
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.contains("%") || segment.contains("\\")) {
                return Optional.empty();
            }
        }
        return Optional.of(ROOT + path.substring(1));
    }

    private static Optional<StaticFile> read(String resource) {
        URL url = StaticFiles.class.getClassLoader().getResource(resource);
        if (url == null || isDirectory(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            return Optional.of(new StaticFile(in.readAllBytes(),
                    CONTENT_TYPES.getOrDefault(extension, "application/octet-stream")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Class loaders answer for directories too, and reading one gives a listing or nothing. */
    private static boolean isDirectory(URL url) {
        try {
            return switch (url.getProtocol()) {
                case "file" -> !Files.isRegularFile(Path.of(url.toURI()));
                case "jar" -> ((JarURLConnection) url.openConnection()).getJarEntry().isDirectory();
                default -> false;
            };
        } catch (IOException | URISyntaxException e) {
            return true;
        }
    }
}
