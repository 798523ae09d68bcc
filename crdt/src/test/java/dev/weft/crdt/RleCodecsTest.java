package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column codecs of the update format V2 against lib0's. Golden bytes from lib0 0.2.117, produced in client-js
 * with {@code node --input-type=module -e '...'} and
 * <pre>
 * import * as e from 'lib0/encoding'
 * const hex = b => Buffer.from(b).toString('hex')
 * const rle = vs => { const en = new e.RleEncoder(e.writeUint8); vs.forEach(v => en.write(v)); return hex(e.toUint8Array(en)) }
 * const run = (C, vs) => { const en = new C(); vs.forEach(v => en.write(v)); return hex(en.toUint8Array()) }
 * </pre>
 */
class RleCodecsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Lib0Decoder decoder(String hex) {
        return new Lib0Decoder(HEX.parseHex(hex));
    }

    /* [[1, 1, 1, 7, 7, 0, 5, 5], [0], [], [200, 200, 201]].map(rle) */
    static Stream<Arguments> rle() {
        return Stream.of(
                Arguments.of(List.of(1, 1, 1, 7, 7, 0, 5, 5), "01020701000005"),
                Arguments.of(List.of(0), "00"),
                Arguments.of(List.of(), ""),
                Arguments.of(List.of(200, 200, 201), "c801c9"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rle")
    void rleCodec(List<Integer> values, String bytes) {
        RleEncoder encoder = new RleEncoder();
        values.forEach(encoder::write);
        assertThat(HEX.formatHex(encoder.toByteArray())).isEqualTo(bytes);
        RleDecoder decoder = new RleDecoder(decoder(bytes));
        List<Integer> read = new ArrayList<>();
        values.forEach(v -> read.add(decoder.read()));
        assertThat(read).isEqualTo(values);
    }

    @Test
    void rleDecoderRepeatsTheLastRunForeverAsLib0Does() {
        RleDecoder decoder = new RleDecoder(decoder("05"));
        for (int i = 0; i < 10; i++) {
            assertThat(decoder.read()).isEqualTo(5);
        }
        assertThatThrownBy(() -> new RleDecoder(decoder("")).read()).isInstanceOf(DecodingException.class);
    }

    /* [[0, 0, 0, 1, 2, 3, 3, 3, 0, 7, 7], [5], [0, 0], [], [0], [300, 300, 300, 2 ** 32]].map(vs => run(e.UintOptRleEncoder, vs)) */
    static Stream<Arguments> uintOptRle() {
        return Stream.of(
                Arguments.of(List.of(0L, 0L, 0L, 1L, 2L, 3L, 3L, 3L, 0L, 7L, 7L), "400101024301004700"),
                Arguments.of(List.of(5L), "05"),
                Arguments.of(List.of(0L, 0L), "4000"),
                Arguments.of(List.of(), ""),
                Arguments.of(List.of(0L), "00"),
                Arguments.of(List.of(300L, 300L, 300L, 1L << 32), "ec04018080808020"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("uintOptRle")
    void uintOptRleCodec(List<Long> values, String bytes) {
        UintOptRleEncoder encoder = new UintOptRleEncoder();
        values.forEach(encoder::write);
        assertThat(HEX.formatHex(encoder.toByteArray())).isEqualTo(bytes);
        UintOptRleDecoder decoder = new UintOptRleDecoder(decoder(bytes));
        List<Long> read = new ArrayList<>();
        values.forEach(v -> read.add(decoder.read()));
        assertThat(read).isEqualTo(values);
        assertThatThrownBy(decoder::read).isInstanceOf(DecodingException.class);
    }

    @Test
    void uintOptRleEncoderRefusesNegativeValues() {
        assertThatThrownBy(() -> new UintOptRleEncoder().write(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /* [[1, 2, 3, 2, 10, 20, 30, 30, -5, 0], [0], [], [0, 0, 0], [5, 4, 3, 2, 1, 0, 1000000]].map(vs => run(e.IntDiffOptRleEncoder, vs)) */
    static Stream<Arguments> intDiffOptRle() {
        return Stream.of(
                Arguments.of(List.of(1L, 2L, 3L, 2L, 10L, 20L, 30L, 30L, -5L, 0L), "03014210150000c6010a"),
                Arguments.of(List.of(0L), "00"),
                Arguments.of(List.of(), ""),
                Arguments.of(List.of(0L, 0L, 0L), "0101"),
                Arguments.of(List.of(5L, 4L, 3L, 2L, 1L, 0L, 1000000L), "0a41038092f401"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("intDiffOptRle")
    void intDiffOptRleCodec(List<Long> values, String bytes) {
        IntDiffOptRleEncoder encoder = new IntDiffOptRleEncoder();
        values.forEach(encoder::write);
        assertThat(HEX.formatHex(encoder.toByteArray())).isEqualTo(bytes);
        IntDiffOptRleDecoder decoder = new IntDiffOptRleDecoder(decoder(bytes));
        List<Long> read = new ArrayList<>();
        values.forEach(v -> read.add(decoder.read()));
        assertThat(read).isEqualTo(values);
        assertThatThrownBy(decoder::read).isInstanceOf(DecodingException.class);
    }

    /*
     * [['a', 'bc', '', '😀', '\ud800', '\udc00', '0123456789012345678901234', 'x'], [], [''], ['\ud800']]
     *     .map(vs => run(e.StringEncoder, vs))
     * Arguments: written, read back, bytes. The lone surrogates written one after the other form a pair.
     */
    static Stream<Arguments> strings() {
        List<String> mixed = List.of("a", "bc", "", "😀", "\ud800", "\udc00", "0123456789012345678901234", "x");
        return Stream.of(
                Arguments.of(mixed, mixed,
                        "25616263f09f9880f090808030313233343536373839303132333435363738393031323334780102000241001901"),
                Arguments.of(List.of(), List.of(), "00"),
                Arguments.of(List.of(""), List.of(""), "0000"),
                Arguments.of(List.of("\ud800"), List.of("\ufffd"), "03efbfbd01"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("strings")
    void stringCodec(List<String> written, List<String> readBack, String bytes) {
        StringEncoder encoder = new StringEncoder();
        written.forEach(encoder::write);
        assertThat(HEX.formatHex(encoder.toByteArray())).isEqualTo(bytes);
        StringDecoder decoder = new StringDecoder(decoder(bytes));
        List<String> read = new ArrayList<>();
        written.forEach(s -> read.add(decoder.read()));
        assertThat(read).isEqualTo(readBack);
        assertThatThrownBy(decoder::read).isInstanceOf(DecodingException.class);
    }

    @Test
    void stringDecoderRefusesLengthsPastTheString() {
        // "ab" then the lengths 1, 5
        StringDecoder decoder = new StringDecoder(decoder("0261620105"));
        assertThat(decoder.read()).isEqualTo("a");
        assertThatThrownBy(decoder::read).isInstanceOf(DecodingException.class).hasMessageContaining("runs past");
    }

    @Test
    void encodersCanBeReadTwiceAndGoOnAfterwards() {
        UintOptRleEncoder encoder = new UintOptRleEncoder();
        encoder.write(3);
        encoder.write(3);
        byte[] first = encoder.toByteArray();
        assertThat(encoder.toByteArray()).isEqualTo(first);
        encoder.write(3);
        UintOptRleDecoder decoder = new UintOptRleDecoder(new Lib0Decoder(encoder.toByteArray()));
        assertThat(List.of(decoder.read(), decoder.read(), decoder.read())).containsExactly(3L, 3L, 3L);
    }
}
