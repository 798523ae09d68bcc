package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;

/** Reads delete sets in the update format V1. */
class DSDecoderV1 extends AbstractDSDecoder {

    DSDecoderV1(Lib0Decoder restDecoder) {
        super(restDecoder);
    }

    @Override
    public void resetDsCurVal() {
        // V1 reads absolute clocks: there is no running value to reset
    }

    @Override
    public long readDsClock() {
        return restDecoder.readVarUint();
    }

    @Override
    public long readDsLen() {
        return restDecoder.readVarUint();
    }
}
