package dev.weft.crdt.lib0;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Bytes written by the real lib0 0.2.117. Each table says how it was produced; run the snippet with
 * {@code node --input-type=module -e '...'} in client-js, with {@code import * as e from 'lib0/encoding'} and
 * {@code const hex = f => Buffer.from(e.encode(f)).toString('hex')}.
 */
final class Lib0GoldenBytes {
    private Lib0GoldenBytes() {
    }

    /* [0, 1, 127, 128, 255, 16383, 16384, 2 ** 31 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53].map(n => hex(x => e.writeVarUint(x, n))) */
    static Stream<Arguments> varUints() {
        return Stream.of(
                Arguments.of(0L, "00"),
                Arguments.of(1L, "01"),
                Arguments.of(127L, "7f"),
                Arguments.of(128L, "8001"),
                Arguments.of(255L, "ff01"),
                Arguments.of(16383L, "ff7f"),
                Arguments.of(16384L, "808001"),
                Arguments.of((1L << 31) - 1, "ffffffff07"),
                Arguments.of(1L << 32, "8080808010"),
                Arguments.of((1L << 53) - 1, "ffffffffffffff0f"),
                Arguments.of(1L << 53, "8080808080808010"));
    }

    /*
     * [0, -0, 1, -1, 63, -63, 64, -64, 8191, 8192, -8192, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, -(2 ** 53)]
     *     .map(n => hex(x => e.writeVarInt(x, n)))
     * Arguments: magnitude, negative, bytes.
     */
    static Stream<Arguments> varInts() {
        return Stream.of(
                Arguments.of(0L, false, "00"),
                Arguments.of(0L, true, "40"),
                Arguments.of(1L, false, "01"),
                Arguments.of(1L, true, "41"),
                Arguments.of(63L, false, "3f"),
                Arguments.of(63L, true, "7f"),
                Arguments.of(64L, false, "8001"),
                Arguments.of(64L, true, "c001"),
                Arguments.of(8191L, false, "bf7f"),
                Arguments.of(8192L, false, "808001"),
                Arguments.of(8192L, true, "c08001"),
                Arguments.of((1L << 31) - 1, false, "bfffffff0f"),
                Arguments.of(1L << 31, true, "c080808010"),
                Arguments.of(1L << 53, false, "8080808080808020"),
                Arguments.of(1L << 53, true, "c080808080808020"));
    }

    /*
     * ['', 'hello', 'ü', '€', '😀', '\ud800', 'a\udc00b', '\udbff\udfff', '\ud83d', '\ufeff']
     *     .map(s => hex(x => e.writeVarString(x, s)))
     * Arguments: written, read back (lone surrogates come back as U+FFFD), bytes.
     */
    static Stream<Arguments> varStrings() {
        return Stream.of(
                Arguments.of("", "", "00"),
                Arguments.of("hello", "hello", "0568656c6c6f"),
                Arguments.of("ü", "ü", "02c3bc"),
                Arguments.of("€", "€", "03e282ac"),
                Arguments.of("😀", "😀", "04f09f9880"),
                Arguments.of("\ud800", "\ufffd", "03efbfbd"),
                Arguments.of("a\udc00b", "a\ufffdb", "0561efbfbd62"),
                Arguments.of("\udbff\udfff", "\udbff\udfff", "04f48fbfbf"),
                Arguments.of("\ud83d", "\ufffd", "03efbfbd"),
                Arguments.of("\ufeff", "\ufeff", "03efbbbf"));
    }

    /* [1.5, -0, NaN, Infinity, 3.4028234663852886e38, 1e-45].map(n => hex(x => e.writeFloat32(x, n))) */
    static Stream<Arguments> float32s() {
        return Stream.of(
                Arguments.of(1.5f, "3fc00000"),
                Arguments.of(-0.0f, "80000000"),
                Arguments.of(Float.NaN, "7fc00000"),
                Arguments.of(Float.POSITIVE_INFINITY, "7f800000"),
                Arguments.of(Float.MAX_VALUE, "7f7fffff"),
                Arguments.of(Float.MIN_VALUE, "00000001"));
    }

    /* [0.1, -0, NaN, -Infinity, 5e-324, Number.MAX_VALUE].map(n => hex(x => e.writeFloat64(x, n))) */
    static Stream<Arguments> float64s() {
        return Stream.of(
                Arguments.of(0.1, "3fb999999999999a"),
                Arguments.of(-0.0, "8000000000000000"),
                Arguments.of(Double.NaN, "7ff8000000000000"),
                Arguments.of(Double.NEGATIVE_INFINITY, "fff0000000000000"),
                Arguments.of(Double.MIN_VALUE, "0000000000000001"),
                Arguments.of(Double.MAX_VALUE, "7fefffffffffffff"));
    }

    /* [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n + 5n].map(n => hex(x => e.writeBigInt64(x, n))) */
    static Stream<Arguments> bigInt64s() {
        return Stream.of(
                Arguments.of(BigInteger.ZERO, "0000000000000000"),
                Arguments.of(BigInteger.ONE.negate(), "ffffffffffffffff"),
                Arguments.of(BigInteger.valueOf(Long.MAX_VALUE), "7fffffffffffffff"),
                Arguments.of(BigInteger.valueOf(Long.MIN_VALUE), "8000000000000000"),
                Arguments.of(BigInteger.TWO.pow(64).add(BigInteger.valueOf(5)), "0000000000000005"));
    }

    /*
     * [undefined, null, true, false, 0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31 - 1), 2 ** 31, -(2 ** 31), 2 ** 40, 0.5,
     *  0.1, 1e300, NaN, Infinity, -Infinity, 2 ** 53 + 2, 12345678901n, -5n, '', 'x😀', new Uint8Array([1, 2, 255]),
     *  [], [1, 'a', null, [undefined]], {}, { b: 1, '1': 2, '0': 3, a: { c: [] } }
     * ].map(v => hex(x => e.writeAny(x, v)))
     * Arguments: the Java value written, the bytes, the Java value readAny gives back.
     */
    static Stream<Arguments> anys() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", 1);
        object.put("1", 2);
        object.put("0", 3);
        object.put("a", Map.of("c", List.of()));
        Map<String, Object> objectRead = new LinkedHashMap<>();
        objectRead.put("0", 3);
        objectRead.put("1", 2);
        objectRead.put("b", 1);
        objectRead.put("a", Map.of("c", List.of()));
        List<Object> array = Arrays.asList(1, "a", null, List.of(Undefined.INSTANCE));
        return Stream.of(
                Arguments.of(Undefined.INSTANCE, "7f", Undefined.INSTANCE),
                Arguments.of(null, "7e", null),
                Arguments.of(true, "78", true),
                Arguments.of(false, "79", false),
                Arguments.of(0, "7d00", 0),
                Arguments.of(-0.0, "7d40", -0.0),
                Arguments.of(1L, "7d01", 1),
                Arguments.of((short) -1, "7d41", -1),
                Arguments.of(Integer.MAX_VALUE, "7dbfffffff0f", Integer.MAX_VALUE),
                Arguments.of(-Integer.MAX_VALUE, "7dffffffff0f", -Integer.MAX_VALUE),
                Arguments.of(1L << 31, "7c4f000000", 2147483648.0),
                Arguments.of(Integer.MIN_VALUE, "7ccf000000", -2147483648.0),
                Arguments.of(1L << 40, "7c53800000", 1099511627776.0),
                Arguments.of(0.5f, "7c3f000000", 0.5),
                Arguments.of(0.1, "7b3fb999999999999a", 0.1),
                Arguments.of(1e300, "7b7e37e43c8800759c", 1e300),
                Arguments.of(Double.NaN, "7b7ff8000000000000", Double.NaN),
                Arguments.of(Double.POSITIVE_INFINITY, "7c7f800000", Double.POSITIVE_INFINITY),
                Arguments.of(Double.NEGATIVE_INFINITY, "7cff800000", Double.NEGATIVE_INFINITY),
                Arguments.of((1L << 53) + 2, "7b4340000000000001", 9007199254740994.0),
                Arguments.of(BigInteger.valueOf(12345678901L), "7a00000002dfdc1c35", BigInteger.valueOf(12345678901L)),
                Arguments.of(BigInteger.valueOf(-5), "7afffffffffffffffb", BigInteger.valueOf(-5)),
                Arguments.of("", "7700", ""),
                Arguments.of("x😀", "770578f09f9880", "x😀"),
                Arguments.of(new byte[] {1, 2, (byte) 255}, "74030102ff", new byte[] {1, 2, (byte) 255}),
                Arguments.of(List.of(), "7500", List.of()),
                Arguments.of(array, "75047d017701617e75017f", array),
                Arguments.of(Map.of(), "7600", Map.of()),
                Arguments.of(object, "760401307d0301317d0201627d010161760101637500", objectRead));
    }
}
