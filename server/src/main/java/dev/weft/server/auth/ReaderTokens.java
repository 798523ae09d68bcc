package dev.weft.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens Weft mints for share-link readers: HS256 JWTs of their own type ({@code typ: weft-reader+jwt}) signed
 * with a key of Weft's, never the application's secret itself, so neither kind of token passes for the other. With a
 * secret the key is derived from it (HMAC-SHA256 of a fixed label), so reader tokens survive a restart; in the open
 * development mode it is random per start, and readers open their link again after a restart.
 *
 * <p>Claims: {@code sub} ({@value #SUBJECT_PREFIX} + the session id), {@code link}, {@code doc}, {@code scope}
 * ({@code read-only} or {@code comment}), {@code anon}, {@code exp}, and {@code name} unless anonymous.
 */
public final class ReaderTokens {
    /** What every reader's subject starts with; application tokens may not use it. */
    public static final String SUBJECT_PREFIX = "reader:";

    private static final JOSEObjectType TYPE = new JOSEObjectType("weft-reader+jwt");
    private static final String LINK = "link";
    private static final String DOC = "doc";
    private static final String ANONYMOUS = "anon";
    private static final String KEY_LABEL = "weft share-link reader sessions v1";

    private final byte[] key;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private ReaderTokens(byte[] key) {
        this.key = key;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().build(), Set.of("sub", "exp", LINK, DOC, JwtAuthenticator.SCOPE, ANONYMOUS));
        // Weft signs and checks these tokens by its own clock: no skew, so a session ends when it says.
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Reader tokens signed with a key derived from the application's secret. */
    static ReaderTokens derivedFrom(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return new ReaderTokens(mac.doFinal(KEY_LABEL.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Reader tokens signed with a random key: valid until the server stops. */
    static ReaderTokens random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ReaderTokens(key);
    }

    /**
     * Mints the token of a reader session.
     *
     * @param access {@link Access#READ_ONLY}, or {@link Access#COMMENT} when the link allows comments
     * @param name the reader's display name, empty when anonymous
     */
    public String mint(ReaderSession session, Access access, Optional<String> name, Instant expiry) {
        if (access.canEdit()) {
            throw new IllegalArgumentException("a reader never edits");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(session.subject())
                .claim(LINK, session.link())
                .claim(DOC, session.document())
                .claim(JwtAuthenticator.SCOPE, access.claim())
                .claim(ANONYMOUS, session.anonymous())
                .issueTime(new Date())
                .expirationTime(Date.from(expiry));
        name.ifPresent(n -> claims.claim(JwtAuthenticator.NAME, n));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a reader token", e);
        }
        return jwt.serialize();
    }

    /** Whether {@code token} claims to be a reader token (its header's type): it is then verified only as one. */
    static boolean isReaderToken(String token) {
        try {
            return TYPE.equals(JWSObject.parse(token).getHeader().getType());
        } catch (ParseException e) {
            return false;
        }
    }

    /** Verifies a reader token into the reader's grant: its one document, read-only or comment. */
    Grant verify(String token) throws AuthException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ExpiredJWTException e) {
            throw new AuthException(AuthException.Kind.EXPIRED_TOKEN, "the reader session has expired: open the link again");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new AuthException(AuthException.Kind.INVALID_TOKEN, "the reader token is invalid: " + e.getMessage());
        }
        try {
            String subject = claims.getSubject();
            Access access = Access.fromClaim(claims.getStringClaim(JwtAuthenticator.SCOPE))
                    .filter(a -> !a.canEdit())
                    .orElseThrow(() -> new ParseException("bad scope", 0));
            if (!subject.startsWith(SUBJECT_PREFIX)) {
                throw new ParseException("bad subject", 0);
            }
            String document = claims.getStringClaim(DOC);
            ReaderSession session = new ReaderSession(subject.substring(SUBJECT_PREFIX.length()),
                    claims.getStringClaim(LINK), document, Boolean.TRUE.equals(claims.getBooleanClaim(ANONYMOUS)));
            // The session's connections are closed when it ends.
            Instant expires = claims.getExpirationTime().toInstant();
            return new Grant(subject, access, List.of(new DocumentPattern(document)),
                    Optional.ofNullable(claims.getStringClaim(JwtAuthenticator.NAME)), Optional.of(session),
                    Optional.of(expires));
        } catch (ParseException | RuntimeException e) {
            throw new AuthException(AuthException.Kind.INVALID_TOKEN, "the reader token's claims are malformed");
        }
    }
}
