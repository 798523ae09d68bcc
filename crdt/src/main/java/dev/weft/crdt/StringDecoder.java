package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;

/** Reads what {@link StringEncoder} wrote. */
final class StringDecoder {
    private final String strings;
    private final UintOptRleDecoder lengths;
    private int position;

    StringDecoder(Lib0Decoder decoder) {
        this.strings = decoder.readVarString();
        this.lengths = new UintOptRleDecoder(decoder);
    }

    /** @throws DecodingException when the lengths run out or point past the concatenated string */
    String read() {
        long end = position + lengths.read();
        if (end > strings.length()) {
            throw new DecodingException("String of length " + (end - position) + " at " + position
                    + " runs past the " + strings.length() + " UTF-16 code units of the string column");
        }
        String s = strings.substring(position, (int) end);
        position = (int) end;
        return s;
    }
}
