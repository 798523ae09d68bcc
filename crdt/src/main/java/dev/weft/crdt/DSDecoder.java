package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;

/**
 * Reads delete sets written by a {@link DSEncoder} of the same format. Mirrors Yjs's DSDecoderV1/V2. Reading past
 * the end throws {@link dev.weft.crdt.lib0.DecodingException}.
 */
interface DSDecoder {
    /** The decoder for everything the format does not put in a column of its own. */
    Lib0Decoder restDecoder();

    void resetDsCurVal();

    long readDsClock();

    long readDsLen();
}
