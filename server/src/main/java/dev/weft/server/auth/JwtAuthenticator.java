package dev.weft.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies HS256 JWTs signed with the configured secret. A token must carry {@code sub}, {@code exp},
 * {@code scope} ({@code read-write}, {@code comment} or {@code read-only}) and {@code docs} (a document name or
 * pattern, or a list of them), and may carry {@code name}, the holder's display name (at most
 * {@value #MAX_NAME_LENGTH} characters). Subjects starting with {@value ReaderTokens#SUBJECT_PREFIX} are Weft's
 * share-link readers' and are refused. Other algorithms, {@code none} included, are refused by the key selector;
 * expiry is checked with Nimbus's default clock skew of 60 seconds. Reader tokens Weft minted are told apart by
 * their type and verified by {@link ReaderTokens}.
 */
final class JwtAuthenticator implements Authenticator {

    static final String DOCS = "docs";
    static final String SCOPE = "scope";
    static final String NAME = "name";
    static final int MAX_NAME_LENGTH = 200;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final ReaderTokens readerTokens;

    JwtAuthenticator(byte[] secret) {
        readerTokens = ReaderTokens.derivedFrom(secret);
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret.clone())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().build(), Set.of("sub", "exp", SCOPE, DOCS)));
    }

    @Override
    public boolean isOpen() {
        return false;
    }

    @Override
    public ReaderTokens readerTokens() {
        return readerTokens;
    }

    @Override
    public Grant verify(Optional<String> token) throws AuthException {
        if (token.isEmpty() || token.get().isBlank()) {
            throw new AuthException(AuthException.Kind.MISSING_TOKEN, "an access token is required");
        }
        if (ReaderTokens.isReaderToken(token.get())) {
            return readerTokens.verify(token.get());
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.get(), null);
        } catch (ExpiredJWTException e) {
            throw new AuthException(AuthException.Kind.EXPIRED_TOKEN, "the access token has expired");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new AuthException(AuthException.Kind.INVALID_TOKEN, "the access token is invalid: " + e.getMessage());
        }
        return grantOf(claims);
    }

    private static Grant grantOf(JWTClaimsSet claims) throws AuthException {
        Object scope = claims.getClaim(SCOPE);
        Access access = scope instanceof String s ? Access.fromClaim(s).orElse(null) : null;
        if (access == null) {
            throw new AuthException(AuthException.Kind.INVALID_TOKEN,
                    "the access token's scope must be read-write, comment or read-only, not " + scope);
        }
        List<DocumentPattern> documents = new ArrayList<>();
        Object docs = claims.getClaim(DOCS);
        List<?> names = docs instanceof List<?> list ? list : docs == null ? List.of() : List.of(docs);
        for (Object name : names) {
            if (!(name instanceof String s) || s.isEmpty()) {
                throw new AuthException(AuthException.Kind.INVALID_TOKEN,
                        "the access token's docs must be document names or patterns, not " + docs);
            }
            documents.add(new DocumentPattern(s));
        }
        if (claims.getSubject().startsWith(ReaderTokens.SUBJECT_PREFIX)) {
            throw new AuthException(AuthException.Kind.INVALID_TOKEN,
                    "the access token's sub may not start with " + ReaderTokens.SUBJECT_PREFIX + ", which is Weft's readers'");
        }
        Object name = claims.getClaim(NAME);
        if (name != null && !(name instanceof String s && !s.isBlank() && s.length() <= MAX_NAME_LENGTH)) {
            throw new AuthException(AuthException.Kind.INVALID_TOKEN,
                    "the access token's name must be a non-blank string of at most " + MAX_NAME_LENGTH + " characters");
        }
        // Accepted until exp plus the skew the verifier allows: an open connection is closed from then on.
        Instant expires = claims.getExpirationTime().toInstant()
                .plusSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS);
        return new Grant(claims.getSubject(), access, documents, Optional.ofNullable((String) name).map(String::strip),
                Optional.empty(), Optional.of(expires));
    }
}
