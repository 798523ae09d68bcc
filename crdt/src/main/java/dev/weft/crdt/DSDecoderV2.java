package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;

/** Reads delete sets in the update format V2. */
class DSDecoderV2 extends AbstractDSDecoder {
    private long dsCurrVal;

    DSDecoderV2(Lib0Decoder restDecoder) {
        super(restDecoder);
    }

    @Override
    public void resetDsCurVal() {
        dsCurrVal = 0;
    }

    @Override
    public long readDsClock() {
        dsCurrVal = checkedClock(dsCurrVal + restDecoder.readVarUint());
        return dsCurrVal;
    }

    @Override
    public long readDsLen() {
        long len = restDecoder.readVarUint() + 1;
        dsCurrVal = checkedClock(dsCurrVal + len);
        return len;
    }

    /** Sums of differences could otherwise grow past what Yjs's clocks (JS numbers) can hold. */
    private static long checkedClock(long clock) {
        if (clock > Lib0Encoder.MAX_VAR_UINT) {
            throw new DecodingException("Delete set clock out of range: " + clock);
        }
        return clock;
    }
}
