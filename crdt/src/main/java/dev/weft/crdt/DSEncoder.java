package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/**
 * Writes delete sets, in the update format V1 ({@link DSEncoderV1}) or V2 ({@link DSEncoderV2}), so that the code
 * writing a delete set never asks which format it writes. Mirrors Yjs's DSEncoderV1/V2.
 */
interface DSEncoder {
    /** The encoder for everything the format does not put in a column of its own. */
    Lib0Encoder restEncoder();

    /**
     * Replaces the rest encoder: Yjs's lazy struct writer (merging and diffing updates) collects each client's
     * structs in a fresh one. {@link #restEncoder()} and {@link #toBytes()} then use the new encoder.
     */
    void setRestEncoder(Lib0Encoder restEncoder);

    /** The encoded bytes. */
    byte[] toBytes();

    /** Starts a new client's delete ranges: V2 writes clocks as differences within one client. */
    void resetDsCurVal();

    void writeDsClock(long clock);

    /** @param len the length of a deleted range, at least 1 */
    void writeDsLen(long len);
}
