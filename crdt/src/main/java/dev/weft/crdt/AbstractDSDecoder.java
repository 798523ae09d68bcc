package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;

/** The rest decoder both formats have, the counterpart of {@link AbstractDSEncoder}. */
abstract class AbstractDSDecoder implements DSDecoder {
    final Lib0Decoder restDecoder;

    AbstractDSDecoder(Lib0Decoder restDecoder) {
        this.restDecoder = restDecoder;
    }

    @Override
    public Lib0Decoder restDecoder() {
        return restDecoder;
    }
}
