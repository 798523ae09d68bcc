package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/**
 * lib0's encoder for many small strings: all of them concatenated into one UTF-8 string, followed by their
 * lengths in UTF-16 code units through a {@link UintOptRleEncoder}.
 */
final class StringEncoder {
    private final StringBuilder strings = new StringBuilder();
    private final UintOptRleEncoder lengths = new UintOptRleEncoder();

    void write(String s) {
        strings.append(s);
        lengths.write(s.length());
    }

    /** The concatenated string and the lengths. */
    byte[] toByteArray() {
        Lib0Encoder encoder = new Lib0Encoder(strings.length() + 16);
        // Encoding the concatenation, not each string, matters: a lone high surrogate at the end of one string and a
        // lone low surrogate at the start of the next form a pair, which survives UTF-8 where each alone would not.
        encoder.writeVarString(strings.toString());
        encoder.writeUint8Array(lengths.toByteArray());
        return encoder.toByteArray();
    }
}
