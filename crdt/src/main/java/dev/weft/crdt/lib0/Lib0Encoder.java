package dev.weft.crdt.lib0;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes lib0's binary encoding ({@code lib0/encoding.js}) byte for byte: var-uints, var-ints with a sign bit,
 * UTF-8 strings, big-endian floats and bigints, and {@link #writeAny(Object) any} values.
 *
 * <p>Design: one growable {@code byte[]} that doubles when full, where lib0 keeps a list of chunks; every write
 * reserves its maximum size once and then fills the array through a local reference, so the hot paths (var-uints
 * and strings) make no per-byte calls and box nothing. Not thread-safe.
 */
public final class Lib0Encoder {
    /** lib0 encodes integers as JS numbers, so the largest var-uint it writes and reads back is 2^53. */
    public static final long MAX_VAR_UINT = 1L << 53;
    /** lib0's writeAny writes integers up to this magnitude as var-ints (type 125) and everything else as floats. */
    private static final long MAX_ANY_INT = 0x7FFF_FFFFL;
    /** The most bytes a var-uint or var-int up to 2^53 takes. */
    private static final int MAX_VAR_LENGTH = 8;
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos;

    public Lib0Encoder() {
        this(64);
    }

    public Lib0Encoder(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 16)];
    }

    /** The number of bytes written so far. */
    public int length() {
        return pos;
    }

    /** Whether anything has been written. */
    public boolean hasContent() {
        return pos > 0;
    }

    /** A copy of the bytes written so far; the encoder stays usable. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Writes the low 8 bits of {@code value}. */
    public void writeUint8(int value) {
        if (pos == buf.length) {
            grow(1);
        }
        buf[pos++] = (byte) value;
    }

    /**
     * Writes an unsigned integer 7 bits a byte, least significant group first, the high bit of each byte set
     * when another byte follows.
     *
     * @throws IllegalArgumentException if {@code value} is negative or above {@link #MAX_VAR_UINT}
     */
    public void writeVarUint(long value) {
        if (value < 0 || value > MAX_VAR_UINT) {
            throw new IllegalArgumentException("var-uint out of range [0, 2^53]: " + value);
        }
        ensure(MAX_VAR_LENGTH);
        byte[] b = buf;
        int p = pos;
        while (value > 0x7F) {
            b[p++] = (byte) (0x80 | (value & 0x7F));
            value >>>= 7;
        }
        b[p++] = (byte) value;
        pos = p;
    }

    /**
     * Writes a signed integer as lib0 does: the first byte holds a continuation bit, a sign bit and 6 bits of the
     * magnitude, every further byte a continuation bit and 7 bits.
     *
     * @throws IllegalArgumentException if the magnitude is above {@link #MAX_VAR_UINT}
     */
    public void writeVarInt(long value) {
        if (value < 0) {
            writeVarInt(-value, true);
        } else {
            writeVarInt(value, false);
        }
    }

    /**
     * Writes a var-int from its sign and magnitude, which can express JS's negative zero (magnitude 0 with the sign
     * bit set); lib0's optimized RLE encoders use it to flag that a run length follows.
     */
    public void writeVarInt(long magnitude, boolean negative) {
        if (magnitude < 0 || magnitude > MAX_VAR_UINT) {
            throw new IllegalArgumentException("var-int magnitude out of range [0, 2^53]: " + magnitude);
        }
        ensure(MAX_VAR_LENGTH);
        byte[] b = buf;
        int p = pos;
        b[p++] = (byte) ((magnitude > 0x3F ? 0x80 : 0) | (negative ? 0x40 : 0) | (magnitude & 0x3F));
        magnitude >>>= 6;
        while (magnitude > 0) {
            b[p++] = (byte) ((magnitude > 0x7F ? 0x80 : 0) | (magnitude & 0x7F));
            magnitude >>>= 7;
        }
        pos = p;
    }

    /**
     * Writes the string as a var-uint byte length followed by its UTF-8 bytes. Lone surrogates become U+FFFD, as
     * JS's TextEncoder makes them ({@link String#getBytes} would write '?').
     */
    public void writeVarString(String value) {
        int utf8Length = Utf8.encodedLength(value);
        writeVarUint(utf8Length);
        ensure(utf8Length);
        pos = Utf8.encode(value, buf, pos);
    }

    /** Writes the bytes as they are, without a length. */
    public void writeUint8Array(byte[] bytes) {
        writeUint8Array(bytes, 0, bytes.length);
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset} as they are, without a length. */
    public void writeUint8Array(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
    }

    /** Writes a var-uint length followed by the bytes. */
    public void writeVarUint8Array(byte[] bytes) {
        writeVarUint(bytes.length);
        writeUint8Array(bytes, 0, bytes.length);
    }

    /** Appends everything another encoder has written, as lib0's writeBinaryEncoder. */
    public void writeBinaryEncoder(Lib0Encoder other) {
        writeUint8Array(other.buf, 0, other.pos);
    }

    /** Writes an IEEE 754 single, big-endian, as lib0's DataView does; NaN in its canonical form, as V8 writes it. */
    public void writeFloat32(float value) {
        ensure(4);
        INT32.set(buf, pos, Float.floatToIntBits(value));
        pos += 4;
    }

    /** Writes an IEEE 754 double, big-endian; NaN is written in its canonical form, as V8 writes it. */
    public void writeFloat64(double value) {
        ensure(8);
        INT64.set(buf, pos, Double.doubleToLongBits(value));
        pos += 8;
    }

    /** Writes a two's complement 64-bit integer, big-endian. */
    public void writeBigInt64(long value) {
        ensure(8);
        INT64.set(buf, pos, value);
        pos += 8;
    }

    /**
     * Writes a value of the JS value model with lib0's type tags: 127 undefined ({@link Undefined}), 126 null,
     * 125 integer, 124 float32, 123 float64, 122 bigint ({@link BigInteger}, truncated to 64 bits like
     * {@code setBigInt64}), 121/120 false/true, 119 String, 118 object ({@code Map} with String keys, written in
     * {@linkplain JsPropertyOrder JS key order}), 117 array ({@code List}), 116 {@code byte[]}. Every other
     * {@link Number} is a JS number: integral values with magnitude up to 2^31-1 become var-ints (negative zero
     * included), values a float32 holds exactly become float32, the rest float64.
     *
     * @throws IllegalArgumentException for a value outside the model
     */
    public void writeAny(Object value) {
        switch (value) {
            case null -> writeUint8(126);
            case String s -> {
                writeUint8(119);
                writeVarString(s);
            }
            case Integer i -> writeAnyInteger(i);
            case Long l -> writeAnyInteger(l);
            case Short s -> writeAnyInteger(s);
            case Byte b -> writeAnyInteger(b);
            case BigInteger big -> {
                writeUint8(122);
                writeBigInt64(big.longValue());
            }
            case Number n -> writeAnyNumber(n.doubleValue());
            case Boolean b -> writeUint8(b ? 120 : 121);
            case Undefined u -> writeUint8(127);
            case byte[] bytes -> {
                writeUint8(116);
                writeVarUint8Array(bytes);
            }
            case List<?> list -> {
                writeUint8(117);
                writeVarUint(list.size());
                for (Object element : list) {
                    writeAny(element);
                }
            }
            case Map<?, ?> object -> {
                writeUint8(118);
                writeVarUint(object.size());
                for (Map.Entry<String, Object> entry : JsPropertyOrder.entries(object)) {
                    writeVarString(entry.getKey());
                    writeAny(entry.getValue());
                }
            }
            default -> throw new IllegalArgumentException(
                    "Not a value lib0 can encode: " + value.getClass().getName());
        }
    }

    /**
     * Whether {@link #writeAny} writes the JS number {@code value} as a var-int (type 125): integral with a magnitude
     * up to 2^31-1, negative zero included. Other numbers are written as floats. Code that turns JS numbers into Java
     * values (a JSON parser) uses this to agree with the bytes.
     */
    public static boolean isVarIntNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) <= MAX_ANY_INT;
    }

    private void writeAnyInteger(long value) {
        if (isVarIntNumber(value)) {
            writeUint8(125);
            writeVarInt(value);
        } else {
            writeAnyNumber(value);
        }
    }

    private void writeAnyNumber(double value) {
        if (isVarIntNumber(value)) {
            writeUint8(125);
            // the raw sign bit keeps -0.0 apart from 0, as lib0's isNegativeZero does
            writeVarInt((long) Math.abs(value), Double.doubleToRawLongBits(value) < 0);
        } else if ((float) value == value) {
            writeUint8(124);
            writeFloat32((float) value);
        } else {
            writeUint8(123);
            writeFloat64(value);
        }
    }

    private void ensure(int extra) {
        if (buf.length - pos < extra) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        int needed = pos + extra;
        if (needed < 0) {
            throw new OutOfMemoryError("Encoded data exceeds 2 GiB");
        }
        int doubled = buf.length << 1;
        buf = Arrays.copyOf(buf, doubled < 0 ? Integer.MAX_VALUE - 8 : Math.max(doubled, needed));
    }
}
