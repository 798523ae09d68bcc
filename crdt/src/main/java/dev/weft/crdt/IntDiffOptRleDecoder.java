package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;

/** Reads what {@link IntDiffOptRleEncoder} wrote. */
final class IntDiffOptRleDecoder {
    private final Lib0Decoder decoder;
    private long current;
    private long count;
    private long diff;

    IntDiffOptRleDecoder(Lib0Decoder decoder) {
        this.decoder = decoder;
    }

    /** @throws DecodingException when every value written has been read, or a value leaves the range ±2^53 */
    long read() {
        if (count == 0) {
            long encoded = decoder.readVarInt();
            diff = encoded >> 1; // floor division by two, as lib0's Math.floor(diff / 2)
            count = (encoded & 1) != 0 ? decoder.readVarUint() + 2 : 1;
        }
        current += diff;
        if (Math.abs(current) > Lib0Encoder.MAX_VAR_UINT) {
            throw new DecodingException("IntDiffOptRle value out of range: " + current);
        }
        count--;
        return current;
    }
}
