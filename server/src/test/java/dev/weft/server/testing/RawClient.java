package dev.weft.server.testing;

import static org.awaitility.Awaitility.await;

import dev.weft.protocol.MessageReader;
import dev.weft.protocol.MessageWriter;
import dev.weft.protocol.SyncProtocolMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A WebSocket client that speaks y-websocket byte by byte (the JDK's client), for what a real provider never
 * sends: malformed and oversized frames, edits from a read-only connection, exact replies.
 */
public final class RawClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<byte[]> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final WebSocket socket;

    /** How the server closed the connection. */
    public record Close(int code, String reason) {
    }

    private RawClient(URI uri) {
        this.socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code ws://127.0.0.1:port/<pathAndQuery>}; fails with the handshake's HTTP status. */
    public static RawClient connect(int port, String pathAndQuery) {
        try {
            return new RawClient(URI.create("ws://127.0.0.1:" + port + "/" + pathAndQuery));
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefused(refused.getResponse().statusCode(), String.valueOf(refused.getResponse().body()));
            }
            throw e;
        }
    }

    /** The handshake was answered with an HTTP status instead of 101. */
    public static final class HandshakeRefused extends RuntimeException {
        private final int status;

        HandshakeRefused(int status, String body) {
            super("handshake refused with " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public void send(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    /**
     * Sends a frame that the server may refuse while it is still arriving (one over the size limit, say): the
     * server's close can end the output before the frame is out, and that is not an error here.
     */
    public void sendRefusable(byte[] frame) {
        try {
            send(frame);
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw e;
            }
        }
    }

    public void send(SyncProtocolMessage message) {
        send(MessageWriter.write(message));
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Every message received so far, decoded, in order. */
    public List<SyncProtocolMessage> messages() {
        List<SyncProtocolMessage> all = new ArrayList<>();
        for (byte[] frame : frames) {
            all.addAll(MessageReader.readAll(frame));
        }
        return all;
    }

    /** Waits until a received message matches and returns the first that does. */
    public <T extends SyncProtocolMessage> T awaitMessage(Class<T> kind, Predicate<T> matching) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> messages().stream()
                .filter(kind::isInstance).map(kind::cast).filter(matching).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits for a message of {@code kind} among those received after the first {@code skipped}. */
    public <T extends SyncProtocolMessage> T awaitMessageAfter(int skipped, Class<T> kind) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> messages().stream().skip(skipped)
                .filter(kind::isInstance).map(kind::cast).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    public <T extends SyncProtocolMessage> T awaitMessage(Class<T> kind) {
        return awaitMessage(kind, m -> true);
    }

    /** Waits for the server to close the connection. */
    public Close awaitClose() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> closed.getNow(null), c -> c != null);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                frames.add(partial.toByteArray());
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
