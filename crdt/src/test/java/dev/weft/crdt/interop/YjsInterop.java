package dev.weft.crdt.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Yjs side of the differential tests: one long-lived Node process running client-js/peers/yjs-interop.js (the
 * real {@code yjs} package), spoken to in JSON lines over its stdin and stdout. A test class starts one and closes
 * it when done; starting Node per seed would cost more than the seed itself.
 *
 * <p>Requests are answered in order, one at a time; see client-js/peers/protocol.js for the operations.
 */
public final class YjsInterop implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Process node;
    private final BufferedWriter requests;
    private final BufferedReader responses;
    private long nextId = 1;

    private YjsInterop(Process node) {
        this.node = node;
        this.requests = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
        this.responses = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code node} (from the PATH) on the peers script of the repository's client-js. */
    public static YjsInterop start() {
        Path clientJs = WeftRoot.path().resolve("client-js");
        Path script = clientJs.resolve("peers/yjs-interop.js");
        if (!Files.isDirectory(clientJs.resolve("node_modules/yjs"))) {
            throw new IllegalStateException("yjs is not installed in " + clientJs + ": run `npm ci` there first");
        }
        try {
            Process node = new ProcessBuilder("node", script.toString())
                    .directory(clientJs.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new YjsInterop(node);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node (is Node.js 20+ on the PATH?)", e);
        }
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @param op the operation, e.g. "session"
     * @param params the request's other fields (left unchanged)
     * @return the response's {@code result}
     * @throws YjsInteropException if Node answered with an error or died
     */
    public synchronized JsonNode call(String op, ObjectNode params) {
        long id = nextId++;
        ObjectNode request = JSON.createObjectNode().put("id", id).put("op", op);
        request.setAll(params);
        String line;
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.write('\n');
            requests.flush();
            line = responses.readLine();
        } catch (IOException e) {
            throw new YjsInteropException("lost the Node process during " + op + ": " + e.getMessage() + exitStatus());
        }
        if (line == null) {
            throw new YjsInteropException("the Node process ended during " + op + exitStatus());
        }
        JsonNode response;
        try {
            response = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new YjsInteropException("Node answered " + op + " with a line that is not JSON: " + abbreviate(line));
        }
        if (response.path("id").asLong() != id) {
            throw new YjsInteropException("Node answered request " + response.path("id") + " when " + id + " was expected");
        }
        if (!response.path("ok").asBoolean()) {
            throw new YjsInteropException(op + " failed in Node: " + response.path("error").asText());
        }
        return response.get("result");
    }

    /** A fresh object node for building request parameters. */
    public static ObjectNode params() {
        return JSON.createObjectNode();
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

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /** Closes Node's stdin, on which it exits; kills it if it has not within a few seconds. */
    @Override
    public void close() {
        try {
            requests.close();
            if (!node.waitFor(5, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        } catch (IOException e) {
            node.destroyForcibly();
        } catch (InterruptedException e) {
            node.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The Node side failed or answered something the protocol does not allow. */
    public static final class YjsInteropException extends RuntimeException {
        YjsInteropException(String message) {
            super(message);
        }
    }
}
