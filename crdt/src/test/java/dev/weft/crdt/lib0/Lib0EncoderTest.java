package dev.weft.crdt.lib0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lib0Encoder writes the bytes lib0 writes (see {@link Lib0GoldenBytes} for where they came from). */
class Lib0EncoderTest {
    private static String hex(Consumer<Lib0Encoder> writes) {
        Lib0Encoder encoder = new Lib0Encoder();
        writes.accept(encoder);
        return HexFormat.of().formatHex(encoder.toByteArray());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#varUints")
    void writesVarUints(long value, String bytes) {
        assertThat(hex(e -> e.writeVarUint(value))).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} negative={1} -> {2}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#varInts")
    void writesVarInts(long magnitude, boolean negative, String bytes) {
        assertThat(hex(e -> e.writeVarInt(magnitude, negative))).isEqualTo(bytes);
        if (magnitude != 0) {
            assertThat(hex(e -> e.writeVarInt(negative ? -magnitude : magnitude))).isEqualTo(bytes);
        }
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#varStrings")
    void writesVarStringsAsTextEncoderDoes(String written, String readBack, String bytes) {
        assertThat(hex(e -> e.writeVarString(written))).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#float32s")
    void writesFloat32sBigEndian(float value, String bytes) {
        assertThat(hex(e -> e.writeFloat32(value))).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#float64s")
    void writesFloat64sBigEndian(double value, String bytes) {
        assertThat(hex(e -> e.writeFloat64(value))).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#bigInt64s")
    void writesBigInt64sTruncatedTo64BitsLikeSetBigInt64(BigInteger value, String bytes) {
        assertThat(hex(e -> e.writeAny(value))).isEqualTo("7a" + bytes);
        if (value.bitLength() < 64) {
            assertThat(hex(e -> e.writeBigInt64(value.longValueExact()))).isEqualTo(bytes);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.weft.crdt.lib0.Lib0GoldenBytes#anys")
    void writesAnyValues(Object value, String bytes, Object readBack) {
        assertThat(hex(e -> e.writeAny(value))).isEqualTo(bytes);
    }

    @Test
    void refusesNumbersOutsideWhatLib0ReadsBack() {
        Lib0Encoder encoder = new Lib0Encoder();
        assertThatThrownBy(() -> encoder.writeVarUint(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.writeVarUint((1L << 53) + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.writeVarInt(-(1L << 53) - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.writeVarInt(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(encoder.length()).isZero();
    }

    @Test
    void refusesValuesOutsideTheValueModel() {
        Lib0Encoder encoder = new Lib0Encoder();
        assertThatThrownBy(() -> encoder.writeAny(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.writeAny(java.util.Map.of(1, "one")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsPastItsInitialCapacityKeepingEverything() {
        byte[] chunk = new byte[1000];
        new Random(42).nextBytes(chunk);
        Lib0Encoder encoder = new Lib0Encoder(1);
        for (int i = 0; i < 300; i++) {
            encoder.writeUint8(i);
            encoder.writeUint8Array(chunk);
            encoder.writeVarString("é".repeat(i));
        }
        Lib0Decoder decoder = new Lib0Decoder(encoder.toByteArray());
        for (int i = 0; i < 300; i++) {
            assertThat(decoder.readUint8()).isEqualTo(i & 0xFF);
            assertThat(decoder.readUint8Array(chunk.length)).isEqualTo(chunk);
            assertThat(decoder.readVarString()).isEqualTo("é".repeat(i));
        }
        assertThat(decoder.hasContent()).isFalse();
        assertThat(encoder.length()).isEqualTo(decoder.position());
    }

    @Test
    void appendsAnotherEncodersBytes() {
        Lib0Encoder inner = new Lib0Encoder();
        inner.writeVarString("ab");
        Lib0Encoder outer = new Lib0Encoder();
        outer.writeUint8(9);
        outer.writeBinaryEncoder(inner);
        assertThat(HexFormat.of().formatHex(outer.toByteArray())).isEqualTo("09026162");
    }
}
