package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/**
 * lib0's run-length encoder for bytes: each value as a uint8, followed by the number of repetitions minus one as
 * a var-uint. The last run has no count: its decoder repeats it for as long as it is asked.
 */
final class RleEncoder {
    private final Lib0Encoder encoder = new Lib0Encoder();
    private int current;
    private long count;

    /** @param value a byte, 0..255 */
    void write(int value) {
        if (count > 0 && current == value) {
            count++;
        } else {
            if (count > 0) {
                encoder.writeVarUint(count - 1);
            }
            count = 1;
            encoder.writeUint8(value);
            current = value;
        }
    }

    /** The bytes written so far (the open run needs no flushing). */
    byte[] toByteArray() {
        return encoder.toByteArray();
    }
}
