package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes from Yjs 13.6.33 for the update utilities. The updates u0..u4 (V1) and w0..w4 (V2) come from this
 * script, run with node in client-js; every expected value below names the call that produced it in that script.
 *
 * <pre>{@code
 * import * as Y from 'yjs'
 * const hex = u => Buffer.from(u).toString('hex')
 * const a = new Y.Doc(); a.clientID = 1
 * const b = new Y.Doc(); b.clientID = 2
 * const u = [], w = []
 * a.on('update', x => u.push(x)); a.on('updateV2', x => w.push(x))
 * b.on('update', x => u.push(x)); b.on('updateV2', x => w.push(x))
 * a.getText('t').insert(0, 'hello')                                     // u0: client 1 types "hello"
 * a.getText('t').insert(5, ' world')                                    // u1: and " world"
 * a.transact(() => {                                                    // u2: a map, an array, an xml element
 *   a.getMap('m').set('k', { x: 1, y: [true, null] })
 *   a.getArray('a').insert(0, [1, 'two', 2.5, new Uint8Array([1, 2])])
 *   const el = new Y.XmlElement('p'); el.setAttribute('class', 'c')
 *   a.getXmlFragment('x').insert(0, [el])
 * })
 * Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
 * u.length = 3; w.length = 3
 * b.transact(() => { b.getText('t').delete(0, 1); b.getText('t').insert(0, 'H', { bold: true }) }) // u3: client 2
 * a.getText('t').delete(2, 3)                                           // u4: client 1 deletes "llo"
 * console.log(u.map(hex), w.map(hex))
 * }</pre>
 */
class UpdatesTest {
    private static final List<byte[]> U = hex(
            "01010100040101740568656c6c6f00",
            "010101058401040620776f726c6400",
            "0105010b2801016d016b01760201787d0101797502787e08010161037d01770374776f7c4020000083010e020102070101780301"
                    + "702800011005636c6173730177016300",
            "01030200c60100010104626f6c640474727565c4020001010148c60201010104626f6c64046e756c6c0101010001",
            "000101010203");
    private static final List<byte[]> W = hex(
            "000001010000010409067468656c6c6f01050101000001010000",
            "00000241000108000184080620776f726c640600000001010500",
            "000100024101021c0400092800080083000700280e0a6d6b617870636c6173734103050301020001030301030101050b760201"
                    + "787d0101797502787e7d01770374776f7c4020000002010277016300",
            "000200020702410002010201030100020302010005c600c400c60d09626f6c6448626f6c64040104000000010300787e01010"
                    + "10000",
            "0000000000000100000000000101010202");

    /** {@code Y.mergeUpdates(u)}; the same bytes as Y.mergeUpdates([u3, u2, u0, u4, u1]), Y.diffUpdate(merged,
     * Y.encodeStateVector(new Map())) and Y.convertUpdateFormatV2ToV1(Y.mergeUpdatesV2(w)). */
    private static final String MERGED = "02030200c60100010104626f6c640474727565c4020001010148c60201010104626f6c64"
            + "046e756c6c070100040101740568656c6c6f8401040620776f726c642801016d016b01760201787d0101797502787e080101610"
            + "37d01770374776f7c4020000083010e020102070101780301702800011005636c6173730177016301010200010203";

    /** {@code Y.mergeUpdatesV2(w)}; the same bytes as Y.mergeUpdatesV2([w3, w2, w0, w4, w1]) and
     * Y.convertUpdateFormatV1ToV2(Y.mergeUpdates(u)). */
    private static final String MERGED_V2 = "0003000300080241000201024103060100020614040302010013c600c400c600040084"
            + "00280008008300070028291f626f6c6448626f6c647468656c6c6f20776f726c646d6b617870636c6173730401040105064103"
            + "0503010300010303010301020300787e0700760201787d0101797502787e7d01770374776f7c40200000020102770163010102"
            + "00000102";

    /** {@code Y.mergeUpdates([Y.mergeUpdates([u0, u1]), u1, Y.encodeStateAsUpdate(a), u0])} */
    private static final String MERGED_OVERLAPPING = "01070100040101740568656c6c6f8401040620776f726c642801016d01"
            + "6b01760201787d0101797502787e08010161037d01770374776f7c4020000083010e020102070101780301702800011005636c6"
            + "17373017701630101010203";

    /** {@code Y.mergeUpdatesV2([Y.mergeUpdatesV2([w0, w1]), w1, Y.encodeStateAsUpdateV2(a), w0])} */
    private static final String MERGED_OVERLAPPING_V2 = "00010002410203081404000d040084002800080083000700281d1674"
            + "68656c6c6f20776f726c646d6b617870636c61737301050641030503010300010303010301010700760201787d0101797502787"
            + "e7d01770374776f7c402000000201027701630101010202";

    /** {@code Y.mergeUpdates([u0, u2])}: " world" is missing, so a Skip of 6 stands for it. */
    private static final String MERGED_GAP = "01070100040101740568656c6c6f0a062801016d016b01760201787d010179750278"
            + "7e08010161037d01770374776f7c4020000083010e020102070101780301702800011005636c6173730177016300";

    /** {@code Y.mergeUpdatesV2([w0, w2])} */
    private static final String MERGED_GAP_V2 = "000100024101021c04000d04000a0028000800830007002816107468656c6c6f6d"
            + "6b617870636c61737301054103050301030001030301030101070006760201787d0101797502787e7d01770374776f7c40200000"
            + "02010277016300";

    /** {@code Y.mergeUpdates([Y.mergeUpdates([u0, u2]), u1])}: the gap filled in. */
    private static final String MERGED_GAP_FILLED = "01070100040101740568656c6c6f8401040620776f726c642801016d016b"
            + "01760201787d0101797502787e08010161037d01770374776f7c4020000083010e020102070101780301702800011005636c617"
            + "3730177016300";

    /** {@code Y.encodeStateVectorFromUpdate(Y.mergeUpdates(u))}, and the same for V2. */
    private static final String STATE_VECTOR_ALL = "0202030112";

    /** {@code Y.encodeStateVectorFromUpdate(Y.mergeUpdates([u0, u2, u3]))}: client 1 counts up to its gap only;
     * the same for V2. */
    private static final String STATE_VECTOR_GAP = "0202030105";

    /** {@code Y.encodeStateVectorFromUpdate(u1)} and {@code (u4)}: structs not from 0, or none at all. */
    private static final String STATE_VECTOR_EMPTY = "00";

    /** {@code Y.encodeStateVector(new Map([[1, 3]]))}: cuts "hello" after "hel". */
    private static final String STATE_VECTOR_MID = "010103";

    /** {@code Y.diffUpdate(Y.mergeUpdates(u), STATE_VECTOR_MID)} */
    private static final String DIFF_MID = "02030200c60100010104626f6c640474727565c4020001010148c60201010104626f6"
            + "c64046e756c6c070103840102026c6f8401040620776f726c642801016d016b01760201787d0101797502787e08010161037d01"
            + "770374776f7c4020000083010e020102070101780301702800011005636c6173730177016301010200010203";

    /** {@code Y.diffUpdateV2(Y.mergeUpdatesV2(w), STATE_VECTOR_MID)} */
    private static final String DIFF_MID_V2 = "000300030008024100020102410407010003000414040302010011c600c400c60084"
            + "01280008008300070028241b626f6c6448626f6c646c6f20776f726c646d6b617870636c617373040104020641030503010200"
            + "010303010301020300787e0703760201787d0101797502787e7d01770374776f7c4020000002010277016301010200000102";

    /** {@code Y.diffUpdate(Y.mergeUpdates(u), Y.encodeStateVector(b))}: b has every struct, so only deletes. */
    private static final String DIFF_ALL_KNOWN = "0001010200010203";

    /** {@code Y.diffUpdateV2(Y.mergeUpdatesV2(w), Y.encodeStateVector(b))} */
    private static final String DIFF_ALL_KNOWN_V2 = "00000000000001000000000001010200000102";

    /** {@code Y.diffUpdate(Y.mergeUpdates([u0, u2]), Y.encodeStateVector(new Map([[1, 2]])))}: a diff keeps
     * the Skip. */
    private static final String DIFF_GAP = "01070102840101036c6c6f0a062801016d016b01760201787d0101797502787e080101"
            + "61037d01770374776f7c4020000083010e020102070101780301702800011005636c6173730177016300";

    /** A document that applied {@code Y.mergeUpdates(u)} encodes, with Yjs, as this; its text's delta is
     * [{"insert":"H","attributes":{"bold":true}},{"insert":"e world"}]. */
    private static final String DOC_OF_MERGED = "02030200c60100010104626f6c640474727565c4020001010148c60201010104626"
            + "f6c64046e756c6c09010001010174018401000165810101038401040620776f726c642801016d016b01760201787d0101797502"
            + "787e08010161037d01770374776f7c4020000083010e020102070101780301702800011005636c617373017701630101020001"
            + "0203";

    @Test
    void aMergedUpdateAppliesLikeTheUpdatesItMerges() {
        Doc doc = new Doc();
        doc.applyUpdate(Updates.mergeUpdates(U));
        assertThat(doc.encodeStateAsUpdate()).isEqualTo(bytes(DOC_OF_MERGED));
        assertThat(Json.stringify(doc.getText("t").toDelta()))
                .isEqualTo("[{\"insert\":\"H\",\"attributes\":{\"bold\":true}},{\"insert\":\"e world\"}]");
    }

    /**
     * {@code g = new Y.Doc(); Y.applyUpdate(g, Y.mergeUpdates([u0, u2]))}: g.getText('t') is "hello", the rest
     * waits as pending, and {@code Y.encodeStateAsUpdate(g)} is MERGED_GAP again (pending structs merged in).
     */
    @Test
    void aDocumentKeepsWhatFollowsAGapPendingAndEncodesItWithItsState() {
        Doc doc = new Doc();
        doc.applyUpdate(bytes(MERGED_GAP));
        assertThat(doc.getText("t").toString()).isEqualTo("hello");
        assertThat(doc.encodeStateAsUpdate()).isEqualTo(bytes(MERGED_GAP));
    }

    @Test
    void mergesUpdatesLikeYjs() {
        assertThat(Updates.mergeUpdates(U)).isEqualTo(bytes(MERGED));
        assertThat(Updates.mergeUpdatesV2(W)).isEqualTo(bytes(MERGED_V2));
    }

    @Test
    void mergeDoesNotDependOnTheOrderOfTheUpdates() {
        assertThat(Updates.mergeUpdates(pick(U, 3, 2, 0, 4, 1))).isEqualTo(bytes(MERGED));
        assertThat(Updates.mergeUpdatesV2(pick(W, 3, 2, 0, 4, 1))).isEqualTo(bytes(MERGED_V2));
    }

    @Test
    void mergeWritesOverlappingStructsOnce() {
        byte[] fullStateOfA = Updates.mergeUpdates(pick(U, 0, 1, 2, 4));
        List<byte[]> overlapping = List.of(Updates.mergeUpdates(pick(U, 0, 1)), U.get(1), fullStateOfA, U.get(0));
        assertThat(Updates.mergeUpdates(overlapping)).isEqualTo(bytes(MERGED_OVERLAPPING));

        byte[] fullStateOfAV2 = Updates.mergeUpdatesV2(pick(W, 0, 1, 2, 4));
        List<byte[]> overlappingV2 = List.of(Updates.mergeUpdatesV2(pick(W, 0, 1)), W.get(1), fullStateOfAV2, W.get(0));
        assertThat(Updates.mergeUpdatesV2(overlappingV2)).isEqualTo(bytes(MERGED_OVERLAPPING_V2));
    }

    @Test
    void mergeKeepsAGapAsASkipUntilItIsFilled() {
        assertThat(Updates.mergeUpdates(pick(U, 0, 2))).isEqualTo(bytes(MERGED_GAP));
        assertThat(Updates.mergeUpdatesV2(pick(W, 0, 2))).isEqualTo(bytes(MERGED_GAP_V2));
        assertThat(Updates.mergeUpdates(List.of(bytes(MERGED_GAP), U.get(1)))).isEqualTo(bytes(MERGED_GAP_FILLED));
    }

    /** {@code Y.mergeUpdates([])} is 0000 and {@code Y.mergeUpdatesV2([])} 00000000000001000000000000. */
    @Test
    void mergeOfNoUpdatesIsAnEmptyUpdate() {
        assertThat(Updates.mergeUpdates(List.of())).isEqualTo(bytes("0000"));
        assertThat(Updates.mergeUpdatesV2(List.of())).isEqualTo(bytes("00000000000001000000000000"));
    }

    @Test
    void mergeOfASingleUpdateIsThatUpdate() {
        assertThat(Updates.mergeUpdates(List.of(U.get(2)))).isSameAs(U.get(2));
    }

    @Test
    void encodesTheStateVectorOfAnUpdate() {
        assertThat(Updates.encodeStateVectorFromUpdate(bytes(MERGED))).isEqualTo(bytes(STATE_VECTOR_ALL));
        assertThat(Updates.encodeStateVectorFromUpdateV2(bytes(MERGED_V2))).isEqualTo(bytes(STATE_VECTOR_ALL));
    }

    @Test
    void stateVectorOfAnUpdateStopsAtAGap() {
        assertThat(Updates.encodeStateVectorFromUpdate(Updates.mergeUpdates(pick(U, 0, 2, 3))))
                .isEqualTo(bytes(STATE_VECTOR_GAP));
        assertThat(Updates.encodeStateVectorFromUpdateV2(Updates.mergeUpdatesV2(pick(W, 0, 2, 3))))
                .isEqualTo(bytes(STATE_VECTOR_GAP));
        assertThat(Updates.encodeStateVectorFromUpdate(U.get(1))).isEqualTo(bytes(STATE_VECTOR_EMPTY));
        assertThat(Updates.encodeStateVectorFromUpdate(U.get(4))).isEqualTo(bytes(STATE_VECTOR_EMPTY));
    }

    @Test
    void diffSlicesTheStructTheStateVectorEndsIn() {
        assertThat(Updates.diffUpdate(bytes(MERGED), bytes(STATE_VECTOR_MID))).isEqualTo(bytes(DIFF_MID));
        assertThat(Updates.diffUpdateV2(bytes(MERGED_V2), bytes(STATE_VECTOR_MID))).isEqualTo(bytes(DIFF_MID_V2));
    }

    @Test
    void diffAgainstAFullStateVectorKeepsOnlyTheDeletes() {
        assertThat(Updates.diffUpdate(bytes(MERGED), bytes(STATE_VECTOR_ALL))).isEqualTo(bytes(DIFF_ALL_KNOWN));
        assertThat(Updates.diffUpdateV2(bytes(MERGED_V2), bytes(STATE_VECTOR_ALL)))
                .isEqualTo(bytes(DIFF_ALL_KNOWN_V2));
    }

    @Test
    void diffAgainstAnEmptyStateVectorIsTheWholeUpdate() {
        assertThat(Updates.diffUpdate(bytes(MERGED), bytes(STATE_VECTOR_EMPTY))).isEqualTo(bytes(MERGED));
    }

    @Test
    void diffKeepsSkips() {
        assertThat(Updates.diffUpdate(bytes(MERGED_GAP), hex("010102").get(0))).isEqualTo(bytes(DIFF_GAP));
    }

    @Test
    void convertsBetweenV1AndV2() {
        assertThat(Updates.convertUpdateFormatV1ToV2(bytes(MERGED))).isEqualTo(bytes(MERGED_V2));
        assertThat(Updates.convertUpdateFormatV2ToV1(bytes(MERGED_V2))).isEqualTo(bytes(MERGED));
    }

    /** {@code Y.parseUpdateMeta(Y.mergeUpdates([u1, u2, u3]))} gives from [[2,0],[1,5]], to [[2,3],[1,18]]. */
    @Test
    void parsesTheClockRangesOfAnUpdate() {
        Updates.UpdateMeta meta = Updates.parseUpdateMeta(Updates.mergeUpdates(pick(U, 1, 2, 3)));
        assertThat(meta.from()).containsExactly(Map.entry(2L, 0L), Map.entry(1L, 5L));
        assertThat(meta.to()).containsExactly(Map.entry(2L, 3L), Map.entry(1L, 18L));
        Updates.UpdateMeta metaV2 = Updates.parseUpdateMetaV2(Updates.mergeUpdatesV2(pick(W, 1, 2, 3)));
        assertThat(metaV2).isEqualTo(meta);
    }

    @Test
    void truncatedUpdatesAreRejected() {
        byte[] merged = bytes(MERGED);
        byte[] truncated = Arrays.copyOf(merged, merged.length / 2);
        byte[] truncatedV2 = Arrays.copyOf(bytes(MERGED_V2), 40);
        assertThatThrownBy(() -> Updates.mergeUpdates(List.of(truncated, U.get(0)))).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.mergeUpdatesV2(List.of(truncatedV2, W.get(0))))
                .isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.diffUpdate(truncated, bytes(STATE_VECTOR_MID)))
                .isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.diffUpdate(merged, new byte[] {5})).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.encodeStateVectorFromUpdate(truncated)).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.convertUpdateFormatV1ToV2(truncated)).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.convertUpdateFormatV2ToV1(truncatedV2)).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Updates.parseUpdateMeta(truncated)).isInstanceOf(UpdateException.class);
    }

    /**
     * Forty updates holding the same clocks, some as items (gc off) and some as GCs (gc on): Yjs's merge order
     * calls either less than the other, so its sorting algorithm picks which is written. Yjs 13.6.33:
     *
     * <pre>{@code
     * const withGc = [], withItems = []
     * for (let client = 1; client <= 3; client++) for (const gc of [true, false]) {
     *   const d = new Y.Doc({ gc }); d.clientID = client
     *   d.getArray('a').insert(0, ['x', 'y']); d.getArray('a').delete(0, 2)
     *   ;(gc ? withGc : withItems).push(Y.encodeStateAsUpdate(d))
     * }
     * const order = []
     * for (let i = 0; i < 40; i++) order.push(i % 2 === 0 ? withGc[i % 3] : withItems[(i * 7) % 3])
     * hex(Y.mergeUpdates(order))                                                           // MERGED_TIES
     * }</pre>
     */
    @Test
    void mergingManyUpdatesWithTheSameClocksAsItemsAndGcsPicksWhatYjsPicks() {
        List<byte[]> withGc = hex("0101010001010161020101010002", "0101020001010161020102010002",
                "0101030001010161020103010002");
        List<byte[]> withItems = hex("0101010008010161027701787701790101010002",
                "0101020008010161027701787701790102010002", "0101030008010161027701787701790103010002");
        List<byte[]> order = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            order.add(i % 2 == 0 ? withGc.get(i % 3) : withItems.get((i * 7) % 3));
        }

        assertThat(Updates.mergeUpdates(order)).isEqualTo(bytes("0301030001010161020102000801016102770178770179"
                + "010100010101610203030100020201000201010002"));
    }

    @Test
    void deleteRangesOutOfOrderAreRejected() {
        // no structs; client 1 with the ranges (5,1) and (0,1)
        byte[] update = bytes("0001010205010001");
        for (ThrowingCallable operation : List.<ThrowingCallable>of(
                () -> Updates.convertUpdateFormatV1ToV2(update),
                () -> Updates.mergeUpdates(List.of(update, update)),
                () -> Updates.diffUpdate(update, new byte[] {0}),
                () -> new Doc().applyUpdate(update))) {
            assertThatThrownBy(operation).isInstanceOf(UpdateException.class)
                    .hasCauseInstanceOf(DecodingException.class);
        }
    }

    @Test
    void unknownContentIsRejected() {
        // u0 with the content ref in the item's info byte changed from 4 (string) to 31, which no content has
        byte[] update = bytes("010101001f0101740568656c6c6f00");
        assertThatThrownBy(() -> Updates.convertUpdateFormatV1ToV2(update)).isInstanceOf(UpdateException.class);
    }

    private static List<byte[]> pick(List<byte[]> updates, int... indices) {
        return Arrays.stream(indices).mapToObj(updates::get).toList();
    }

    private static List<byte[]> hex(String... hex) {
        return Arrays.stream(hex).map(UpdatesTest::bytes).toList();
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
