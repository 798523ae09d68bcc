package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the frame handler reads from the handshake's URI. */
class SyncFrameHandlerTest {

    @Test
    void extensionsAreAskedForOnePerParameterOrCommaSeparated() {
        assertThat(SyncFrameHandler.extensions("/doc")).isEmpty();
        assertThat(SyncFrameHandler.extensions("/doc?token=t&ext=comments&ext=notifications"))
                .containsExactlyInAnyOrder("comments", "notifications");
        assertThat(SyncFrameHandler.extensions("/doc?ext=comments,%20notifications,,"))
                .containsExactlyInAnyOrder("comments", "notifications");
    }
}
