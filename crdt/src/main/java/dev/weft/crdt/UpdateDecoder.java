package dev.weft.crdt;

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

    Object readAny();

    byte[] readBuf();

    Object readJson();

    String readKey();
}
