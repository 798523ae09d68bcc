package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/** Delete sets in the update format V1: every clock and length a plain var-uint. */
class DSEncoderV1 implements DSEncoder {
    Lib0Encoder restEncoder = new Lib0Encoder();

    @Override
    public Lib0Encoder restEncoder() {
        return restEncoder;
    }

    @Override
    public void setRestEncoder(Lib0Encoder restEncoder) {
        this.restEncoder = restEncoder;
    }

    @Override
    public byte[] toBytes() {
        return restEncoder.toByteArray();
    }

    @Override
    public void resetDsCurVal() {
        // V1 writes absolute clocks: there is no running value to reset
    }

    @Override
    public void writeDsClock(long clock) {
        restEncoder.writeVarUint(clock);
    }

    @Override
    public void writeDsLen(long len) {
        restEncoder.writeVarUint(len);
    }
}
