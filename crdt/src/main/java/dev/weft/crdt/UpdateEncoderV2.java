package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;

/**
 * The update format V2: each kind of field goes to a column of its own with an encoding suited to it (clocks as
 * run-length-encoded differences, info bytes run-length encoded, strings concatenated), which compresses far
 * better than V1's interleaving. The output is a feature-flag byte, the nine columns each prefixed by its length,
 * then the rest encoder's bytes (anys, buffers, delete set) without a length.
 */
final class UpdateEncoderV2 extends DSEncoderV2 implements UpdateEncoder {
    private long keyClock;
    private final IntDiffOptRleEncoder keyClockEncoder = new IntDiffOptRleEncoder();
    private final UintOptRleEncoder clientEncoder = new UintOptRleEncoder();
    private final IntDiffOptRleEncoder leftClockEncoder = new IntDiffOptRleEncoder();
    private final IntDiffOptRleEncoder rightClockEncoder = new IntDiffOptRleEncoder();
    private final RleEncoder infoEncoder = new RleEncoder();
    private final StringEncoder stringEncoder = new StringEncoder();
    private final RleEncoder parentInfoEncoder = new RleEncoder();
    private final UintOptRleEncoder typeRefEncoder = new UintOptRleEncoder();
    private final UintOptRleEncoder lenEncoder = new UintOptRleEncoder();

    @Override
    public byte[] toBytes() {
        byte[][] columns = {
            keyClockEncoder.toByteArray(),
            clientEncoder.toByteArray(),
            leftClockEncoder.toByteArray(),
            rightClockEncoder.toByteArray(),
            infoEncoder.toByteArray(),
            stringEncoder.toByteArray(),
            parentInfoEncoder.toByteArray(),
            typeRefEncoder.toByteArray(),
            lenEncoder.toByteArray(),
        };
        int size = 1 + restEncoder.length();
        for (byte[] column : columns) {
            size += column.length + 8;
        }
        Lib0Encoder encoder = new Lib0Encoder(size);
        encoder.writeVarUint(0); // feature flag, reserved by Yjs for future use
        for (byte[] column : columns) {
            encoder.writeVarUint8Array(column);
        }
        encoder.writeBinaryEncoder(restEncoder);
        return encoder.toByteArray();
    }

    @Override
    public void writeLeftId(ID id) {
        clientEncoder.write(id.client());
        leftClockEncoder.write(id.clock());
    }

    @Override
    public void writeRightId(ID id) {
        clientEncoder.write(id.client());
        rightClockEncoder.write(id.clock());
    }

    @Override
    public void writeClient(long client) {
        clientEncoder.write(client);
    }

    @Override
    public void writeInfo(int info) {
        infoEncoder.write(info);
    }

    @Override
    public void writeString(String s) {
        stringEncoder.write(s);
    }

    @Override
    public void writeParentInfo(boolean isYKey) {
        parentInfoEncoder.write(isYKey ? 1 : 0);
    }

    @Override
    public void writeTypeRef(int typeRef) {
        typeRefEncoder.write(typeRef);
    }

    @Override
    public void writeLen(long len) {
        lenEncoder.write(len);
    }

    @Override
    public void writeJson(Object embed) {
        restEncoder.writeAny(embed);
    }

    /**
     * Yjs meant to write a repeated key as the clock of its first occurrence, but its UpdateEncoderV2 never
     * records keys (the line is commented out), so every key is written as new: a fresh key clock and the key
     * string. Doing the same keeps the bytes identical; the decoder still understands repeated keys.
     */
    @Override
    public void writeKey(String key) {
        keyClockEncoder.write(keyClock++);
        stringEncoder.write(key);
    }
}
