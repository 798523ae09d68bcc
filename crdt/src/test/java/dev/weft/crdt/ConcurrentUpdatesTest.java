package dev.weft.crdt;

import static dev.weft.crdt.YArrayYMapGoldenTest.bytes;
import static dev.weft.crdt.YArrayYMapGoldenTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concurrent edits converge as in Yjs whatever order they arrive in; updates that arrive before what they depend on
 * wait and are integrated once it arrives. Constants from the snippets above them (see YArrayYMapGoldenTest for
 * {@code doc} and {@code hex}).
 */
class ConcurrentUpdatesTest {
    // a = doc(1); b = doc(2); a.on('update', u => ua.push(u)); b.on('update', u => ub.push(u))
    // a.getArray('a').insert(0, ['a1', 'a2']); a.getMap('m').set('k', 'from1')
    // b.getArray('a').insert(0, ['b1']); b.getMap('m').set('k', 'from2')
    // ua.map(hex), ub.map(hex); then each applies the other's updates: hex(Y.encodeStateAsUpdate(a)) (same for b),
    // JSON.stringify({ a: a.getArray('a').toJSON(), m: a.getMap('m').toJSON() })
    static final List<String> CONCURRENT_A = List.of(
            "010101000801016102770261317702613200", "010101022801016d016b01770566726f6d3100");
    static final List<String> CONCURRENT_B = List.of(
            "0101020008010161017702623100", "010102012801016d016b01770566726f6d3200");
    static final String CONCURRENT_MERGED = "020202000801016101770262312801016d016b01770566726f6d3202010008010161027702"
            + "6131770261322101016d016b010101010201";
    static final String CONCURRENT_JSON = "{\"a\":[\"a1\",\"a2\",\"b1\"],\"m\":{\"k\":\"from2\"}}";

    // a = doc(1); b = doc(2); a and b push their updates to us
    // a.getArray('a').insert(0, [1, 2, 3]); a.transact(() => { a.getArray('a').insert(3, [4]); a.getArray('a').delete(0, 1) })
    // Y.applyUpdate(b, Y.encodeStateAsUpdate(a)); us.length = 2; b.getArray('a').insert(1, ['b']); us.map(hex)
    // c = doc(3): Y.applyUpdate(c, us[2]) then hex(Y.encodeStateAsUpdate(c)), hex(Y.encodeStateVector(c));
    // Y.applyUpdate(c, us[1]); hex(Y.encodeStateAsUpdate(c)); Y.applyUpdate(c, us[0]); hex(Y.encodeStateAsUpdate(c)),
    // JSON.stringify(c.getArray('a').toJSON()), hex(Y.encodeStateVector(c))
    static final List<String> OUT_OF_ORDER = List.of(
            "0101010008010161037d017d027d0300", "01010103880102017d040101010001", "01010200c8010101020177016200");
    static final String OUT_OF_ORDER_PENDING_STATE = "01010200c8010101020177016200";
    static final String OUT_OF_ORDER_PENDING_SV = "00";
    static final String OUT_OF_ORDER_PENDING_STATE_2 = "02010200c80101010201770162010103880102017d040101010001";
    static final String OUT_OF_ORDER_FINAL =
            "02010200c801010102017701620301000101016101880100017d02880101027d037d040101010001";
    static final String OUT_OF_ORDER_JSON = "[2,\"b\",3,4]";
    static final String OUT_OF_ORDER_FINAL_SV = "0202010104";

    // a = doc(1); b = doc(2); a.getArray('a').insert(0, ['a']); u1 = Y.encodeStateAsUpdate(a); Y.applyUpdate(b, u1)
    // b.transact(() => { b.getMap('m').set('x', 1); b.getArray('a').insert(1, ['y']); b.getMap('m').set('z', 2) })
    // u2 = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)); c = doc(3); Y.applyUpdate(c, u2)
    // hex(u1), hex(u2), hex(Y.encodeStateAsUpdate(c)); Y.applyUpdate(c, u1); hex(Y.encodeStateAsUpdate(c)), JSON of a and m
    static final String MIDDLE_WAITS_U1 = "01010100080101610177016100";
    static final String MIDDLE_WAITS_U2 = "010302002801016d0178017d01880100017701792801016d017a017d0200";
    static final String MIDDLE_WAITS_PENDING_STATE = MIDDLE_WAITS_U2;
    static final String MIDDLE_WAITS_FINAL =
            "020302002801016d0178017d01880100017701792801016d017a017d02010100080101610177016100";
    static final String MIDDLE_WAITS_JSON = "{\"a\":[\"a\",\"y\"],\"m\":{\"x\":1,\"z\":2}}";

    private static Doc docWith(List<String> updates) {
        Doc d = new Doc();
        updates.forEach(u -> d.applyUpdate(bytes(u)));
        return d;
    }

    private static String json(Doc d) {
        return "{\"a\":" + Json.stringify(d.getArray("a").toJson()) + ",\"m\":" + Json.stringify(d.getMap("m").toJson())
                + "}";
    }

    @Test
    void localEditsEmitYjsUpdates() {
        Doc a = Doc.builder().clientId(1).build();
        Doc b = Doc.builder().clientId(2).build();
        List<String> ua = new ArrayList<>();
        List<String> ub = new ArrayList<>();
        a.onUpdate((u, origin, txn) -> ua.add(hex(u)));
        b.onUpdate((u, origin, txn) -> ub.add(hex(u)));

        a.getArray("a").insert(0, List.of("a1", "a2"));
        a.getMap("m").set("k", "from1");
        b.getArray("a").insert(0, List.of("b1"));
        b.getMap("m").set("k", "from2");

        assertThat(ua).isEqualTo(CONCURRENT_A);
        assertThat(ub).isEqualTo(CONCURRENT_B);
    }

    @Test
    void concurrentEditsConvergeInEitherOrder() {
        List<String> aThenB = new ArrayList<>(CONCURRENT_A);
        aThenB.addAll(CONCURRENT_B);
        List<String> bThenA = new ArrayList<>(CONCURRENT_B);
        bThenA.addAll(CONCURRENT_A);
        List<String> interleaved = List.of(CONCURRENT_B.get(1), CONCURRENT_A.get(0), CONCURRENT_A.get(1),
                CONCURRENT_B.get(0));

        for (List<String> order : List.of(aThenB, bThenA, interleaved)) {
            Doc d = docWith(order);
            assertThat(json(d)).as("order %s", order).isEqualTo(CONCURRENT_JSON);
            assertThat(hex(d.encodeStateAsUpdate())).as("order %s", order).isEqualTo(CONCURRENT_MERGED);
        }
    }

    @Test
    void editsOnBothSidesConvergeLikeYjs() {
        Doc a = Doc.builder().clientId(1).build();
        Doc b = Doc.builder().clientId(2).build();
        a.getArray("a").insert(0, List.of("a1", "a2"));
        a.getMap("m").set("k", "from1");
        b.getArray("a").insert(0, List.of("b1"));
        b.getMap("m").set("k", "from2");

        a.applyUpdate(b.encodeStateAsUpdate(a.encodeStateVector()));
        b.applyUpdate(a.encodeStateAsUpdate(b.encodeStateVector()));

        assertThat(hex(a.encodeStateAsUpdate())).isEqualTo(CONCURRENT_MERGED);
        assertThat(hex(b.encodeStateAsUpdate())).isEqualTo(CONCURRENT_MERGED);
        assertThat(json(a)).isEqualTo(CONCURRENT_JSON);
    }

    @Test
    void updateWithMissingDependenciesWaitsInPending() {
        Doc c = Doc.builder().clientId(3).build();
        c.applyUpdate(bytes(OUT_OF_ORDER.get(2)));

        assertThat(hex(c.encodeStateVector())).isEqualTo(OUT_OF_ORDER_PENDING_SV);
        assertThat(hex(c.encodeStateAsUpdate())).isEqualTo(OUT_OF_ORDER_PENDING_STATE);
        assertThat(c.getArray("a").toArray()).isEmpty();
        assertThat(c.store.pendingStructs.missing().get(1)).isEqualTo(0);
    }

    @Test
    void pendingUpdatesIntegrateOnceTheirDependenciesArrive() {
        Doc c = Doc.builder().clientId(3).build();
        c.applyUpdate(bytes(OUT_OF_ORDER.get(2)));
        c.applyUpdate(bytes(OUT_OF_ORDER.get(0)));
        c.applyUpdate(bytes(OUT_OF_ORDER.get(1)));

        assertThat(Json.stringify(c.getArray("a").toJson())).isEqualTo(OUT_OF_ORDER_JSON);
        assertThat(hex(c.encodeStateAsUpdate())).isEqualTo(OUT_OF_ORDER_FINAL);
        assertThat(hex(c.encodeStateVector())).isEqualTo(OUT_OF_ORDER_FINAL_SV);
        assertThat(c.store.pendingStructs).isNull();
        assertThat(c.store.pendingDs).isNull();
    }

    @Test
    void twoWaitingUpdatesAreMergedAndEncodedWithTheState() {
        Doc c = Doc.builder().clientId(3).build();
        c.applyUpdate(bytes(OUT_OF_ORDER.get(2)));
        c.applyUpdate(bytes(OUT_OF_ORDER.get(1)));

        assertThat(hex(c.encodeStateAsUpdate())).isEqualTo(OUT_OF_ORDER_PENDING_STATE_2);
        assertThat(c.getArray("a").toArray()).isEmpty();

        c.applyUpdate(bytes(OUT_OF_ORDER.get(0)));

        assertThat(hex(c.encodeStateAsUpdate())).isEqualTo(OUT_OF_ORDER_FINAL);
        assertThat(c.store.pendingStructs).isNull();
        assertThat(c.store.pendingDs).isNull();
    }

    @Test
    void whenAStructWaitsEverythingAfterItFromItsClientWaitsToo() {
        Doc c = Doc.builder().clientId(3).build();
        c.applyUpdate(bytes(MIDDLE_WAITS_U2));

        assertThat(c.getMap("m").toJson()).containsOnlyKeys("x");
        assertThat(hex(c.encodeStateAsUpdate())).isEqualTo(MIDDLE_WAITS_PENDING_STATE);

        c.applyUpdate(bytes(MIDDLE_WAITS_U1));

        assertThat(json(c)).isEqualTo(MIDDLE_WAITS_JSON);
        assertThat(hex(c.encodeStateAsUpdate())).isEqualTo(MIDDLE_WAITS_FINAL);
    }

    @Test
    void deletionsOfUnknownClocksWaitForTheirStructs() {
        Doc c = Doc.builder().clientId(3).build();
        // the second update deletes an item of the first
        c.applyUpdate(bytes(OUT_OF_ORDER.get(1)));
        assertThat(c.store.pendingDs).isNotNull();

        c.applyUpdate(bytes(OUT_OF_ORDER.get(0)));

        assertThat(c.getArray("a").toArray()).containsExactly(2, 3, 4);
        assertThat(c.store.pendingDs).isNull();
    }

    @Test
    void everyOrderOfThreeDependentUpdatesGivesTheSameDocument() {
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] order : orders) {
            Doc c = new Doc();
            for (int i : order) {
                c.applyUpdate(bytes(OUT_OF_ORDER.get(i)));
            }
            assertThat(Json.stringify(c.getArray("a").toJson())).as("order %s", order).isEqualTo(OUT_OF_ORDER_JSON);
            assertThat(hex(c.encodeStateAsUpdate())).as("order %s", order).isEqualTo(OUT_OF_ORDER_FINAL);
        }
    }
}
