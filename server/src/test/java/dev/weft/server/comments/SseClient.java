package dev.weft.server.comments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.server.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server-sent events client, as a page's EventSource reads a stream: lines parsed into events (name and data)
 * on a virtual thread, kept in arrival order for the test to inspect.
 */
final class SseClient implements AutoCloseable {
    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens the stream at {@code path}; returns once the response's headers are in. */
    static SseClient open(int port, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .build();
        try {
            return new SseClient(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            List<String> data = new ArrayList<>();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (name != null) {
                        events.add(new Event(name, ApiClient.JSON.readTree(String.join("\n", data))));
                    }
                    name = null;
                    data.clear();
                } else if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.add(line.substring("data: ".length()));
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
        ended = true;
    }

    /** Whether the stream has ended: the server closed it (or the test did). */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
        reader.interrupt();
    }

    /** One event: its name and its data read as JSON. */
    record Event(String name, JsonNode data) {
    }
}
