package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.server.WeftServer;
import dev.weft.server.sync.CloseReason;
import dev.weft.server.testing.RawClient;
import dev.weft.server.testing.TestServers;
import dev.weft.server.testing.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token is checked at the upgrade, and the connection it opened lasts only as long as the token does. */
class TokenExpiryTest {
    /**
     * The server accepts a token until its {@code exp} plus this skew: a token that expired a little less than this
     * ago is accepted and runs out a moment later, which is a short-lived token without a test that waits a minute.
     */
    private static final Duration SKEW = Duration.ofSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS);
    private static final Duration LEFT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void aConnectionIsClosedWith4401WhenItsTokenExpires() {
        try (WeftServer server = TestServers.withTokens(dataDir);
                RawClient expiring = RawClient.connect(server.port(),
                        "doc?token=" + Tokens.expired(SKEW.minus(LEFT), "read-write", "doc"));
                RawClient lasting = RawClient.connect(server.port(), "doc?token=" + Tokens.token("read-write", "doc"))) {
            expiring.awaitMessage(SyncStep1.class);
            lasting.awaitMessage(SyncStep1.class);
            // Open while the token lasts (exp has whole seconds: up to one less than LEFT).
            await().during(Duration.ofSeconds(2)).atMost(LEFT).until(() -> !expiring.isClosed());

            await().atMost(LEFT.multipliedBy(2)).until(expiring::isClosed);
            RawClient.Close close = expiring.awaitClose();
            assertThat(close).isEqualTo(new RawClient.Close(CloseReason.TOKEN_EXPIRED, "the access token has expired"));
            assertThat(lasting.isClosed()).isFalse();
            await().until(() -> server.metrics().connections() == 1);
        }
    }
}
