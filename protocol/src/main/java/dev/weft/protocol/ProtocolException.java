package dev.weft.protocol;

import java.util.Objects;

/**
 * Thrown when bytes from a peer are not a message Weft can act on. Unchecked, and typed by a {@link Kind} so that
 * the server maps every protocol failure to a WebSocket close code in one place.
 *
 * <p>Nothing is applied when one is thrown: {@link MessageReader#readAll} rejects the whole frame and
 * {@link Awareness#apply} the whole awareness update.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Kind {
        /**
         * The bytes do not decode: a frame or message that ends early, an over-long or out-of-range number,
         * invalid UTF-8, bytes left over after an awareness update, an awareness state that is not JSON, or an
         * empty frame.
         */
        MALFORMED,
        /** The framing decodes but names a message type or subtype that Weft does not speak. */
        UNSUPPORTED_TYPE
    }

    private final Kind kind;

    public ProtocolException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ProtocolException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What was wrong with the input. */
    public Kind kind() {
        return kind;
    }
}
