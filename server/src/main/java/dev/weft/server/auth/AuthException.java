package dev.weft.server.auth;

/** A request was refused: no token, a token that does not verify, or one that does not cover the document. */
public final class AuthException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why; each maps to one HTTP status and error code. */
    public enum Kind {
        /** No token was given where one is needed (401). */
        MISSING_TOKEN,
        /** The token is malformed, badly signed, or lacks a claim (401). */
        INVALID_TOKEN,
        /** The token has expired (401). */
        EXPIRED_TOKEN,
        /** The token is valid but does not cover this document (403). */
        FORBIDDEN
    }

    private final Kind kind;

    AuthException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** The caller is known but may not open or do this (403). */
    public static AuthException forbidden(String message) {
        return new AuthException(Kind.FORBIDDEN, message);
    }

    public Kind kind() {
        return kind;
    }
}
