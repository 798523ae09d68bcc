package dev.weft.crdt.lib0;

/**
 * Thrown when bytes cannot be decoded: the input ends early, a number is longer or larger than lib0 allows, a
 * string is not valid UTF-8, or a tag is unknown. Decoders never guess a default for missing input.
 */
public class DecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DecodingException(String message) {
        super(message);
    }

    public DecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
