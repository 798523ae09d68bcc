package dev.weft.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.server.WeftServer;
import dev.weft.server.testing.ApiClient;
import dev.weft.server.testing.PeerOptions;
import dev.weft.server.testing.PeerState;
import dev.weft.server.testing.SyncPeer;
import dev.weft.server.testing.SyncPeers;
import dev.weft.server.testing.TestServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In the open development mode everyone edits, except share-link readers, whose tokens are still verified. */
class OpenModeSharingTest {
    @TempDir
    Path dataDir;

    @Test
    void aReaderStaysReadOnlyWhereEveryoneElseEdits() {
        try (WeftServer server = TestServers.open(dataDir); SyncPeers peers = SyncPeers.start()) {
            ApiClient anyone = ApiClient.as(server.port(), null);
            assertThat(anyone.post("/api/documents", Map.of("name", "notes")).body().path("role").asText()).isEqualTo("owner");
            String linkToken = anyone.post("/api/documents/notes/links", Map.of("allow_anonymous", true))
                    .body().path("token").asText();
            String readerToken = anyone.post("/api/links/" + linkToken + "/sessions", null).body().path("token").asText();
            URI uri = URI.create("ws://127.0.0.1:" + server.port());

            SyncPeer editor = peers.connect(uri, "notes");
            SyncPeer reader = peers.connect(uri, "notes", PeerOptions.defaults().token(readerToken));
            editor.insertText(0, "open");
            reader.awaitState("has the editor's text", s -> "open".equals(s.text()));
            reader.insertText(0, "closed? ");

            PeerState refused = reader.awaitState("told its edit was refused", s -> !s.permissionDenied().isEmpty());
            assertThat(refused.permissionDenied().getFirst()).contains("read-only");
            assertThat(anyone.get("/api/documents/notes/content").body().path("text").asText()).isEqualTo("open");
            assertThat(ApiClient.as(server.port(), readerToken).get("/api/documents/notes/presence").status())
                    .isEqualTo(200);
            assertThat(ApiClient.as(server.port(), readerToken).get("/api/documents").status()).isEqualTo(403);
        }
    }
}
