package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;

/** Reads what {@link RleEncoder} wrote. */
final class RleDecoder {
    private final Lib0Decoder decoder;
    private int current;
    private long count;

    RleDecoder(Lib0Decoder decoder) {
        this.decoder = decoder;
    }

    /**
     * The next byte. A run that ends the input has no count and repeats forever, as in lib0.
     *
     * @throws DecodingException if the input is empty or ends inside a run's count
     */
    int read() {
        if (count == 0) {
            current = decoder.readUint8();
            count = decoder.hasContent() ? decoder.readVarUint() + 1 : -1;
        }
        count--;
        return current;
    }
}
