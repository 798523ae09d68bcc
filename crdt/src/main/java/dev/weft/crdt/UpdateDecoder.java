package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;

/**
 * Reads structs and delete sets written by an {@link UpdateEncoder} of the same format. Mirrors Yjs's
 * UpdateDecoderV1/V2. Reading past the end or malformed input throws
 * {@link dev.weft.crdt.lib0.DecodingException}.
 */
interface UpdateDecoder extends DSDecoder {
    ID readLeftId();

    ID readRightId();

    long readClient();

    int readInfo();

    String readString();

    boolean readParentInfo();

    int readTypeRef();

    long readLen();

    default Object readAny() {
        return restDecoder().readAny();
    }

    default byte[] readBuf() {
        return restDecoder().readVarUint8Array();
    }

    Object readJson();

    String readKey();

    /** A type ref read as a var-uint: one an int cannot hold is refused, since a cast would wrap it onto a valid one. */
    static int typeRef(long value) {
        if (value > Integer.MAX_VALUE) {
            throw new DecodingException("Type ref out of range: " + value);
        }
        return (int) value;
    }
}
