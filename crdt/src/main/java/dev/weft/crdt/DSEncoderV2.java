package dev.weft.crdt;

/**
 * Delete sets in the update format V2: within one client, each clock is written as the distance from the end of
 * the previous range, and each length minus one (a range is never empty).
 */
class DSEncoderV2 extends AbstractDSEncoder {
    private long dsCurrVal;

    @Override
    public void resetDsCurVal() {
        dsCurrVal = 0;
    }

    @Override
    public void writeDsClock(long clock) {
        long diff = clock - dsCurrVal;
        dsCurrVal = clock;
        restEncoder.writeVarUint(diff);
    }

    @Override
    public void writeDsLen(long len) {
        if (len <= 0) {
            throw new IllegalArgumentException("A deleted range is at least 1 long, got " + len);
        }
        restEncoder.writeVarUint(len - 1);
        dsCurrVal += len;
    }
}
