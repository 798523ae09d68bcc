package dev.weft.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * JSON requests to a server's API as one caller (a bearer token, or none), through java.net.http as any client
 * would send them:
 *
 * <pre>{@code
 * ApiClient alice = ApiClient.as(server.port(), Tokens.tokenFor("alice", "Alice", "read-write", "alice/*"));
 * ApiClient.Response created = alice.post("/api/documents", Map.of("name", "alice/essay"));
 * assertThat(created.status()).isEqualTo(201);
 * }</pre>
 */
public record ApiClient(HttpClient http, int port, String token) {
    public static final ObjectMapper JSON = new ObjectMapper();

    public static ApiClient as(int port, String token) {
        return new ApiClient(HttpClient.newHttpClient(), port, token);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** A POST; {@code body} is written as JSON, or sent as it is if a String, or not at all if null. */
    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body instanceof String text
                            ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body));
            HttpResponse<String> response = http.send(request.header("Content-Type", "application/json")
                    .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A status and the JSON body (missing if none). */
    public record Response(int status, JsonNode body) {
        /** The {@code error.code} of an error answer. */
        public String errorCode() {
            return body.path("error").path("code").asText();
        }
    }
}
