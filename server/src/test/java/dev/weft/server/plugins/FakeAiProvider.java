package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A local HTTP server standing in for an OpenAI-compatible provider, in the JDK's own HTTP server: it answers
 * {@code POST /v1/chat/completions} with the answers queued (an echo of the prompt when none is), and keeps every
 * request it got, headers and JSON body.
 */
public final class FakeAiProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted answer: status, body, headers, and how long to wait before answering. */
    public record Answer(int status, String body, Map<String, String> headers, Duration delay) {

        /** A completion of {@code text}, counting {@code promptTokens} and {@code completionTokens}. */
        public static Answer completion(String text, long promptTokens, long completionTokens) {
            try {
                return new Answer(200, JSON.writeValueAsString(Map.of(
                        "id", "chatcmpl-test", "object", "chat.completion", "model", "test-model",
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", text))),
                        "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
                                "total_tokens", promptTokens + completionTokens))), Map.of(), Duration.ZERO);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** An error in OpenAI's shape. */
        public static Answer error(int status, String code, String message) {
            return new Answer(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + code
                    + "\",\"code\":\"" + code + "\"}}", Map.of(), Duration.ZERO);
        }
    }

    /** A request the provider got. */
    public record Received(String path, String authorization, JsonNode body) {

        /** The content of the message with {@code role}, or null. */
        public String message(String role) {
            for (JsonNode message : body.path("messages")) {
                if (message.path("role").asText().equals(role)) {
                    return message.path("content").asText();
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public FakeAiProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    /** The base URL a client is configured with: {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public FakeAiProvider answer(Answer answer) {
        answers.add(answer);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Holds every answer (each request is received, then waits) until the latch returned is counted down: for a
     * test that needs a call in flight.
     */
    public CountDownLatch hold() {
        CountDownLatch held = new CountDownLatch(1);
        gate = held;
        return held;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            gate.await();
            Answer answer = answers.poll();
            if (answer == null) {
                answer = Answer.completion("echo: " + new Received("", "", body).message("user"), 10, 5);
            }
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
