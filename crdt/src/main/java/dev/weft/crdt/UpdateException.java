package dev.weft.crdt;

/**
 * An update could not be applied because it is truncated or corrupt. The document is left as it was before the
 * update.
 */
public class UpdateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UpdateException(String message) {
        super(message);
    }

    public UpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
