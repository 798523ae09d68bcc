package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Arrays and maps edited here encode to the bytes Yjs 13.6 produces for the same edits, and Yjs's bytes decode and
 * encode again unchanged. Each constant was produced by the snippet above it, run with the {@code yjs} package of
 * client-js, with {@code doc(id, gc)} = {@code new Y.Doc({ gc })} whose clientID is set to {@code id} and
 * {@code hex} = Buffer hex.
 */
class YArrayYMapGoldenTest {
    // d = doc(1); d.getArray('a').insert(0, [1, 'two', true, null, { k: [1.5] }]); d.getArray('a').insert(2, [-7, 2 ** 40])
    // hex(Y.encodeStateAsUpdate(d)), hex(Y.encodeStateAsUpdateV2(d)), JSON.stringify(d.getArray('a').toJSON())
    static final String ARRAY_INSERT =
            "0103010008010161027d01770374776f88010103787e7601016b75017c3fc00000c801010102027d477c5380000000";
    static final String ARRAY_INSERT_V2 = "000002410202020001040508008800c803016101010100030203020103007d01770374776f"
            + "787e7601016b75017c3fc000007d477c5380000000";
    static final String ARRAY_INSERT_JSON = "[1,\"two\",-7,1099511627776,true,null,{\"k\":[1.5]}]";

    // d = doc(1); m = d.getMap('m'); m.set('a', 1); m.set('b', 'x'); m.set('a', 2); m.set('c', new Uint8Array([1, 2, 3]));
    // m.delete('b'); hex(Y.encodeStateAsUpdate(d)), hex(Y.encodeStateAsUpdateV2(d))
    static final String MAP_SET =
            "010401002101016d0161012101016d016201a80100017d022301016d0163030102030101010002";
    static final String MAP_SET_V2 =
            "0000024100010000052101a8002309066d616d626d6341040101000241010104007d02030102030101010001";

    // for gc of [true, false]: d = doc(1, gc); a = d.getArray('a'); a.insert(0, [1, 2, 3, 4, 5]); a.delete(1, 2); a.push([6])
    // hex(Y.encodeStateAsUpdate(d))
    static final String ARRAY_DELETE_GC = "0103010008010161017d0181010002880102037d047d057d060101010102";
    static final String ARRAY_DELETE_NO_GC = "0103010008010161017d01880100027d027d03880102037d047d057d060101010102";

    // a = doc(1); a.getArray('a').insert(0, ['x', 'y']); sv = Y.encodeStateVector(a); a.getArray('a').insert(1, ['z'])
    // a.getArray('a').delete(0, 1); hex(sv), hex(Y.encodeStateAsUpdate(a, sv)), hex(Y.encodeStateAsUpdateV2(a, sv))
    static final String DIFF_SV = "010102";
    static final String DIFF_UPDATE = "01010102c8010001010177017a0101010001";
    static final String DIFF_UPDATE_V2 = "00000241010100010201c801000000010101010277017a0101010000";

    // a = doc(5); a.on('update', u => v1.push(hex(u))); a.on('updateV2', u => v2.push(hex(u)))
    // a.getMap('m').set('n', 42); a.getArray('a').insert(0, ['p', 'q', 'r']); a.getArray('a').delete(1, 1)
    static final List<String> EVENTS = List.of(
            "010105002801016d016e017d2a00",
            "01010501080101610377017077017177017200",
            "000105010201");
    static final List<String> EVENTS_V2 = List.of(
            "000001050000012805026d6e410001010001010101007d2a00",
            "000001050000010803016101010100010301010177017077017177017200",
            "0000000000000100000000000105010200");

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static Doc doc(long clientId) {
        return Doc.builder().clientId(clientId).build();
    }

    @Test
    void arrayInsertsEncodeAsInYjs() {
        Doc d = doc(1);
        YArray a = d.getArray("a");
        a.insert(0, Arrays.asList(1, "two", true, null, Map.of("k", List.of(1.5))));
        a.insert(2, List.of(-7, 1L << 40));

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(ARRAY_INSERT);
        assertThat(hex(d.encodeStateAsUpdateV2())).isEqualTo(ARRAY_INSERT_V2);
        assertThat(Json.stringify(a.toJson())).isEqualTo(ARRAY_INSERT_JSON);
    }

    @Test
    void yjsArrayUpdatesDecodeAndEncodeAgain() {
        Doc v1 = new Doc();
        v1.applyUpdate(bytes(ARRAY_INSERT));
        Doc v2 = new Doc();
        v2.applyUpdateV2(bytes(ARRAY_INSERT_V2));

        for (Doc d : List.of(v1, v2)) {
            assertThat(Json.stringify(d.getArray("a").toJson())).isEqualTo(ARRAY_INSERT_JSON);
            assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(ARRAY_INSERT);
            assertThat(hex(d.encodeStateAsUpdateV2())).isEqualTo(ARRAY_INSERT_V2);
        }
    }

    @Test
    void mapSetsAndDeletesEncodeAsInYjs() {
        Doc d = doc(1);
        YMap m = d.getMap("m");
        m.set("a", 1);
        m.set("b", "x");
        m.set("a", 2);
        m.set("c", new byte[] {1, 2, 3});
        m.delete("b");

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(MAP_SET);
        assertThat(hex(d.encodeStateAsUpdateV2())).isEqualTo(MAP_SET_V2);
        assertThat(m.keys()).containsExactly("a", "c");
        assertThat(m.get("a")).isEqualTo(2);
        assertThat(m.has("b")).isFalse();
    }

    @Test
    void yjsMapUpdateDecodes() {
        Doc d = new Doc();
        d.applyUpdate(bytes(MAP_SET));

        YMap m = d.getMap("m");
        assertThat(m.get("a")).isEqualTo(2);
        assertThat((byte[]) m.get("c")).containsExactly(1, 2, 3);
        assertThat(m.size()).isEqualTo(2);
        assertThat(hex(d.encodeStateAsUpdateV2())).isEqualTo(MAP_SET_V2);
    }

    @Test
    void deletedArrayContentIsCollectedOnlyWithGcOn() {
        for (boolean gc : new boolean[] {true, false}) {
            Doc d = Doc.builder().clientId(1).gc(gc).build();
            YArray a = d.getArray("a");
            a.insert(0, List.of(1, 2, 3, 4, 5));
            a.delete(1, 2);
            a.push(List.of(6));

            assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(gc ? ARRAY_DELETE_GC : ARRAY_DELETE_NO_GC);
            assertThat(a.toArray()).containsExactly(1, 4, 5, 6);
        }
    }

    @Test
    void encodesWhatAStateVectorMisses() {
        Doc d = doc(1);
        YArray a = d.getArray("a");
        a.insert(0, List.of("x", "y"));
        byte[] sv = d.encodeStateVector();
        a.insert(1, List.of("z"));
        a.delete(0, 1);

        assertThat(hex(sv)).isEqualTo(DIFF_SV);
        assertThat(hex(d.encodeStateAsUpdate(sv))).isEqualTo(DIFF_UPDATE);
        assertThat(hex(d.encodeStateAsUpdateV2(sv))).isEqualTo(DIFF_UPDATE_V2);
    }

    @Test
    void eachTransactionEmitsTheUpdateYjsEmits() {
        Doc d = doc(5);
        List<String> v1 = new ArrayList<>();
        List<String> v2 = new ArrayList<>();
        d.onUpdate((update, origin, txn) -> v1.add(hex(update)));
        d.onUpdateV2((update, origin, txn) -> v2.add(hex(update)));

        d.getMap("m").set("n", 42);
        d.getArray("a").insert(0, List.of("p", "q", "r"));
        d.getArray("a").delete(1, 1);

        assertThat(v1).isEqualTo(EVENTS);
        assertThat(v2).isEqualTo(EVENTS_V2);
    }
}
