package dev.weft.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One long-lived Node process running a peer script of the repository's client-js/peers (sync-peers.js,
 * editor-pages.js), spoken to in JSON lines over its stdin and stdout as client-js/peers/line-protocol.js
 * describes: a request {@code {"id", "op", ...}} per line, a response {@code {"id", "ok", "result"|"error"}} per
 * line. Requests may be answered out of order (an operation may wait on the network or a browser), so responses
 * are matched to callers by id, and several threads may call at once.
 *
 * <p>Nothing here knows what the operations are: {@link SyncPeers} and {@link EditorPages} give them Java types.
 */
public final class NodePeer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final String script;
    private final Process node;
    private final OutputStream requests;
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    /** Why no more answers will come (Node ended or wrote garbage), once that has happened. */
    private volatile String ended;

    private NodePeer(String script, Process node) {
        this.script = script;
        this.node = node;
        this.requests = node.getOutputStream();
        Thread reader = new Thread(this::readResponses, "node " + script);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code node} (from the PATH) on {@code client-js/peers/<script>}.
     *
     * @param script the file name in client-js/peers, e.g. "sync-peers.js"
     */
    public static NodePeer start(String script) {
        Path clientJs = clientJs();
        Path path = clientJs.resolve("peers").resolve(script);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no peer script " + path);
        }
        if (!Files.isRegularFile(clientJs.resolve("node_modules/.package-lock.json"))) {
            throw new IllegalStateException("client-js's npm packages are not installed: run `./weft test`, or `npm ci` in " + clientJs);
        }
        try {
            Process node = new ProcessBuilder("node", path.toString())
                    .directory(clientJs.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new NodePeer(script, node);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node (is Node.js 20+ on the PATH?)", e);
        }
    }

    /** The repository's client-js, from the {@code weft.root} property that surefire sets to the reactor root. */
    static Path clientJs() {
        String root = System.getProperty("weft.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property weft.root is not set: run the tests through Maven (surefire sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize().resolve("client-js");
    }

    /** A fresh object node for a request's fields. */
    public static ObjectNode fields() {
        return JSON.createObjectNode();
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @param op the operation
     * @param fields the request's other fields (left unchanged)
     * @return the response's {@code result}
     * @throws NodePeerException if Node answered with an error, died, or did not answer within a minute
     */
    public JsonNode call(String op, ObjectNode fields) {
        long id = nextId.getAndIncrement();
        ObjectNode request = JSON.createObjectNode().put("id", id).put("op", op);
        request.setAll(fields);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        if (ended != null) {
            answer.completeExceptionally(new NodePeerException(ended));
        }
        try {
            byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.write(line);
                requests.flush();
            }
            JsonNode response = answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!response.path("ok").asBoolean()) {
                throw new NodePeerException(script + " failed " + op + ": " + response.path("error").asText());
            }
            return response.get("result");
        } catch (IOException e) {
            throw new NodePeerException("lost " + script + " during " + op + ": " + e.getMessage() + exitStatus());
        } catch (ExecutionException e) {
            throw new NodePeerException(e.getCause().getMessage() + " during " + op);
        } catch (TimeoutException e) {
            throw new NodePeerException(script + " did not answer " + op + " within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodePeerException("interrupted while waiting for " + op);
        } finally {
            waiting.remove(id);
        }
    }

    private void readResponses() {
        try (BufferedReader responses = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = responses.readLine()) != null) {
                JsonNode response = parse(line);
                long id = response.path("id").asLong(-1);
                CompletableFuture<JsonNode> answer = waiting.get(id);
                if (answer != null) {
                    answer.complete(response);
                } else if (id <= 0 || id >= nextId.get()) {
                    failAll(script + " answered request " + response.path("id") + ", which was never sent");
                    return;
                }
                // Otherwise a late answer to a call that gave up waiting: nobody wants it any more.
            }
            failAll(script + " ended" + exitStatus());
        } catch (IOException | NodePeerException e) {
            failAll(e.getMessage());
        }
    }

    private JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String shown = line.length() <= 200 ? line : line.substring(0, 200) + "...";
            throw new NodePeerException(script + " wrote a line that is not JSON: " + shown);
        }
    }

    private void failAll(String reason) {
        ended = reason;
        waiting.values().forEach(answer -> answer.completeExceptionally(new NodePeerException(reason)));
    }

    private String exitStatus() {
        try {
            if (node.waitFor(2, TimeUnit.SECONDS)) {
                return " (node exited with status " + node.exitValue() + "; its stderr is in the test output)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Closes Node's stdin, on which the script ends its clients and exits; kills it if it has not within 10 s. */
    @Override
    public void close() {
        try {
            synchronized (requests) {
                requests.close();
            }
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        } catch (IOException e) {
            node.destroyForcibly();
        } catch (InterruptedException e) {
            node.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The Node side failed, died, or answered something the protocol does not allow. */
    public static final class NodePeerException extends RuntimeException {
        NodePeerException(String message) {
            super(message);
        }
    }
}
