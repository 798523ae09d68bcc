package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the update format V2 (see {@link UpdateEncoderV2}). The constructor reads the header and the nine columns,
 * which share the update's byte array; the given decoder is left at the rest section.
 */
final class UpdateDecoderV2 extends DSDecoderV2 implements UpdateDecoder {
    private final List<String> keys = new ArrayList<>();
    private final IntDiffOptRleDecoder keyClockDecoder;
    private final UintOptRleDecoder clientDecoder;
    private final IntDiffOptRleDecoder leftClockDecoder;
    private final IntDiffOptRleDecoder rightClockDecoder;
    private final RleDecoder infoDecoder;
    private final StringDecoder stringDecoder;
    private final RleDecoder parentInfoDecoder;
    private final UintOptRleDecoder typeRefDecoder;
    private final UintOptRleDecoder lenDecoder;

    UpdateDecoderV2(Lib0Decoder decoder) {
        super(decoder);
        decoder.readVarUint(); // feature flag, unused: Yjs ignores it too
        keyClockDecoder = new IntDiffOptRleDecoder(decoder.readVarUint8ArrayAsDecoder());
        clientDecoder = new UintOptRleDecoder(decoder.readVarUint8ArrayAsDecoder());
        leftClockDecoder = new IntDiffOptRleDecoder(decoder.readVarUint8ArrayAsDecoder());
        rightClockDecoder = new IntDiffOptRleDecoder(decoder.readVarUint8ArrayAsDecoder());
        infoDecoder = new RleDecoder(decoder.readVarUint8ArrayAsDecoder());
        stringDecoder = new StringDecoder(decoder.readVarUint8ArrayAsDecoder());
        parentInfoDecoder = new RleDecoder(decoder.readVarUint8ArrayAsDecoder());
        typeRefDecoder = new UintOptRleDecoder(decoder.readVarUint8ArrayAsDecoder());
        lenDecoder = new UintOptRleDecoder(decoder.readVarUint8ArrayAsDecoder());
    }

    UpdateDecoderV2(byte[] update) {
        this(new Lib0Decoder(update));
    }

    @Override
    public ID readLeftId() {
        return new ID(clientDecoder.read(), leftClockDecoder.read());
    }

    @Override
    public ID readRightId() {
        return new ID(clientDecoder.read(), rightClockDecoder.read());
    }

    @Override
    public long readClient() {
        return clientDecoder.read();
    }

    @Override
    public int readInfo() {
        return infoDecoder.read();
    }

    @Override
    public String readString() {
        return stringDecoder.read();
    }

    @Override
    public boolean readParentInfo() {
        return parentInfoDecoder.read() == 1;
    }

    @Override
    public int readTypeRef() {
        return UpdateDecoder.typeRef(typeRefDecoder.read());
    }

    @Override
    public long readLen() {
        return lenDecoder.read();
    }

    /**
     * An embed or format value, written as an any in V2 but as JSON text in V1: one that JSON cannot hold is refused
     * here, or the document taking it could no longer encode itself as V1.
     */
    @Override
    public Object readJson() {
        Object value = restDecoder.readAny();
        if (!Json.isStringifiable(value)) {
            throw new DecodingException("An embed or format value JSON cannot hold (undefined or a bigint)");
        }
        return value;
    }

    @Override
    public String readKey() {
        long keyClock = keyClockDecoder.read();
        if (keyClock < 0) {
            throw new DecodingException("Negative key clock " + keyClock);
        }
        if (keyClock < keys.size()) {
            return keys.get((int) keyClock);
        }
        String key = stringDecoder.read();
        keys.add(key);
        return key;
    }
}
