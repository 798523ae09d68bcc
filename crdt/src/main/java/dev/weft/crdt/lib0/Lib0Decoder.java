package dev.weft.crdt.lib0;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads lib0's binary encoding ({@code lib0/decoding.js}), the counterpart of {@link Lib0Encoder}.
 *
 * <p>Unlike lib0, which reads {@code undefined} past the end of its array and turns it into 0, this decoder is
 * strict: reading past the end, a var-uint longer than 8 bytes or above 2^53, malformed UTF-8, an unknown any-tag
 * or a length larger than what is left all throw {@link DecodingException}, naming what was being read and where.
 * Reads a range of a byte array without copying it; not thread-safe.
 */
public final class Lib0Decoder {
    /** Deeper nesting in an any value is refused rather than risking a StackOverflowError on hostile input. */
    public static final int MAX_ANY_DEPTH = 1000;
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    public Lib0Decoder(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** A decoder over {@code length} bytes of {@code bytes} from {@code offset}, sharing the array. */
    public Lib0Decoder(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("Range [" + offset + ", " + offset + " + " + length
                    + ") out of bounds for length " + bytes.length);
        }
        this.buf = bytes;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Whether unread bytes remain. */
    public boolean hasContent() {
        return pos != end;
    }

    /** How many bytes have been read. */
    public int position() {
        return pos - start;
    }

    /** How many bytes are left to read. */
    public int remaining() {
        return end - pos;
    }

    public int readUint8() {
        if (pos == end) {
            throw endOfInput("a uint8");
        }
        return buf[pos++] & 0xFF;
    }

    /** Reads a var-uint of at most 8 bytes and at most 2^53, the range lib0's JS numbers hold exactly. */
    public long readVarUint() {
        byte[] b = buf;
        int p = pos;
        int e = end;
        long value = 0;
        for (int shift = 0; p < e; shift += 7) {
            int r = b[p++];
            value |= (long) (r & 0x7F) << shift;
            if (r >= 0) {
                pos = p;
                if (value > Lib0Encoder.MAX_VAR_UINT) {
                    throw tooLarge("var-uint", p);
                }
                return value;
            }
            if (shift == 49) {
                throw tooLong("var-uint");
            }
        }
        throw endOfInput("a var-uint");
    }

    /**
     * Reads a var-int. A negative zero reads as 0: use {@link #peekVarIntNegative()} first where the sign of zero
     * matters.
     */
    public long readVarInt() {
        byte[] b = buf;
        int p = pos;
        int e = end;
        if (p == e) {
            throw endOfInput("a var-int");
        }
        int r = b[p++];
        long magnitude = r & 0x3F;
        boolean negative = (r & 0x40) != 0;
        for (int shift = 6; r < 0; shift += 7) {
            if (p == e) {
                throw endOfInput("a var-int");
            }
            if (shift == 55) {
                throw tooLong("var-int");
            }
            r = b[p++];
            magnitude |= (long) (r & 0x7F) << shift;
        }
        pos = p;
        if (magnitude > Lib0Encoder.MAX_VAR_UINT) {
            throw tooLarge("var-int", p);
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * Whether the var-int at the current position has its sign bit set, without reading it: the only way to tell
     * lib0's negative zero from zero, which its optimized RLE decoders use as a flag.
     */
    public boolean peekVarIntNegative() {
        if (pos == end) {
            throw endOfInput("a var-int");
        }
        return (buf[pos] & 0x40) != 0;
    }

    /** Reads a var-uint byte length and that many bytes of UTF-8. */
    public String readVarString() {
        int length = readLength("string");
        String s = Utf8.decode(buf, pos, length);
        pos += length;
        return s;
    }

    /** Reads {@code length} bytes into a new array. */
    public byte[] readUint8Array(int length) {
        if (length < 0 || length > end - pos) {
            throw new DecodingException("Unexpected end of input reading " + length + " bytes at offset "
                    + position() + " (" + remaining() + " left)");
        }
        byte[] bytes = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return bytes;
    }

    /** Reads a var-uint length and that many bytes into a new array. */
    public byte[] readVarUint8Array() {
        int length = readLength("byte array");
        return readUint8Array(length);
    }

    /**
     * Reads a var-uint length and returns a decoder over the next that many bytes, sharing this decoder's array
     * instead of copying it (lib0 returns a subarray view the same way).
     */
    public Lib0Decoder readVarUint8ArrayAsDecoder() {
        int length = readLength("byte array");
        Lib0Decoder slice = new Lib0Decoder(buf, pos, length);
        pos += length;
        return slice;
    }

    public float readFloat32() {
        require(4, "a float32");
        float value = Float.intBitsToFloat((int) INT32.get(buf, pos));
        pos += 4;
        return value;
    }

    public double readFloat64() {
        require(8, "a float64");
        double value = Double.longBitsToDouble((long) INT64.get(buf, pos));
        pos += 8;
        return value;
    }

    public long readBigInt64() {
        require(8, "a bigint64");
        long value = (long) INT64.get(buf, pos);
        pos += 8;
        return value;
    }

    /**
     * Reads a value written by lib0's writeAny into the JS value model: {@link Undefined}, null, Boolean, String,
     * {@code byte[]}, unmodifiable {@code List<Object>}s and {@code Map<String, Object>}s (in written order),
     * {@link BigInteger} for bigints, Double for floats, and Integer for var-ints (Long if one does not fit in an
     * int; Double -0.0 for lib0's negative zero, so that it writes back unchanged).
     */
    public Object readAny() {
        return readAny(0);
    }

    private Object readAny(int depth) {
        int tag = readUint8();
        return switch (tag) {
            case 127 -> Undefined.INSTANCE;
            case 126 -> null;
            case 125 -> readAnyInteger();
            case 124 -> (double) readFloat32();
            case 123 -> readFloat64();
            case 122 -> BigInteger.valueOf(readBigInt64());
            case 121 -> Boolean.FALSE;
            case 120 -> Boolean.TRUE;
            case 119 -> readVarString();
            case 118 -> readAnyObject(depth);
            case 117 -> readAnyArray(depth);
            case 116 -> readVarUint8Array();
            default -> throw new DecodingException("Unknown any type tag " + tag + " at offset " + (position() - 1));
        };
    }

    private Object readAnyInteger() {
        boolean negative = peekVarIntNegative();
        long value = readVarInt();
        if (value == 0 && negative) {
            return -0.0d;
        }
        if (value == (int) value) {
            return (int) value;
        }
        return value;
    }

    private Map<String, Object> readAnyObject(int depth) {
        checkDepth(depth);
        int size = readCount("object");
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = readVarString();
            object.put(key, readAny(depth + 1));
        }
        return Collections.unmodifiableMap(object);
    }

    private List<Object> readAnyArray(int depth) {
        checkDepth(depth);
        int size = readCount("array");
        List<Object> array = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            array.add(readAny(depth + 1));
        }
        return Collections.unmodifiableList(array);
    }

    private void checkDepth(int depth) {
        if (depth >= MAX_ANY_DEPTH) {
            throw new DecodingException("Any value nested deeper than " + MAX_ANY_DEPTH + " at offset " + position());
        }
    }

    /** A byte length: it cannot exceed what is left. */
    private int readLength(String what) {
        long length = readVarUint();
        if (length > end - pos) {
            throw new DecodingException("Unexpected end of input reading a " + what + " of " + length
                    + " bytes at offset " + position() + " (" + remaining() + " left)");
        }
        return (int) length;
    }

    /** An element count: every element takes at least one byte, so it cannot exceed what is left either. */
    private int readCount(String what) {
        long count = readVarUint();
        if (count > end - pos) {
            throw new DecodingException("Unexpected end of input reading an " + what + " of " + count
                    + " elements at offset " + position() + " (" + remaining() + " left)");
        }
        return (int) count;
    }

    private void require(int length, String what) {
        if (end - pos < length) {
            throw endOfInput(what);
        }
    }

    private DecodingException endOfInput(String what) {
        return new DecodingException("Unexpected end of input reading " + what + " at offset " + position()
                + " of " + (end - start));
    }

    private DecodingException tooLarge(String what, int after) {
        return new DecodingException("A " + what + " ending at offset " + (after - start) + " exceeds 2^53");
    }

    private DecodingException tooLong(String what) {
        return new DecodingException("A " + what + " at offset " + position() + " is longer than 8 bytes");
    }
}
