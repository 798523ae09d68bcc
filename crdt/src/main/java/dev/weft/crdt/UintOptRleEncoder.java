package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/**
 * lib0's optimized run-length encoder for unsigned integers. A value that occurs once is written as a var-int; a
 * run is written as the negated value (negative zero for 0) followed by its length minus two, so single values
 * cost no count.
 */
final class UintOptRleEncoder {
    private final Lib0Encoder encoder = new Lib0Encoder();
    private long current;
    private long count;

    /** @throws IllegalArgumentException if {@code value} is negative */
    void write(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("UintOptRleEncoder takes unsigned values, got " + value);
        }
        if (current == value) {
            count++;
        } else {
            flush();
            count = 1;
            current = value;
        }
    }

    /** Ends the open run and returns everything written; later writes start a new run. */
    byte[] toByteArray() {
        flush();
        return encoder.toByteArray();
    }

    private void flush() {
        if (count > 0) {
            encoder.writeVarInt(current, count > 1);
            if (count > 1) {
                encoder.writeVarUint(count - 2);
            }
            count = 0;
        }
    }
}
