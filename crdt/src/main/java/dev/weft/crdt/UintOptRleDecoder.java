package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;

/** Reads what {@link UintOptRleEncoder} wrote. */
final class UintOptRleDecoder {
    private final Lib0Decoder decoder;
    private long current;
    private long count;

    UintOptRleDecoder(Lib0Decoder decoder) {
        this.decoder = decoder;
    }

    /** @throws DecodingException when every value written has been read */
    long read() {
        if (count == 0) {
            boolean run = decoder.peekVarIntNegative();
            current = Math.abs(decoder.readVarInt());
            count = run ? decoder.readVarUint() + 2 : 1;
        }
        count--;
        return current;
    }
}
