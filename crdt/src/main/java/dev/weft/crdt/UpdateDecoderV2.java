package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the update format V2 (see {@link UpdateEncoderV2}). The constructor reads the header and the nine columns,
 * which share the update's byte array; the given decoder is left at the rest section.
 *
 * <p>Every V2 column but the rest is run-length encoded, so a few bytes can declare any number of structs (a run of
 * a billion GCs of length 1 takes a dozen bytes) and pin the reading thread. Structs that carry content cannot do
 * that: each needs at least one byte of its own (a character in the string column, a value in the rest section),
 * as does every struct of V1. Only content-free structs (GC, deleted content, an empty nested type) repeat for free,
 * and Yjs writes long runs of those only for documents made mostly of empty nested types. So an update from outside
 * may declare at most {@value #STRUCTS_PER_BYTE} structs per byte (and {@value #MIN_STRUCTS} in any case): eight
 * times what V1 allows, and past it decoding fails. The document's own V2 updates (pending structs, re-read when
 * their dependencies arrive) are read without the cap: they hold nothing that did not pass it, or V1, on the way in.
 */
final class UpdateDecoderV2 extends DSDecoderV2 implements UpdateDecoder {
    static final int STRUCTS_PER_BYTE = 8;
    static final int MIN_STRUCTS = 1024;

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
    /** How many more structs the update may declare. */
    private long structsLeft;
    private final long maxStructs;

    /** @param maxStructs the most structs the update may declare */
    UpdateDecoderV2(Lib0Decoder decoder, long maxStructs) {
        super(decoder);
        this.maxStructs = maxStructs;
        this.structsLeft = maxStructs;
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

    /** A decoder for an update from outside, what is left of {@code decoder}: at most {@link #maxStructs} structs. */
    UpdateDecoderV2(Lib0Decoder decoder) {
        this(decoder, maxStructs(decoder.remaining()));
    }

    /** A decoder for an update from outside: at most {@link #maxStructs} structs. */
    UpdateDecoderV2(byte[] update) {
        this(new Lib0Decoder(update));
    }

    /** The most structs an update of {@code bytes} bytes from outside may declare. */
    static long maxStructs(int bytes) {
        return Math.max(MIN_STRUCTS, (long) STRUCTS_PER_BYTE * bytes);
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
        if (--structsLeft < 0) {
            throw new DecodingException("the update declares more structs than its size allows (at most "
                    + maxStructs + ")");
        }
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
