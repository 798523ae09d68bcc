package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import java.util.function.Supplier;

/**
 * Bytes handed to this package cannot be decoded: an update, a state vector, a snapshot or a relative position that
 * is truncated or corrupt. The cause is the {@link DecodingException} that says what was wrong where. A document an
 * update failed on is left as it was before the update.
 *
 * <p>Every public method of {@code dev.weft.crdt} that decodes bytes reports bad input this way, and only this way
 * (the {@code lib0} package below reports it as {@link DecodingException}).
 */
public class UpdateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UpdateException(String message) {
        super(message);
    }

    public UpdateException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs {@code decoding}, which reads untrusted bytes, and reports bytes it cannot decode as an
     * UpdateException about {@code what}. Decoders signal bad input with {@link DecodingException}; any other
     * runtime exception is wrapped as well, as a safety net for input a decoder should have refused but did not
     * (the cause keeps it recognisable as a bug to fix, which the tests check).
     */
    static <T> T decoding(String what, Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (UpdateException e) {
            throw e;
        } catch (DecodingException e) {
            throw new UpdateException("corrupt " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UpdateException("corrupt " + what + " (" + e + ")", e);
        }
    }
}
