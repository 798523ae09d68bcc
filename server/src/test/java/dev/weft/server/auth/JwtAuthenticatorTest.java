package dev.weft.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import dev.weft.server.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {
    private final Authenticator authenticator = Authenticator.jwt(Tokens.SECRET.getBytes(StandardCharsets.UTF_8));

    @Test
    void aValidTokenGrantsItsScopeOnTheDocumentsItNames() throws AuthException {
        Grant grant = authenticator.authorize(Optional.of(Tokens.token("read-only", "notes", "team/*")), "team/plan");

        assertThat(grant.subject()).isEqualTo("alice");
        assertThat(grant.access()).isEqualTo(Access.READ_ONLY);
        assertThat(grant.covers("notes")).isTrue();
        assertThat(grant.covers("other")).isFalse();
    }

    @Test
    void eachScopeMapsToItsAccess() throws AuthException {
        assertThat(authenticator.verify(Optional.of(Tokens.token("read-write", "d"))).access().canEdit()).isTrue();
        assertThat(authenticator.verify(Optional.of(Tokens.token("comment", "d"))).access())
                .isEqualTo(Access.COMMENT);
        assertThat(Access.COMMENT.canEdit()).isFalse();
    }

    @Test
    void aTokenForOtherDocumentsIsForbidden() {
        assertThatThrownBy(() -> authenticator.authorize(Optional.of(Tokens.token("read-write", "a")), "b"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.kind()).isEqualTo(AuthException.Kind.FORBIDDEN));
    }

    @Test
    void missingExpiredForgedAndUnsignedTokensAreRefused() {
        assertThat(kindOf(Optional.empty())).isEqualTo(AuthException.Kind.MISSING_TOKEN);
        assertThat(kindOf(Optional.of(Tokens.expired(Duration.ofMinutes(5), "read-write", "d"))))
                .isEqualTo(AuthException.Kind.EXPIRED_TOKEN);
        String forged = Tokens.sign("another secret of thirty-two bytes or more!",
                Tokens.claims("mallory", "read-write", List.of("*"), Instant.now().plusSeconds(60)));
        assertThat(kindOf(Optional.of(forged))).isEqualTo(AuthException.Kind.INVALID_TOKEN);
        String unsigned = new PlainJWT(new PlainHeader(),
                Tokens.claims("mallory", "read-write", List.of("*"), Instant.now().plusSeconds(60))).serialize();
        assertThat(kindOf(Optional.of(unsigned))).isEqualTo(AuthException.Kind.INVALID_TOKEN);
        assertThat(kindOf(Optional.of("not a token"))).isEqualTo(AuthException.Kind.INVALID_TOKEN);
    }

    @Test
    void aTokenWithoutScopeOrDocsOrWithAnUnknownScopeIsInvalid() throws Exception {
        JWTClaimsSet noDocs = new JWTClaimsSet.Builder().subject("a").claim("scope", "read-write")
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(60))).build();
        assertThat(kindOf(Optional.of(Tokens.sign(Tokens.SECRET, noDocs)))).isEqualTo(AuthException.Kind.INVALID_TOKEN);
        assertThat(kindOf(Optional.of(Tokens.token("admin", "d")))).isEqualTo(AuthException.Kind.INVALID_TOKEN);
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512),
                Tokens.claims("a", "read-write", List.of("d"), Instant.now().plusSeconds(60)));
        hs512.sign(new MACSigner((Tokens.SECRET + Tokens.SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(kindOf(Optional.of(hs512.serialize()))).isEqualTo(AuthException.Kind.INVALID_TOKEN);
    }

    @Test
    void theOpenModeLetsEveryoneEditEverything() throws AuthException {
        Grant grant = Authenticator.open().authorize(Optional.empty(), "anything/at all");

        assertThat(grant.access()).isEqualTo(Access.READ_WRITE);
    }

    private AuthException.Kind kindOf(Optional<String> token) {
        try {
            authenticator.authorize(token, "d");
        } catch (AuthException e) {
            return e.kind();
        }
        throw new AssertionError("the token was accepted");
    }
}
