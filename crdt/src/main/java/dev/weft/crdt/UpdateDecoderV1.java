package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;

/** Reads the update format V1. */
final class UpdateDecoderV1 extends DSDecoderV1 implements UpdateDecoder {
    UpdateDecoderV1(Lib0Decoder decoder) {
        super(decoder);
    }

    UpdateDecoderV1(byte[] update) {
        this(new Lib0Decoder(update));
    }

    @Override
    public ID readLeftId() {
        return new ID(restDecoder.readVarUint(), restDecoder.readVarUint());
    }

    @Override
    public ID readRightId() {
        return new ID(restDecoder.readVarUint(), restDecoder.readVarUint());
    }

    @Override
    public long readClient() {
        return restDecoder.readVarUint();
    }

    @Override
    public int readInfo() {
        return restDecoder.readUint8();
    }

    @Override
    public String readString() {
        return restDecoder.readVarString();
    }

    @Override
    public boolean readParentInfo() {
        return restDecoder.readVarUint() == 1;
    }

    @Override
    public int readTypeRef() {
        return UpdateDecoder.typeRef(restDecoder.readVarUint());
    }

    @Override
    public long readLen() {
        return restDecoder.readVarUint();
    }

    @Override
    public Object readJson() {
        return Json.parse(restDecoder.readVarString());
    }

    @Override
    public String readKey() {
        return restDecoder.readVarString();
    }
}
