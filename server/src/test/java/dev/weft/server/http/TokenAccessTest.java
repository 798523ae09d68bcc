package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.crdt.Doc;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import dev.weft.server.WeftServer;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import dev.weft.crdt.lib0.Lib0Encoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with a secret: tokens at the upgrade and on the API, and what a read-only connection may do. */
class TokenAccessTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY_UPDATE = {0, 0};

    @TempDir
    static Path dataDir;
    static WeftServer server;

    @BeforeAll
    static void start() {
        server = TestServers.withTokens(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theUpgradeRefusesMissingBadExpiredAndUncoveringTokens() {
        assertThat(refusal("doc")).isEqualTo(401);
        assertThat(refusal("doc?token=garbage")).isEqualTo(401);
        assertThat(refusal("doc?token=" + Tokens.expired(Duration.ofMinutes(5), "read-write", "doc"))).isEqualTo(401);
        assertThat(refusal("doc?token=" + Tokens.token("read-write", "other"))).isEqualTo(403);
    }

    @Test
    void aReadOnlyConnectionSyncsDownAndSendsAwarenessButItsEditsAreRefusedAndNeverApplied() throws Exception {
        Doc content = new Doc();
        try (RawClient writer = RawClient.connect(server.port(), "shared?token=" + Tokens.token("read-write", "shared"))) {
            writer.awaitMessage(SyncStep1.class);
            writer.send(new SyncUpdate(HttpApiTest.insert(content, "visible")));
            writer.send(new SyncStep1(new byte[] {0}));
            writer.awaitMessage(SyncStep2.class);

            try (RawClient reader = RawClient.connect(server.port(), "shared?token=" + Tokens.token("read-only", "shared"))) {
                reader.send(new SyncStep1(new byte[] {0}));
                SyncStep2 down = reader.awaitMessage(SyncStep2.class);
                Doc readerDoc = new Doc();
                readerDoc.applyUpdate(down.update());
                assertThat(readerDoc.getText("t").toString()).isEqualTo("visible");

                reader.send(new SyncStep2(EMPTY_UPDATE)); // what a provider answers the server's step 1 with
                reader.send(new SyncUpdate(HttpApiTest.insert(readerDoc, "refused ")));
                AuthPermissionDenied denied = reader.awaitMessage(AuthPermissionDenied.class);
                assertThat(denied.reason()).contains("read-only");

                reader.send(new AwarenessMessage(awareness(42, "{\"name\":\"reader\"}")));
                writer.awaitMessage(AwarenessMessage.class);
                assertThat(reader.messages()).filteredOn(AuthPermissionDenied.class::isInstance).hasSize(1);
                assertThat(writer.messages()).noneMatch(SyncUpdate.class::isInstance);
            }
            int before = writer.messages().size();
            writer.send(new SyncStep1(new byte[] {0}));
            SyncStep2 state = writer.awaitMessageAfter(before, SyncStep2.class);
            Doc stored = new Doc();
            stored.applyUpdate(state.update());
            assertThat(stored.getText("t").toString()).isEqualTo("visible");
        }
    }

    @Test
    void theApiTakesABearerTokenOrATokenParameterCoveringTheDocument() throws Exception {
        try (RawClient writer = RawClient.connect(server.port(), "api?token=" + Tokens.token("read-write", "api"))) {
            writer.awaitMessage(SyncStep1.class);
            writer.send(new SyncUpdate(HttpApiTest.insert(new Doc(), "x")));
            await().until(() -> status("/api/documents/api", Tokens.token("read-only", "api")) == 200);
        }
        assertThat(status("/api/documents/api", null)).isEqualTo(401);
        assertThat(status("/api/documents/api", Tokens.token("read-only", "other"))).isEqualTo(403);
        HttpResponse<String> byParameter = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/api/documents/api?token=" + Tokens.token("comment", "api"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byParameter.statusCode()).isEqualTo(200);
        HttpResponse<String> unauthorized = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/api/documents/api")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(unauthorized.body()).path("error").path("code").asText()).isEqualTo("missing_token");
    }

    private static int refusal(String pathAndQuery) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(RawClient.HandshakeRefused.class,
                () -> RawClient.connect(server.port(), pathAndQuery).close());
        assertThat(thrown).as("the upgrade to %s was refused", pathAndQuery).isNotNull();
        return thrown.status();
    }

    private static int status(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static byte[] awareness(long clientId, String state) {
        Lib0Encoder encoder = new Lib0Encoder();
        encoder.writeVarUint(1);
        encoder.writeVarUint(clientId);
        encoder.writeVarUint(1);
        encoder.writeVarString(state);
        return encoder.toByteArray();
    }
}
