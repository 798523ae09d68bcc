package dev.weft.crdt.lib0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lib0Decoder reads lib0's bytes (see {@link Lib0GoldenBytes}) and refuses anything truncated or out of range. */
class Lib0DecoderTest {
    private static Lib0Decoder decoder(String hex) {
        return new Lib0Decoder(HexFormat.of().parseHex(hex));
    }

    private static <T> T readAll(String hex, Function<Lib0Decoder, T> read) {
        Lib0Decoder decoder = decoder(hex);
        T value = read.apply(decoder);
        assertThat(decoder.hasContent()).as("bytes left after reading").isFalse();
        return value;
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#varUints")
    void readsVarUints(long value, String bytes) {
        assertThat(readAll(bytes, Lib0Decoder::readVarUint)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{2} -> {0} negative={1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#varInts")
    void readsVarIntsWithTheirSign(long magnitude, boolean negative, String bytes) {
        assertThat(decoder(bytes).peekVarIntNegative()).isEqualTo(negative);
        assertThat(readAll(bytes, Lib0Decoder::readVarInt)).isEqualTo(negative ? -magnitude : magnitude);
    }

    @ParameterizedTest(name = "{2} -> {1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#varStrings")
    void readsVarStrings(String written, String readBack, String bytes) {
        assertThat(readAll(bytes, Lib0Decoder::readVarString)).isEqualTo(readBack);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#float32s")
    void readsFloat32s(float value, String bytes) {
        float read = readAll(bytes, Lib0Decoder::readFloat32);
        assertThat(Float.floatToIntBits(read)).isEqualTo(Float.floatToIntBits(value));
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#float64s")
    void readsFloat64s(double value, String bytes) {
        double read = readAll(bytes, Lib0Decoder::readFloat64);
        assertThat(Double.doubleToLongBits(read)).isEqualTo(Double.doubleToLongBits(value));
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#bigInt64s")
    void readsBigInt64s(BigInteger value, String bytes) {
        assertThat(readAll(bytes, Lib0Decoder::readBigInt64)).isEqualTo(value.longValue());
        assertThat(readAll("7a" + bytes, Lib0Decoder::readAny)).isEqualTo(BigInteger.valueOf(value.longValue()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#anys")
    void readsAnyValuesIntoTheValueModel(Object written, String bytes, Object expected) {
        Object read = readAll(bytes, Lib0Decoder::readAny);
        assertThat(read).isEqualTo(expected);
        if (expected instanceof Number) {
            assertThat(read).as("number type").hasSameClassAs(expected);
        }
        Lib0Encoder again = new Lib0Encoder();
        again.writeAny(read);
        assertThat(HexFormat.of().formatHex(again.toByteArray())).as("written back").isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#anys")
    void refusesEveryTruncationOfAnAnyValue(Object written, String bytes, Object expected) {
        for (int cut = 0; cut < bytes.length(); cut += 2) {
            String truncated = bytes.substring(0, cut);
            assertThatThrownBy(() -> decoder(truncated).readAny())
                    .as("reading %s", truncated)
                    .isInstanceOf(DecodingException.class)
                    .hasMessageContaining("end of input");
        }
    }

    @Test
    void readsAVarIntTooBigForAnIntAsLong() {
        // lib0 writes only 31-bit integers as var-ints, but reads up to 2^53: 7d then var-int 2^32
        assertThat(readAll("7d8080808020", Lib0Decoder::readAny)).isEqualTo(1L << 32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "ff80", "8080808080"})
    void refusesTruncatedVarUints(String bytes) {
        assertThatThrownBy(() -> decoder(bytes).readVarUint())
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("Unexpected end of input reading a var-uint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "c0", "c080"})
    void refusesTruncatedVarInts(String bytes) {
        assertThatThrownBy(() -> decoder(bytes).readVarInt())
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("Unexpected end of input reading a var-int");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8180808080808010", "8080808080808020", "808080808080808001", "ffffffffffffffff7f"})
    void refusesVarUintsAbove2To53OrLongerThan8Bytes(String bytes) {
        assertThatThrownBy(() -> decoder(bytes).readVarUint()).isInstanceOf(DecodingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8180808080808020", "8080808080808040", "80808080808080808001"})
    void refusesVarIntsAbove2To53OrLongerThan8Bytes(String bytes) {
        assertThatThrownBy(() -> decoder(bytes).readVarInt()).isInstanceOf(DecodingException.class);
    }

    @Test
    void refusesFixedWidthReadsPastTheEnd() {
        assertThatThrownBy(() -> decoder("").readUint8()).isInstanceOf(DecodingException.class)
                .hasMessage("Unexpected end of input reading a uint8 at offset 0 of 0");
        assertThatThrownBy(() -> decoder("3fc000").readFloat32()).isInstanceOf(DecodingException.class)
                .hasMessageContaining("float32");
        assertThatThrownBy(() -> decoder("3fb99999999999").readFloat64()).isInstanceOf(DecodingException.class)
                .hasMessageContaining("float64");
        assertThatThrownBy(() -> decoder("00000000000000").readBigInt64()).isInstanceOf(DecodingException.class)
                .hasMessageContaining("bigint64");
        assertThatThrownBy(() -> decoder("0102").readUint8Array(3)).isInstanceOf(DecodingException.class);
    }

    @Test
    void refusesLengthsLongerThanTheInput() {
        assertThatThrownBy(() -> decoder("05616263").readVarString()).isInstanceOf(DecodingException.class)
                .hasMessageContaining("string of 5 bytes");
        assertThatThrownBy(() -> decoder("ffffffffffffff0f").readVarUint8Array()).isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> decoder("75ff0f7e").readAny()).isInstanceOf(DecodingException.class)
                .hasMessageContaining("array of 2047 elements");
    }

    /* node: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(hex, 'hex')) throws for each of these */
    @ParameterizedTest
    @ValueSource(strings = {"02c328", "02c0af", "03eda080", "04f4908080", "01ff"})
    void refusesMalformedUtf8AsTheFatalTextDecoderDoes(String bytes) {
        assertThatThrownBy(() -> decoder(bytes).readVarString()).isInstanceOf(DecodingException.class)
                .hasMessageContaining("Malformed UTF-8");
    }

    @Test
    void refusesUnknownAnyTags() {
        assertThatThrownBy(() -> decoder("10").readAny()).isInstanceOf(DecodingException.class)
                .hasMessage("Unknown any type tag 16 at offset 0");
    }

    @Test
    void refusesAnyValuesNestedTooDeeply() {
        String deep = "7501".repeat(Lib0Decoder.MAX_ANY_DEPTH + 1) + "7e";
        assertThatThrownBy(() -> decoder(deep).readAny()).isInstanceOf(DecodingException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void readsARangeOfAnArrayAndSlicesOfIt() {
        byte[] bytes = HexFormat.of().parseHex("ff0302aabbff");
        Lib0Decoder decoder = new Lib0Decoder(bytes, 1, 4);
        Lib0Decoder slice = decoder.readVarUint8ArrayAsDecoder();
        assertThat(decoder.hasContent()).isFalse();
        assertThat(slice.remaining()).isEqualTo(3);
        assertThat(slice.readVarUint8Array()).containsExactly(0xaa, 0xbb);
        assertThatThrownBy(slice::readUint8).isInstanceOf(DecodingException.class);
    }
}
