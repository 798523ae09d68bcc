package dev.weft.server.sharing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random tokens and ids, URL-safe base64 without padding, and the hash share-link tokens are stored under. A link's
 * token is 256 bits from {@link SecureRandom}; only its SHA-256 is stored, so a copy of the database opens nothing.
 */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** A share link's token: 256 random bits, 43 URL-safe characters. */
    static String linkToken() {
        return random(32);
    }

    /** An id that is unguessable but not a secret (a link's or a reader session's): 128 random bits. */
    static String id() {
        return random(16);
    }

    /** What a link's token is stored and looked up by. */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return URL_SAFE.encodeToString(value);
    }
}
