package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/**
 * lib0's encoder for integers that mostly grow by a constant step (clocks). It writes the difference to the
 * previous value, doubled, with the lowest bit telling whether a run length (minus two) follows, so a run of
 * equal differences costs two numbers.
 */
final class IntDiffOptRleEncoder {
    private final Lib0Encoder encoder = new Lib0Encoder();
    private long current;
    private long count;
    private long diff;

    void write(long value) {
        if (diff == value - current) {
            current = value;
            count++;
        } else {
            flush();
            count = 1;
            diff = value - current;
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
            encoder.writeVarInt(diff * 2 + (count == 1 ? 0 : 1));
            if (count > 1) {
                encoder.writeVarUint(count - 2);
            }
            count = 0;
        }
    }
}
