package dev.weft.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.weft.crdt.Doc;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.WeftServer;
import dev.weft.server.config.Limits;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one client may cost the server: frame size, connection count, unsent bytes of a client that stops reading. */
class LimitsTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int WRITE_BUFFER_LOW = 32 * 1024;
    private static final int WRITE_BUFFER_HIGH = 64 * 1024;
    private static final int NETTY_BOOKKEEPING_BYTES = 4 * 1024;

    @TempDir
    Path dataDir;

    private WeftServer start(Limits limits) {
        return WeftServer.start(TestServers.config(dataDir).withLimits(limits));
    }

    @Test
    void aFrameOverTheMaximumClosesItsConnectionWith1009() {
        try (WeftServer server = start(Limits.DEFAULTS.withMaxFrameBytes(MAX_FRAME));
                RawClient client = RawClient.connect(server.port(), "big")) {
            client.awaitMessage(SyncStep1.class);
            client.sendRefusable(new byte[MAX_FRAME + 1]);

            assertThat(client.awaitClose().code()).isEqualTo(CloseReason.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void connectionsOverTheMaximumAreAnswered503() {
        List<RawClient> open = new ArrayList<>();
        try (WeftServer server = start(Limits.DEFAULTS.withMaxConnections(3))) {
            for (int i = 0; i < 3; i++) {
                open.add(RawClient.connect(server.port(), "crowded"));
            }
            RawClient.HandshakeRefused refused = catchThrowableOfType(RawClient.HandshakeRefused.class,
                    () -> RawClient.connect(server.port(), "crowded"));
            assertThat(refused).isNotNull();
            assertThat(refused.status()).isEqualTo(503);

            open.removeFirst().close();
            await().untilAsserted(() -> RawClient.connect(server.port(), "crowded").close());
        } finally {
            open.forEach(RawClient::close);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedOnceItsUnsentBytesPassTwiceTheHighWatermark() throws Exception {
        Limits limits = Limits.DEFAULTS.withWriteBuffer(WRITE_BUFFER_LOW, WRITE_BUFFER_HIGH, Duration.ofSeconds(2));
        try (WeftServer server = start(limits);
                Socket slow = stalledWebSocket(server.port(), "firehose");
                RawClient writer = RawClient.connect(server.port(), "firehose")) {
            writer.awaitMessage(SyncStep1.class);
            AtomicLong mostUnsent = new AtomicLong();
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    mostUnsent.accumulateAndGet(server.unsentBytes(), Math::max);
                    Thread.onSpinWait();
                }
            });
            Doc doc = new Doc();
            String chunk = "x".repeat(16 * 1024);
            int largestUpdate = 0;
            // Far more than the socket buffers of the loopback hold, so that the server's own buffer fills.
            for (int i = 0; i < 1000 && !slowClosed(server); i++) {
                byte[] update = Edits.insert(doc, "t", chunk);
                largestUpdate = Math.max(largestUpdate, update.length);
                writer.send(new SyncUpdate(update));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> slowClosed(server));
            sampler.interrupt();
            sampler.join();

            // The bound, and the one message due when it was passed; Netty counts some bookkeeping in as unsent
            // (about 100 to 200 bytes per queued frame), a few KB for the frames of this bound.
            assertThat(mostUnsent.get()).isPositive()
                    .isLessThanOrEqualTo(limits.maxUnsentBytes() + largestUpdate + NETTY_BOOKKEEPING_BYTES);
            assertThat(writer.isClosed()).isFalse();
            // Closed at once, without waiting for a close frame the client will never read to be flushed (Netty's
            // force-close timeout is 10 s).
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(server.metrics().connections()).isEqualTo(1));
        }
    }

    @Test
    void aDocumentLargerThanTheUnsentBoundStillSyncsToAClientThatReads() {
        Limits limits = Limits.DEFAULTS.withWriteBuffer(WRITE_BUFFER_LOW, WRITE_BUFFER_HIGH, Duration.ofSeconds(2));
        try (WeftServer server = start(limits);
                RawClient writer = RawClient.connect(server.port(), "novel")) {
            writer.awaitMessage(SyncStep1.class);
            Doc doc = new Doc();
            String chapter = "y".repeat(16 * 1024);
            long written = 0;
            while (written <= 2 * limits.maxUnsentBytes()) {
                writer.send(new SyncUpdate(Edits.insert(doc, "t", chapter)));
                written += chapter.length();
            }
            String whole = doc.getText("t").toString();

            // Each new client gets the whole document in its sync step 2, one message over the bound on its own.
            await().untilAsserted(() -> {
                try (RawClient reader = RawClient.connect(server.port(), "novel")) {
                    reader.send(new SyncStep1(new byte[] {0}));
                    SyncStep2 answer = reader.awaitMessage(SyncStep2.class);
                    assertThat(Edits.textOf(answer.update(), "t")).isEqualTo(whole);
                    assertThat(reader.isClosed()).isFalse();
                }
            });
        }
    }

    @Test
    void aClientThatOnlyListensIsPingedAndStaysWhileOneThatIsSilentIsClosed() throws Exception {
        Limits limits = Limits.DEFAULTS.withKeepalive(Duration.ofMillis(200), Duration.ofMillis(600));
        try (WeftServer server = start(limits);
                RawClient writer = RawClient.connect(server.port(), "radio");
                RawClient listener = RawClient.connect(server.port(), "radio");
                Socket silent = stalledWebSocket(server.port(), "radio")) {
            writer.awaitMessage(SyncStep1.class);
            listener.awaitMessage(SyncStep1.class);
            Doc doc = new Doc();
            // The listener is sent something every 50 ms and sends nothing itself but the pongs its WebSocket
            // answers pings with: three times the pong timeout.
            for (int i = 0; i < 36; i++) {
                writer.send(new SyncUpdate(Edits.insert(doc, "t", "on air ")));
                Thread.sleep(50);
            }

            assertThat(listener.isClosed()).isFalse();
            assertThat(listener.messages()).filteredOn(SyncUpdate.class::isInstance).isNotEmpty();
            // A connection that answers nothing, not even pings, is closed.
            silent.setSoTimeout(5000);
            assertThat(readToEnd(silent)).as("closed by the server").isTrue();
        }
    }

    /** Reads (and drops) what arrives until the server closes the socket; false if it is still open by the timeout. */
    private static boolean readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // what the server sent before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static boolean slowClosed(WeftServer server) {
        return server.metrics().scrape().matches("(?s).*\\nweft_connections_slow_closed_total [1-9].*");
    }

    /** A WebSocket handshake by hand on a socket with a tiny receive buffer, which then never reads again. */
    private static Socket stalledWebSocket(int port, String document) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /" + document + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }
}
