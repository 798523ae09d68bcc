package dev.weft.crdt;

/** Delete sets in the update format V1: every clock and length a plain var-uint. */
class DSEncoderV1 extends AbstractDSEncoder {
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
