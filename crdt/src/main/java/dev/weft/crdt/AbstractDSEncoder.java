package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/** The rest encoder both formats have: delete sets, and everything else without a column of its own, go there. */
abstract class AbstractDSEncoder implements DSEncoder {
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
}
