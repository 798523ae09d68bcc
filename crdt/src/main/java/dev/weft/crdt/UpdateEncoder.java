package dev.weft.crdt;

/**
 * Writes structs and delete sets of an update, in the format V1 ({@link UpdateEncoderV1}) or V2
 * ({@link UpdateEncoderV2}); {@code Item.write} calls these methods in the same order for both. Mirrors Yjs's
 * UpdateEncoderV1/V2.
 */
interface UpdateEncoder extends DSEncoder {
    void writeLeftId(ID id);

    void writeRightId(ID id);

    void writeClient(long client);

    /** The info byte of a struct: content ref in the low 5 bits, origin/rightOrigin/parentSub flags above. */
    void writeInfo(int info);

    void writeString(String s);

    /** Whether the parent is named by a root type's key (true) or by the ID of the item holding it (false). */
    void writeParentInfo(boolean isYKey);

    void writeTypeRef(int typeRef);

    void writeLen(long len);

    /** A value of the JS value model, as lib0's writeAny; both formats write it to the rest encoder. */
    default void writeAny(Object any) {
        restEncoder().writeAny(any);
    }

    /** Both formats write a byte array to the rest encoder, after its length. */
    default void writeBuf(byte[] buf) {
        restEncoder().writeVarUint8Array(buf);
    }

    /** An embed or format value: JSON text in V1, an any value in V2. */
    void writeJson(Object embed);

    /** A type's key, such as an XML element's node name. */
    void writeKey(String key);
}
