package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Undefined;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots against golden values from Yjs 13.6.33, produced with node in client-js by:
 *
 * <pre>{@code
 * import * as Y from 'yjs'
 * const hex = u => Buffer.from(u).toString('hex')
 * const d = new Y.Doc({ gc: false }); d.clientID = 1
 * const t = d.getText('t'), a = d.getArray('a'), m = d.getMap('m')
 * t.insert(0, 'hello world')
 * a.insert(0, [1, 2, 3])
 * m.set('k', 'v1')
 * const s1 = Y.snapshot(d)
 * const at1 = Y.encodeStateAsUpdate(d)                                                      // AT_S1
 * t.delete(0, 6)
 * t.insert(5, '!')
 * a.delete(1, 1)
 * m.set('k', 'v2')
 * m.set('j', true)
 * const s2 = Y.snapshot(d)
 * console.log(hex(Y.encodeStateAsUpdate(d, Y.encodeStateVector(Y.createDocFromSnapshot(d, s1)))))  // AFTER_S1
 * console.log(hex(Y.encodeSnapshot(s1)), hex(Y.encodeSnapshotV2(s1)))                      // S1, S1 again
 * console.log(hex(Y.encodeSnapshot(s2)), hex(Y.encodeSnapshotV2(s2)))                      // S2, S2_V2
 * console.log(hex(Y.encodeSnapshot(Y.emptySnapshot)), hex(Y.encodeSnapshotV2(Y.emptySnapshot)))  // EMPTY twice
 * console.log(Y.snapshotContainsUpdate(s1, at1), Y.snapshotContainsUpdate(s1, Y.encodeStateAsUpdate(d)),
 *   Y.snapshotContainsUpdate(s2, Y.encodeStateAsUpdate(d)))                                 // true false true
 * console.log(JSON.stringify(Y.typeListToArraySnapshot(a, s1)), JSON.stringify(Y.typeListToArraySnapshot(a, s2)))
 *                                                                                           // [1,2,3] [1,3]
 * console.log(JSON.stringify(Y.typeMapGetAllSnapshot(m, s1)), JSON.stringify(Y.typeMapGetAllSnapshot(m, s2)))
 *                                                                             // {"k":"v1"} {"k":"v2","j":true}
 * console.log(Y.typeMapGetSnapshot(m, 'k', s1))                                            // v1
 * console.log(hex(Y.encodeStateAsUpdate(Y.createDocFromSnapshot(d, s1))))                   // RESTORED_S1
 * console.log(hex(Y.encodeStateAsUpdate(Y.createDocFromSnapshot(d, s2))))                   // RESTORED_S2
 * }</pre>
 */
class SnapshotTest {
    private static final String AT_S1 = "01030100040101740b68656c6c6f20776f726c6408010161037d017d027d032801016d016b"
            + "017702763100";
    private static final String AFTER_S1 = "0103010f84010a0121a8010e01770276322801016d016a017801010300060c010e01";
    private static final String S1 = "0001010f";
    private static final String S2 = "01010300060c010e01010112";
    private static final String S2_V2 = "010103000506000100010112";
    private static final String EMPTY = "0000";
    /** Restoring s1 gives back exactly the update of the document at s1. */
    private static final String RESTORED_S1 = AT_S1;
    private static final String RESTORED_S2 = "01090100010101740684010505776f726c6408010161017d0181010b0188010c017d0"
            + "32101016d016b0184010a0121a8010e01770276322801016d016a017801010300060c010e01";

    @Test
    void encodesLikeYjs() {
        Doc doc = historyDoc();
        Snapshot s1 = Snapshot.snapshot(doc);
        assertThat(s1.encode()).isEqualTo(bytes(S1));
        assertThat(s1.encodeV2()).isEqualTo(bytes(S1));
        doc.applyUpdate(bytes(AFTER_S1));
        Snapshot s2 = Snapshot.snapshot(doc);
        assertThat(s2.encode()).isEqualTo(bytes(S2));
        assertThat(s2.encodeV2()).isEqualTo(bytes(S2_V2));
        assertThat(Snapshot.emptySnapshot().encode()).isEqualTo(bytes(EMPTY));
        assertThat(Snapshot.emptySnapshot().encodeV2()).isEqualTo(bytes(EMPTY));
    }

    /** The script's edits made locally by a Java peer with client id 1 give the same snapshots. */
    @Test
    void snapshotsOfLocalEditsEncodeLikeYjs() {
        Doc doc = Doc.builder().clientId(1).gc(false).build();
        doc.getText("t").insert(0, "hello world");
        doc.getArray("a").insert(0, List.of(1, 2, 3));
        doc.getMap("m").set("k", "v1");
        assertThat(Snapshot.snapshot(doc).encode()).isEqualTo(bytes(S1));
        doc.getText("t").delete(0, 6);
        doc.getText("t").insert(5, "!");
        doc.getArray("a").delete(1, 1);
        doc.getMap("m").set("k", "v2");
        doc.getMap("m").set("j", true);
        assertThat(Snapshot.snapshot(doc).encode()).isEqualTo(bytes(S2));
    }

    @Test
    void decodesWhatItEncodes() {
        assertThat(Snapshot.decode(bytes(S2))).isEqualTo(Snapshot.decodeV2(bytes(S2_V2)));
        assertThat(Snapshot.decode(bytes(S1))).isNotEqualTo(Snapshot.decode(bytes(S2)));
        assertThat(Snapshot.decode(bytes(EMPTY))).isEqualTo(Snapshot.emptySnapshot());
        Doc doc = historyDoc();
        doc.applyUpdate(bytes(AFTER_S1));
        assertThat(Snapshot.snapshot(doc)).isEqualTo(Snapshot.decode(bytes(S2)))
                .hasSameHashCodeAs(Snapshot.decode(bytes(S2)));
    }

    @Test
    void knowsWhichUpdatesItContains() {
        Snapshot s1 = Snapshot.decode(bytes(S1));
        Snapshot s2 = Snapshot.decode(bytes(S2));
        Doc doc = historyDoc();
        doc.applyUpdate(bytes(AFTER_S1));
        byte[] all = doc.encodeStateAsUpdate();
        assertThat(s1.containsUpdate(bytes(AT_S1))).isTrue();
        assertThat(s1.containsUpdate(all)).isFalse();
        assertThat(s2.containsUpdate(all)).isTrue();
        assertThat(s2.containsUpdateV2(doc.encodeStateAsUpdateV2())).isTrue();
        assertThat(s1.containsUpdateV2(doc.encodeStateAsUpdateV2())).isFalse();
    }

    @Test
    void readsContentAsOfASnapshot() {
        Doc doc = historyDoc();
        doc.applyUpdate(bytes(AFTER_S1));
        Snapshot s1 = Snapshot.decode(bytes(S1));
        Snapshot s2 = Snapshot.decode(bytes(S2));
        YArray array = doc.getArray("a");
        YMap map = doc.getMap("m");
        assertThat(Json.stringify(array.toArray(s1))).isEqualTo("[1,2,3]");
        assertThat(Json.stringify(array.toArray(s2))).isEqualTo("[1,3]");
        assertThat(map.entries(s1)).isEqualTo(Json.parse("{\"k\":\"v1\"}"));
        assertThat(map.entries(s2)).isEqualTo(Json.parse("{\"k\":\"v2\",\"j\":true}"));
        assertThat(map.get("k", s1)).isEqualTo("v1");
        assertThat(map.get("j", s1)).isEqualTo(Undefined.INSTANCE);
    }

    @Test
    void restoresADocumentAsOfASnapshot() {
        Doc doc = historyDoc();
        doc.applyUpdate(bytes(AFTER_S1));
        Doc restored1 = Snapshot.createDocFromSnapshot(doc, Snapshot.decode(bytes(S1)));
        assertThat(restored1.getText("t").toString()).isEqualTo("hello world");
        assertThat(restored1.encodeStateAsUpdate()).isEqualTo(bytes(RESTORED_S1));
        Doc restored2 = Snapshot.createDocFromSnapshot(doc, Snapshot.decode(bytes(S2)));
        assertThat(restored2.encodeStateAsUpdate()).isEqualTo(bytes(RESTORED_S2));
    }

    @Test
    void refusesToRestoreFromADocumentThatCollectsGarbage() {
        Doc collecting = new Doc();
        collecting.applyUpdate(bytes(AT_S1));
        assertThatThrownBy(() -> Snapshot.createDocFromSnapshot(collecting, Snapshot.decode(bytes(S1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A document without garbage collection that received content a collecting peer had collected, so that the
     * boundary of a snapshot falls inside a GC. Yjs 13.6.33:
     *
     * <pre>{@code
     * const a = new Y.Doc(); a.clientID = 1
     * const inner = new Y.Array(); a.getMap('m').set('list', inner)
     * inner.insert(0, ['x', 'y', 'z']); inner.insert(0, ['w']); a.getMap('m').delete('list')
     * const b = new Y.Doc({ gc: false }); b.clientID = 2; Y.applyUpdate(b, Y.encodeStateAsUpdate(a))  // COLLECTED
     * const snap = Y.decodeSnapshot(Buffer.from('00010103', 'hex'))          // {1: 3}: inside the GC of clocks 1..4
     * JSON.stringify(b.getText('t').toDelta(snap))                           // []
     * hex(Y.encodeStateAsUpdate(Y.createDocFromSnapshot(b, snap)))          // COLLECTED: the GC is written whole
     * hex(Y.encodeStateAsUpdate(b))                                          // COLLECTED: nothing was split
     * }</pre>
     */
    @Test
    void aSnapshotBoundaryInsideCollectedContentIsReadAsYjsReadsIt() {
        String collected = "010201002101016d046c6973740100040101010005";
        Doc doc = Doc.builder().clientId(2).gc(false).build();
        doc.applyUpdate(bytes(collected));
        Snapshot snapshot = Snapshot.decode(bytes("00010103"));

        assertThat(doc.getText("t").toDelta(snapshot)).isEmpty();
        assertThat(Snapshot.createDocFromSnapshot(doc, snapshot).encodeStateAsUpdate()).isEqualTo(bytes(collected));
        assertThat(doc.encodeStateAsUpdate()).isEqualTo(bytes(collected));
    }

    @Test
    void decodingRefusesDeleteRangesOutOfOrder() {
        // ranges (5,1), (0,1), (3,1) of client 1: a binary search over them would miss clock 5
        assertThatThrownBy(() -> Snapshot.decode(bytes("01010305010001030101010a")))
                .isInstanceOf(UpdateException.class).hasCauseInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> Snapshot.decode(bytes("0001"))).isInstanceOf(UpdateException.class);
        assertThatThrownBy(() -> Snapshot.decodeV2(bytes("01"))).isInstanceOf(UpdateException.class);
    }

    /** A document without garbage collection holding the script's state at s1. */
    private static Doc historyDoc() {
        Doc doc = Doc.builder().gc(false).build();
        doc.applyUpdate(bytes(AT_S1));
        return doc;
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
