package dev.weft.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.weft.server.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reader tokens: minted by Weft, verified in both modes, never confused with an application's tokens. */
class ReaderTokensTest {
    private static final byte[] SECRET = Tokens.SECRET.getBytes(StandardCharsets.UTF_8);
    private static final ReaderSession SESSION = new ReaderSession("s1", "link1", "notes", false);

    @Test
    void aMintedTokenVerifiesIntoTheReadersGrantOnItsOneDocument() throws AuthException {
        Authenticator authenticator = Authenticator.jwt(SECRET);
        Instant end = Instant.parse("2100-01-01T00:00:00Z");
        String token = authenticator.readerTokens().mint(SESSION, Access.COMMENT, Optional.of("Ada"), end);

        Grant grant = authenticator.verify(Optional.of(token));
        // Its connections close when the session ends: Weft's own tokens get no clock skew.
        assertThat(grant.expires()).contains(end);

        assertThat(grant.subject()).isEqualTo("reader:s1");
        assertThat(grant.access()).isEqualTo(Access.COMMENT);
        assertThat(grant.name()).contains("Ada");
        assertThat(grant.reader()).contains(SESSION);
        assertThat(grant.covers("notes")).isTrue();
        assertThat(grant.covers("other")).isFalse();
    }

    @Test
    void theOpenModeVerifiesReaderTokensInsteadOfGrantingEverything() throws AuthException {
        Authenticator open = Authenticator.open();
        String token = open.readerTokens().mint(SESSION, Access.READ_ONLY, Optional.empty(), inAnHour());

        Grant grant = open.verify(Optional.of(token));
        assertThat(grant.isReader()).isTrue();
        assertThat(grant.access()).isEqualTo(Access.READ_ONLY);

        String expired = open.readerTokens().mint(SESSION, Access.READ_ONLY, Optional.empty(),
                Instant.now().minus(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> open.verify(Optional.of(expired))).isInstanceOf(AuthException.class)
                .extracting(e -> ((AuthException) e).kind()).isEqualTo(AuthException.Kind.EXPIRED_TOKEN);
        String foreign = Authenticator.open().readerTokens().mint(SESSION, Access.READ_ONLY, Optional.empty(), inAnHour());
        assertThatThrownBy(() -> open.verify(Optional.of(foreign))).isInstanceOf(AuthException.class)
                .extracting(e -> ((AuthException) e).kind()).isEqualTo(AuthException.Kind.INVALID_TOKEN);
    }

    @Test
    void readerTokensSurviveARestartWithTheSameSecretOnly() throws AuthException {
        String token = Authenticator.jwt(SECRET).readerTokens().mint(SESSION, Access.READ_ONLY, Optional.empty(), inAnHour());

        assertThat(Authenticator.jwt(SECRET).verify(Optional.of(token)).isReader()).isTrue();
        Authenticator other = Authenticator.jwt("another secret that is long enough for HS256".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> other.verify(Optional.of(token))).isInstanceOf(AuthException.class);
    }

    @Test
    void neitherKindOfTokenPassesForTheOther() throws JOSEException {
        Authenticator authenticator = Authenticator.jwt(SECRET);
        // An application token whose subject claims to be a reader is refused, though correctly signed.
        String posingAsReader = Tokens.sign(Tokens.SECRET, Tokens.claims("reader:s1", "read-write",
                java.util.List.of("notes"), inAnHour()));
        assertThatThrownBy(() -> authenticator.verify(Optional.of(posingAsReader))).isInstanceOf(AuthException.class)
                .hasMessageContaining("reader:");
        // The application's secret does not sign readers' tokens: Weft's reader key is derived from it.
        SignedJWT typedAsReader = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("weft-reader+jwt")).build(), new JWTClaimsSet.Builder()
                .subject("reader:s1").claim("link", "link1").claim("doc", "notes").claim("scope", "read-only")
                .claim("anon", true).expirationTime(Date.from(inAnHour())).build());
        typedAsReader.sign(new MACSigner(SECRET));
        assertThatThrownBy(() -> authenticator.verify(Optional.of(typedAsReader.serialize())))
                .isInstanceOf(AuthException.class).hasMessageContaining("reader token is invalid");
        assertThatThrownBy(() -> authenticator.readerTokens().mint(SESSION, Access.READ_WRITE, Optional.empty(), inAnHour()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anApplicationTokenMayCarryADisplayName() throws AuthException {
        Authenticator authenticator = Authenticator.jwt(SECRET);

        assertThat(authenticator.verify(Optional.of(Tokens.tokenFor("bob", "Bob B.", "read-write", "d"))).name())
                .contains("Bob B.");
        assertThat(authenticator.verify(Optional.of(Tokens.tokenFor("bob", null, "read-write", "d"))).name()).isEmpty();
        assertThatThrownBy(() -> authenticator.verify(Optional.of(Tokens.tokenFor("bob", "x".repeat(201), "read-write", "d"))))
                .isInstanceOf(AuthException.class).hasMessageContaining("name");
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }
}
