package dev.weft.crdt;

/** The update format V1: every field written in order into one lib0 stream. */
final class UpdateEncoderV1 extends DSEncoderV1 implements UpdateEncoder {
    @Override
    public void writeLeftId(ID id) {
        restEncoder.writeVarUint(id.client());
        restEncoder.writeVarUint(id.clock());
    }

    @Override
    public void writeRightId(ID id) {
        restEncoder.writeVarUint(id.client());
        restEncoder.writeVarUint(id.clock());
    }

    @Override
    public void writeClient(long client) {
        restEncoder.writeVarUint(client);
    }

    @Override
    public void writeInfo(int info) {
        restEncoder.writeUint8(info);
    }

    @Override
    public void writeString(String s) {
        restEncoder.writeVarString(s);
    }

    @Override
    public void writeParentInfo(boolean isYKey) {
        restEncoder.writeVarUint(isYKey ? 1 : 0);
    }

    @Override
    public void writeTypeRef(int typeRef) {
        restEncoder.writeVarUint(typeRef);
    }

    @Override
    public void writeLen(long len) {
        restEncoder.writeVarUint(len);
    }

    @Override
    public void writeJson(Object embed) {
        restEncoder.writeVarString(Json.stringify(embed));
    }

    @Override
    public void writeKey(String key) {
        restEncoder.writeVarString(key);
    }
}
