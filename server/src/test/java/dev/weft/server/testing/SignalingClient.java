package dev.weft.server.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A WebSocket client that speaks y-webrtc signalling as raw JSON text (the JDK's client), for exact replies and
 * for what a real provider never sends: malformed, oversized and forbidden messages, floods.
 */
public final class SignalingClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RawClient.Close> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SignalingClient(URI uri) {
        this.socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code ws://127.0.0.1:port/<pathAndQuery>}; fails with the handshake's HTTP status. */
    public static SignalingClient connect(int port, String pathAndQuery) {
        try {
            return new SignalingClient(URI.create("ws://127.0.0.1:" + port + "/" + pathAndQuery));
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new RawClient.HandshakeRefused(refused.getResponse().statusCode(),
                        String.valueOf(refused.getResponse().body()));
            }
            throw e;
        }
    }

    /** Sends one text frame. */
    public void send(String json) {
        socket.sendText(json, true).join();
    }

    public void sendBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    /** Sends a ping and waits for its pong: everything the server sent before it has arrived by then. */
    public void roundTrip() {
        int before = count("pong");
        send("{\"type\":\"ping\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("pong") > before);
    }

    /** Every message received so far, in order. */
    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    /** The received messages of a {@code type}, in order. */
    public List<JsonNode> messages(String type) {
        return messages.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** Waits until a received message matches and returns the first that does. */
    public JsonNode awaitMessage(Predicate<JsonNode> matching) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> messages.stream().filter(matching).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** Waits for an error frame with {@code code}. */
    public JsonNode awaitError(String code) {
        return awaitMessage(m -> "error".equals(m.path("type").asText())
                && code.equals(m.path("error").path("code").asText()));
    }

    /** Waits for the server to close the connection. */
    public RawClient.Close awaitClose() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> closed.getNow(null), c -> c != null);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    private int count(String type) {
        return messages(type).size();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException("the server sent text that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            messages.add(JSON.getNodeFactory().textNode("unexpected binary frame: "
                    + StandardCharsets.UTF_8.decode(data)));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new RawClient.Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new RawClient.Close(-1, String.valueOf(error)));
        }
    }
}
