package dev.weft.server.auth;

import java.util.Optional;

/**
 * Decides who may open which document: at the WebSocket upgrade and on every HTTP API request.
 *
 * <p>Two kinds: {@link #jwt(byte[]) tokens signed with a secret}, and the {@link #open() open development mode}
 * where everyone may do everything. Both also accept the share-link readers' tokens Weft mints itself
 * ({@link #readerTokens()}).
 */
public sealed interface Authenticator permits JwtAuthenticator, OpenAuthenticator {

    /** Verifies tokens signed with HS256 under {@code secret} (at least 32 bytes). */
    static Authenticator jwt(byte[] secret) {
        return new JwtAuthenticator(secret);
    }

    /** Lets everyone read and write every document, with or without a token. */
    static Authenticator open() {
        return new OpenAuthenticator();
    }

    /** Whether this is the open development mode. */
    boolean isOpen();

    /** Mints the tokens of share-link readers, which {@link #verify} accepts in either mode. */
    ReaderTokens readerTokens();

    /**
     * Verifies {@code token} (as given, or absent).
     *
     * @throws AuthException if the token is missing, malformed, badly signed, expired or lacks a claim
     */
    Grant verify(Optional<String> token) throws AuthException;

    /**
     * Verifies {@code token} and that it covers {@code document}.
     *
     * @throws AuthException as {@link #verify}, or {@link AuthException.Kind#FORBIDDEN} when the token does not
     *     cover the document
     */
    default Grant authorize(Optional<String> token, String document) throws AuthException {
        Grant grant = verify(token);
        if (!grant.covers(document)) {
            throw new AuthException(AuthException.Kind.FORBIDDEN,
                    "the token does not cover the document " + document);
        }
        return grant;
    }
}
