package dev.weft.server.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Access tokens as a deployment would sign them: HS256 JWTs with sub, docs, scope and exp. */
public final class Tokens {
    /** A secret of the length HS256 needs, for tests. */
    public static final String SECRET = "a test secret that is long enough for HS256";

    private Tokens() {
    }

    /** A token for {@code docs} with {@code scope}, valid for an hour, signed with {@link #SECRET}. */
    public static String token(String scope, String... docs) {
        return sign(SECRET, claims("alice", scope, List.of(docs), Instant.now().plus(Duration.ofHours(1))));
    }

    /**
     * A token of {@code subject} with the display name {@code name} (none if null), valid for an hour: for tests
     * where several people share documents.
     */
    public static String tokenFor(String subject, String name, String scope, String... docs) {
        JWTClaimsSet claims = claims(subject, scope, List.of(docs), Instant.now().plus(Duration.ofHours(1)));
        return sign(SECRET, name == null ? claims : new JWTClaimsSet.Builder(claims).claim("name", name).build());
    }

    /** A token that expired {@code ago} ago. */
    public static String expired(Duration ago, String scope, String... docs) {
        return sign(SECRET, claims("alice", scope, List.of(docs), Instant.now().minus(ago)));
    }

    public static JWTClaimsSet claims(String subject, String scope, List<String> docs, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("scope", scope)
                .claim("docs", docs)
                .expirationTime(Date.from(expiry))
                .build();
    }

    public static String sign(String secret, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
