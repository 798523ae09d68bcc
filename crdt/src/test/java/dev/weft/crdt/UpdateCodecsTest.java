package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;
import dev.weft.crdt.lib0.Undefined;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The V1 and V2 update encoders write what Yjs's UpdateEncoderV1/V2 write for the same calls, and the decoders read
 * it back. Golden bytes from yjs 13.6.33, produced in client-js with
 * <pre>
 * node --input-type=module -e "
 * import * as Y from 'yjs'
 * const calls = enc => {
 *   enc.writeClient(1); enc.writeClient(1); enc.writeClient(2 ** 32 - 1)
 *   enc.writeLeftID(Y.createID(1, 0)); enc.writeLeftID(Y.createID(1, 1)); enc.writeLeftID(Y.createID(1, 2))
 *   enc.writeRightID(Y.createID(3, 10)); enc.writeLeftID(Y.createID(1, 5))
 *   enc.writeInfo(4); enc.writeInfo(4); enc.writeInfo(0x84); enc.writeInfo(0x28)
 *   enc.writeString('hello'); enc.writeString('😀'); enc.writeString('')
 *   enc.writeParentInfo(true); enc.writeParentInfo(false); enc.writeParentInfo(false)
 *   enc.writeTypeRef(0); enc.writeTypeRef(3); enc.writeTypeRef(3)
 *   enc.writeLen(1); enc.writeLen(1); enc.writeLen(100)
 *   enc.writeAny({ a: [1, 'x'] }); enc.writeAny(undefined); enc.writeAny(2.5)
 *   enc.writeBuf(new Uint8Array([1, 2]))
 *   enc.writeJSON({ bold: true, n: 1e21 }); enc.writeJSON(null); enc.writeJSON('s')
 *   enc.writeKey('p'); enc.writeKey('p'); enc.writeKey('div')
 *   enc.resetDsCurVal(); enc.writeDsClock(3); enc.writeDsLen(2); enc.writeDsClock(10); enc.writeDsLen(1)
 *   enc.resetDsCurVal(); enc.writeDsClock(0); enc.writeDsLen(5)
 *   return Buffer.from(enc.toUint8Array()).toString('hex')
 * }
 * console.log(calls(new Y.UpdateEncoderV1()))
 * console.log(calls(new Y.UpdateEncoderV2()))
 * "
 * </pre>
 */
class UpdateCodecsTest {
    private static final String V1 = "0101ffffffff0f010001010102030a0105040484280568656c6c6f04f09f9880000100000003030101"
            + "647601016175027d017701787f7c40200000020102177b22626f6c64223a747275652c226e223a31652b32317d046e756c6c03227322"
            + "017001700364697603020a010005";
    private static final String V2 = "00030003000b4100bfffffff1f4101030104000300060114050401840028150e68656c6c6ff09f98"
            + "8070706469760502004100030301000003004300044100a4017601016175027d017701787f7c40200000020102760204626f6c6478"
            + "016e7b444b1ae4d6e2ef507e770173030105000004";

    private static void writeCalls(UpdateEncoder enc) {
        enc.writeClient(1);
        enc.writeClient(1);
        enc.writeClient(0xFFFF_FFFFL);
        enc.writeLeftId(new ID(1, 0));
        enc.writeLeftId(new ID(1, 1));
        enc.writeLeftId(new ID(1, 2));
        enc.writeRightId(new ID(3, 10));
        enc.writeLeftId(new ID(1, 5));
        enc.writeInfo(4);
        enc.writeInfo(4);
        enc.writeInfo(0x84);
        enc.writeInfo(0x28);
        enc.writeString("hello");
        enc.writeString("😀");
        enc.writeString("");
        enc.writeParentInfo(true);
        enc.writeParentInfo(false);
        enc.writeParentInfo(false);
        enc.writeTypeRef(0);
        enc.writeTypeRef(3);
        enc.writeTypeRef(3);
        enc.writeLen(1);
        enc.writeLen(1);
        enc.writeLen(100);
        enc.writeAny(Map.of("a", List.of(1, "x")));
        enc.writeAny(Undefined.INSTANCE);
        enc.writeAny(2.5);
        enc.writeBuf(new byte[] {1, 2});
        Map<String, Object> format = new LinkedHashMap<>();
        format.put("bold", true);
        format.put("n", 1e21);
        enc.writeJson(format);
        enc.writeJson(null);
        enc.writeJson("s");
        enc.writeKey("p");
        enc.writeKey("p");
        enc.writeKey("div");
        enc.resetDsCurVal();
        enc.writeDsClock(3);
        enc.writeDsLen(2);
        enc.writeDsClock(10);
        enc.writeDsLen(1);
        enc.resetDsCurVal();
        enc.writeDsClock(0);
        enc.writeDsLen(5);
    }

    private static void readCalls(UpdateDecoder dec) {
        assertThat(List.of(dec.readClient(), dec.readClient(), dec.readClient())).containsExactly(1L, 1L, 0xFFFF_FFFFL);
        assertThat(List.of(dec.readLeftId(), dec.readLeftId(), dec.readLeftId(), dec.readRightId(), dec.readLeftId()))
                .containsExactly(new ID(1, 0), new ID(1, 1), new ID(1, 2), new ID(3, 10), new ID(1, 5));
        assertThat(List.of(dec.readInfo(), dec.readInfo(), dec.readInfo(), dec.readInfo()))
                .containsExactly(4, 4, 0x84, 0x28);
        assertThat(List.of(dec.readString(), dec.readString(), dec.readString())).containsExactly("hello", "😀", "");
        assertThat(List.of(dec.readParentInfo(), dec.readParentInfo(), dec.readParentInfo()))
                .containsExactly(true, false, false);
        assertThat(List.of(dec.readTypeRef(), dec.readTypeRef(), dec.readTypeRef())).containsExactly(0, 3, 3);
        assertThat(List.of(dec.readLen(), dec.readLen(), dec.readLen())).containsExactly(1L, 1L, 100L);
        assertThat(Arrays.asList(dec.readAny(), dec.readAny(), dec.readAny()))
                .containsExactly(Map.of("a", List.of(1, "x")), Undefined.INSTANCE, 2.5);
        assertThat(dec.readBuf()).containsExactly(1, 2);
        assertThat(Arrays.asList(dec.readJson(), dec.readJson(), dec.readJson()))
                .containsExactly(Map.of("bold", true, "n", 1e21), null, "s");
        assertThat(List.of(dec.readKey(), dec.readKey(), dec.readKey())).containsExactly("p", "p", "div");
        dec.resetDsCurVal();
        assertThat(List.of(dec.readDsClock(), dec.readDsLen(), dec.readDsClock(), dec.readDsLen()))
                .containsExactly(3L, 2L, 10L, 1L);
        dec.resetDsCurVal();
        assertThat(List.of(dec.readDsClock(), dec.readDsLen())).containsExactly(0L, 5L);
        assertThat(dec.restDecoder().hasContent()).isFalse();
    }

    private static String encode(UpdateEncoder encoder) {
        writeCalls(encoder);
        return HexFormat.of().formatHex(encoder.toBytes());
    }

    @Test
    void v1WritesWhatYjsWrites() {
        assertThat(encode(new UpdateEncoderV1())).isEqualTo(V1);
    }

    @Test
    void v2WritesWhatYjsWrites() {
        assertThat(encode(new UpdateEncoderV2())).isEqualTo(V2);
    }

    @Test
    void v1ReadsWhatYjsWrites() {
        readCalls(new UpdateDecoderV1(HexFormat.of().parseHex(V1)));
    }

    @Test
    void v2ReadsWhatYjsWrites() {
        readCalls(new UpdateDecoderV2(HexFormat.of().parseHex(V2)));
    }

    @Test
    void v2ReadsRepeatedKeysByTheirClockThoughYjsNeverWritesThem() {
        // header: flag, key clocks [0, 0] (IntDiffOptRle: diff 0 twice), 3 empty columns, empty infos, strings "k" [1],
        // then empty columns
        byte[] update = HexFormat.of().parseHex("00" + "020100" + "00" + "00" + "00" + "00" + "03016b01" + "00" + "00" + "00");
        UpdateDecoderV2 decoder = new UpdateDecoderV2(update);
        assertThat(List.of(decoder.readKey(), decoder.readKey())).containsExactly("k", "k");
    }

    @Test
    void refusesTruncatedUpdates() {
        for (String update : List.of(V1, V2)) {
            Function<byte[], UpdateDecoder> open = update == V1 ? UpdateDecoderV1::new : UpdateDecoderV2::new;
            byte[] bytes = HexFormat.of().parseHex(update);
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] truncated = Arrays.copyOf(bytes, cut);
                assertThatThrownBy(() -> readCalls(open.apply(truncated)))
                        .as("%s cut at %d", update == V1 ? "V1" : "V2", cut)
                        .isInstanceOf(DecodingException.class);
            }
        }
    }

    @Test
    void v2ColumnsRefuseReadsPastWhatWasWritten() {
        UpdateEncoderV2 encoder = new UpdateEncoderV2();
        encoder.writeLen(3);
        encoder.writeClient(9);
        encoder.writeString("x");
        UpdateDecoderV2 decoder = new UpdateDecoderV2(new Lib0Decoder(encoder.toBytes()));
        assertThat(decoder.readLen()).isEqualTo(3);
        assertThat(decoder.readClient()).isEqualTo(9);
        assertThat(decoder.readString()).isEqualTo("x");
        assertThatThrownBy(decoder::readLen).isInstanceOf(DecodingException.class);
        assertThatThrownBy(decoder::readClient).isInstanceOf(DecodingException.class);
        assertThatThrownBy(decoder::readString).isInstanceOf(DecodingException.class);
        assertThatThrownBy(decoder::readLeftId).isInstanceOf(DecodingException.class);
    }

    @Test
    void writesTheRestToWhicheverRestEncoderIsCurrent() {
        for (UpdateEncoder encoder : List.of(new UpdateEncoderV1(), new UpdateEncoderV2())) {
            encoder.writeAny(1);
            Lib0Encoder fresh = new Lib0Encoder();
            encoder.setRestEncoder(fresh);
            encoder.writeAny(2);
            assertThat(encoder.restEncoder()).isSameAs(fresh);
            byte[] bytes = encoder.toBytes();
            String hex = HexFormat.of().formatHex(bytes);
            assertThat(hex).endsWith("7d02").doesNotContain("7d01");
        }
    }

    @Test
    void v2RefusesEmptyDeleteRanges() {
        assertThatThrownBy(() -> new DSEncoderV2().writeDsLen(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
