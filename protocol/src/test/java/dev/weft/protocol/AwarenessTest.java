package dev.weft.protocol;

import static dev.weft.protocol.AwarenessEntries.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.weft.protocol.AwarenessEntries.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The awareness registry against y-protocols 1.0.7's Awareness in the place y-websocket's server uses it: a peer
 * whose own state is null, fed the updates its clients send.
 *
 * <p>Each expected value was printed by a snippet run in client-js with {@code node --input-type=module -e}, after
 * this prelude (the server awareness, an update written entry by entry, and what one call makes the server
 * report: its {@code update} event, the ids of its {@code change} event's {@code updated} when one fires, and what
 * y-websocket's server broadcasts, the update of {@code added.concat(updated, removed)}):
 * <pre>{@code
 * import { mock } from 'node:test';
 * // Time is mocked before lib0 loads: lib0/time keeps a reference to Date.now.
 * mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
 * const Y = await import('yjs'); const encoding = await import('lib0/encoding');
 * const awareness = await import('y-protocols/awareness');
 * const hex = (u) => Buffer.from(u).toString('hex');
 * const server = () => { const d = new Y.Doc(); d.clientID = 1; const s = new awareness.Awareness(d); s.setLocalState(null); return s };
 * const entries = (...es) => {
 *   const e = encoding.createEncoder(); encoding.writeVarUint(e, es.length);
 *   for (const [id, clock, json] of es) { encoding.writeVarUint(e, id); encoding.writeVarUint(e, clock); encoding.writeVarString(e, json) }
 *   return encoding.toUint8Array(e);
 * };
 * const observe = (s, act) => {
 *   const r = {};
 *   const onUpdate = ({ added, updated, removed }) => {
 *     Object.assign(r, { added, updated, removed });
 *     r.broadcast = hex(awareness.encodeAwarenessUpdate(s, added.concat(updated, removed)));
 *   };
 *   const onChange = ({ updated }) => { r.changed = updated };
 *   s.on('update', onUpdate); s.on('change', onChange); act(); s.off('update', onUpdate); s.off('change', onChange);
 *   return JSON.stringify(r);
 * };
 * const apply = (s, update) => observe(s, () => awareness.applyAwarenessUpdate(s, update, 'conn'));
 * const all = (s) => hex(awareness.encodeAwarenessUpdate(s, [...s.getStates().keys()]));
 * }</pre>
 * A {@code renewed} id below is one of the {@code update} event's {@code updated} that the {@code change} event
 * leaves out.
 */
class AwarenessTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<Long> NONE = List.of();

    private final ManualTime time = new ManualTime();
    private final Awareness awareness = new Awareness(time);

    /*
     * const s = server();
     * const u = entries([10, 1, '{"user":{"name":"Ada","color":"#30bced"}}'], [20, 3, '{"cursor":null}']);
     * console.log(hex(u), apply(s, u), all(s));
     * -> {"changed":[],"added":[10,20],"updated":[],"removed":[],"broadcast":<as u>}, all(s) as u
     */
    private static final byte[] TWO_CLIENTS = HEX.parseHex("020a01297b2275736572223a7b226e616d65223a22416461222c"
            + "22636f6c6f72223a2223333062636564227d7d14030f7b22637572736f72223a6e756c6c7d");

    @Test
    void clientsNeverSeenAreAddedAndTheirStatesRelayed() {
        AwarenessChange change = awareness.apply(TWO_CLIENTS);

        assertChange(change, List.of(10L, 20L), NONE, NONE, NONE, TWO_CLIENTS);
        assertThat(change.statesChanged()).isTrue();
        assertThat(awareness.encodeAll()).isEqualTo(TWO_CLIENTS);
        assertThat(awareness.states()).containsExactly(
                Map.entry(10L, "{\"user\":{\"name\":\"Ada\",\"color\":\"#30bced\"}}"),
                Map.entry(20L, "{\"cursor\":null}"));
        assertThat(awareness.size()).isEqualTo(2);
    }

    /*
     * const s = server();
     * console.log(apply(s, entries([10, 1, '{"user":{"name":"Ada","n":1}}'])));
     * const renewal = entries([10, 2, '{"user":{"name":"Ada","n":1}}']);
     * const reordered = entries([10, 3, '{ "user" : { "n" : 1.0, "name" : "Ada" } }']);
     * const changed = entries([10, 4, '{"user":{"name":"Ada","n":2}}']);
     * for (const u of [renewal, reordered, changed]) console.log(hex(u), apply(s, u));
     */
    private static final byte[] FIRST = HEX.parseHex("010a011d7b2275736572223a7b226e616d65223a22416461222c226e223a317d7d");
    // -> {"added":[],"updated":[10],"removed":[],"broadcast":<as RENEWAL>} (no change event)
    private static final byte[] RENEWAL = HEX.parseHex("010a021d7b2275736572223a7b226e616d65223a22416461222c226e223a317d7d");
    // -> {"added":[],"updated":[10],"removed":[],"broadcast":"010a031d7b2275736572223a7b226e223a312c226e616d65223a22416461227d7d"}
    private static final byte[] REORDERED = HEX.parseHex("010a032a7b20227573657222203a207b20226e22203a20312e302c20"
            + "226e616d6522203a202241646122207d207d");
    // -> {"changed":[10],"added":[],"updated":[10],"removed":[],"broadcast":<as CHANGED>}
    private static final byte[] CHANGED = HEX.parseHex("010a041d7b2275736572223a7b226e616d65223a22416461222c226e223a327d7d");

    @Test
    void aNewerClockWithAnEqualValueIsARenewalAndWithAnotherValueAChange() {
        awareness.apply(FIRST);

        AwarenessChange renewal = awareness.apply(RENEWAL);
        assertChange(renewal, NONE, List.of(10L), NONE, List.of(10L), RENEWAL);
        assertThat(renewal.statesChanged()).isFalse();

        // Key order, spacing and 1.0 for 1 make no difference to JSON.parse's value. y-protocols relays
        // JSON.stringify of that value; Weft relays the text as it came, which every peer parses to the same value.
        AwarenessChange reordered = awareness.apply(REORDERED);
        assertChange(reordered, NONE, List.of(10L), NONE, List.of(10L), REORDERED);
        assertThat(reordered.statesChanged()).isFalse();

        AwarenessChange changed = awareness.apply(CHANGED);
        assertChange(changed, NONE, List.of(10L), NONE, NONE, CHANGED);
        assertThat(changed.statesChanged()).isTrue();
    }

    /*
     * const s = server();
     * console.log(apply(s, entries([10, 5, '{"n":1}'])));
     * const older = entries([10, 4, '{"n":2}']);
     * const sameClock = entries([10, 5, '{"n":3}']);
     * const zeroClock = entries([20, 0, '{"n":4}']);
     * for (const u of [older, sameClock, zeroClock]) console.log(hex(u), apply(s, u));
     * console.log(all(s));
     * -> {} for each (no event), all(s) as AT_CLOCK_5
     */
    private static final byte[] AT_CLOCK_5 = HEX.parseHex("010a05077b226e223a317d");
    private static final byte[] OLDER = HEX.parseHex("010a04077b226e223a327d");
    private static final byte[] SAME_CLOCK = HEX.parseHex("010a05077b226e223a337d");
    private static final byte[] ZERO_CLOCK_UNSEEN = HEX.parseHex("011400077b226e223a347d");

    @Test
    void aStateWhoseClockIsNotNewerIsIgnored() {
        awareness.apply(AT_CLOCK_5);

        for (byte[] stale : List.of(OLDER, SAME_CLOCK, ZERO_CLOCK_UNSEEN)) {
            AwarenessChange change = awareness.apply(stale);
            assertThat(change.isEmpty()).isTrue();
            assertThat(change.statesChanged()).isFalse();
        }
        assertThat(awareness.encodeAll()).isEqualTo(AT_CLOCK_5);
    }

    /*
     * const s = server();
     * console.log(apply(s, entries([10, 4, '{"n":1}'])));
     * const removal = entries([10, 4, 'null']);
     * const again = entries([10, 4, 'null']);
     * const newerNull = entries([10, 5, 'null']);
     * const back = entries([10, 6, '{"n":1}']);
     * for (const u of [removal, again, newerNull, back]) console.log(hex(u), apply(s, u));
     */
    private static final byte[] AT_CLOCK_4 = HEX.parseHex("010a04077b226e223a317d");
    // -> {"changed":[],"added":[],"updated":[],"removed":[10],"broadcast":<as NULL_AT_4>}, then {} for it again
    private static final byte[] NULL_AT_4 = HEX.parseHex("010a04046e756c6c");
    // -> {"changed":[],"added":[],"updated":[],"removed":[10],"broadcast":<as NULL_AT_5>}
    private static final byte[] NULL_AT_5 = HEX.parseHex("010a05046e756c6c");
    // -> {"changed":[10],"added":[],"updated":[10],"removed":[],"broadcast":<as BACK_AT_6>}
    private static final byte[] BACK_AT_6 = HEX.parseHex("010a06077b226e223a317d");

    @Test
    void aNullStateAtTheSameClockRemovesAndAReturnIsAnUpdate() {
        awareness.apply(AT_CLOCK_4);

        assertChange(awareness.apply(NULL_AT_4), NONE, NONE, List.of(10L), NONE, NULL_AT_4);
        assertThat(awareness.isEmpty()).isTrue();
        assertThat(awareness.apply(NULL_AT_4).isEmpty()).isTrue();
        // y-protocols reports a newer null for a client already removed as a removal again
        assertChange(awareness.apply(NULL_AT_5), NONE, NONE, List.of(10L), NONE, NULL_AT_5);
        // and a client back after its removal as an update, not an addition
        AwarenessChange back = awareness.apply(BACK_AT_6);
        assertChange(back, NONE, List.of(10L), NONE, NONE, BACK_AT_6);
        assertThat(back.statesChanged()).isTrue();
    }

    /*
     * const s = server();
     * const unseenNull = entries([40, 2, 'null']);
     * const sameClock = entries([40, 2, '{"a":1}']);
     * const newer = entries([40, 3, '{"a":1}']);
     * for (const u of [unseenNull, sameClock, newer]) console.log(hex(u), apply(s, u));
     * -> {}, {}, then {"changed":[40],"added":[],"updated":[40],"removed":[],"broadcast":<as UNSEEN_STATE_AT_3>}
     */
    private static final byte[] UNSEEN_NULL_AT_2 = HEX.parseHex("012802046e756c6c");
    private static final byte[] UNSEEN_STATE_AT_2 = HEX.parseHex("012802077b2261223a317d");
    private static final byte[] UNSEEN_STATE_AT_3 = HEX.parseHex("012803077b2261223a317d");

    @Test
    void aNullForAClientNeverSeenSetsItsClock() {
        assertThat(awareness.apply(UNSEEN_NULL_AT_2).isEmpty()).isTrue();
        assertThat(awareness.apply(UNSEEN_STATE_AT_2).isEmpty()).isTrue();
        assertChange(awareness.apply(UNSEEN_STATE_AT_3), NONE, List.of(40L), NONE, NONE, UNSEEN_STATE_AT_3);
    }

    /*
     * const s = server();
     * const u = entries([50, 1, '{"v":1}'], [50, 2, '{"v":2}'], [50, 2, '{"v":3}'], [60, 1, '{}'], [60, 1, 'null']);
     * console.log(hex(u), apply(s, u), all(s));
     * -> {"changed":[50],"added":[50,60],"updated":[50],"removed":[60],"broadcast":<as RELAYED_IN_ORDER>},
     *    all(s) as STATE_OF_50
     */
    private static final byte[] ONE_CLIENT_SEVERAL_TIMES = HEX.parseHex("053201077b2276223a317d3202077b2276223a327d"
            + "3202077b2276223a337d3c01027b7d3c01046e756c6c");
    private static final byte[] RELAYED_IN_ORDER = HEX.parseHex("043202077b2276223a327d3c01046e756c6c3202077b2276223a327d"
            + "3c01046e756c6c");
    private static final byte[] STATE_OF_50 = HEX.parseHex("013202077b2276223a327d");

    @Test
    void theEntriesOfOneUpdateApplyInTurn() {
        AwarenessChange change = awareness.apply(ONE_CLIENT_SEVERAL_TIMES);

        assertChange(change, List.of(50L, 60L), List.of(50L), List.of(60L), NONE, RELAYED_IN_ORDER);
        assertThat(awareness.encodeAll()).isEqualTo(STATE_OF_50);
    }

    /*
     * const s = server();
     * console.log(apply(s, entries([10, 3, '{"n":1}'], [20, 7, '{"n":2}'])));
     * console.log(observe(s, () => awareness.removeAwarenessStates(s, [10, 99], null)));
     * console.log(observe(s, () => awareness.removeAwarenessStates(s, [10], null)));
     * console.log(all(s));
     * const lateCopy = entries([10, 3, '{"n":1}']);
     * console.log(hex(lateCopy), apply(s, lateCopy));
     * -> {"changed":[],"added":[],"updated":[],"removed":[10],"broadcast":<as REMOVAL_AT_3>}, then {},
     *    all(s) as ONLY_20, and {} for the late copy
     */
    private static final byte[] TWO_AT_3_AND_7 = HEX.parseHex("020a03077b226e223a317d1407077b226e223a327d");
    private static final byte[] REMOVAL_AT_3 = HEX.parseHex("010a03046e756c6c");
    private static final byte[] ONLY_20 = HEX.parseHex("011407077b226e223a327d");
    private static final byte[] LATE_COPY = HEX.parseHex("010a03077b226e223a317d");

    @Test
    void removingAClosedConnectionsClientsBroadcastsANullAtTheirClock() {
        awareness.apply(TWO_AT_3_AND_7);

        AwarenessChange removal = awareness.remove(List.of(10L, 99L));
        assertChange(removal, NONE, NONE, List.of(10L), NONE, REMOVAL_AT_3);
        assertThat(removal.statesChanged()).isTrue();
        assertThat(awareness.remove(List.of(10L)).isEmpty()).isTrue();
        assertThat(awareness.encodeAll()).isEqualTo(ONLY_20);
        // A client relaying the removed client's last state does not bring it back.
        assertThat(awareness.apply(LATE_COPY).isEmpty()).isTrue();
    }

    /*
     * const s = server();
     * apply(s, entries([10, 1, '{}'], [20, 1, '{}'], [30, 1, '{}']));
     * apply(s, entries([20, 1, 'null']));
     * apply(s, entries([20, 2, '{"back":true}'], [10, 2, '{"moved":false}']));
     * console.log(all(s));
     */
    private static final byte[] IN_MAP_ORDER = HEX.parseHex("030a020f7b226d6f766564223a66616c73657d1e01027b7d1402"
            + "0d7b226261636b223a747275657d");

    @Test
    void allStatesAreEncodedInTheOrderOfAJsMapOfThem() {
        awareness.apply(entries(new Entry(10, 1, "{}"), new Entry(20, 1, "{}"), new Entry(30, 1, "{}")));
        awareness.apply(entries(new Entry(20, 1, "null")));
        awareness.apply(entries(new Entry(20, 2, "{\"back\":true}"), new Entry(10, 2, "{\"moved\":false}")));

        assertThat(awareness.encodeAll()).isEqualTo(IN_MAP_ORDER);
    }

    /*
     * const s = server();
     * const events = [];
     * s.on('update', ({ added, updated, removed }) => events.push({ t: Date.now(), added, updated, removed,
     *   broadcast: hex(awareness.encodeAwarenessUpdate(s, added.concat(updated, removed))) }));
     * // stops at every check (every 3 s from 0): a mocked timer sees the time its tick ends at
     * const advanceTo = (t) => { while (Date.now() < t) mock.timers.tick(Math.min(3000 - Date.now() % 3000, t - Date.now())) };
     * awareness.applyAwarenessUpdate(s, entries([10, 1, '{"n":1}'], [20, 1, '{"n":2}']), 'conn');
     * advanceTo(15000);
     * awareness.applyAwarenessUpdate(s, entries([20, 2, '{"n":2}']), 'conn');
     * advanceTo(40000);
     * awareness.applyAwarenessUpdate(s, entries([10, 2, '{"n":1}']), 'conn');
     * advanceTo(75000);
     * console.log(JSON.stringify(events));
     * -> [{"t":0,"added":[10,20],"updated":[],"removed":[],"broadcast":"020a01077b226e223a317d1401077b226e223a327d"},
     *     {"t":15000,"added":[],"updated":[20],"removed":[],"broadcast":"011402077b226e223a327d"},
     *     {"t":30000,"added":[],"updated":[],"removed":[10],"broadcast":"010a01046e756c6c"},
     *     {"t":40000,"added":[],"updated":[10],"removed":[],"broadcast":"010a02077b226e223a317d"},
     *     {"t":45000,"added":[],"updated":[],"removed":[20],"broadcast":"011402046e756c6c"},
     *     {"t":72000,"added":[],"updated":[],"removed":[10],"broadcast":"010a02046e756c6c"}]
     */
    @Test
    void statesNotRenewedWithinThirtySecondsExpire() {
        List<String> events = new ArrayList<>();
        Consumer<AwarenessChange> record = change -> {
            if (!change.isEmpty()) {
                events.add(time.millis() + " added " + change.added() + " updated " + change.updated()
                        + " removed " + change.removed() + " " + HEX.formatHex(change.update()));
            }
        };

        record.accept(awareness.apply(entries(new Entry(10, 1, "{\"n\":1}"), new Entry(20, 1, "{\"n\":2}"))));
        ExpiryChecks.advanceTo(15000, time, awareness, record);
        record.accept(awareness.apply(entries(new Entry(20, 2, "{\"n\":2}"))));
        ExpiryChecks.advanceTo(40000, time, awareness, record);
        record.accept(awareness.apply(entries(new Entry(10, 2, "{\"n\":1}"))));
        ExpiryChecks.advanceTo(75000, time, awareness, record);

        assertThat(events).containsExactly(
                "0 added [10, 20] updated [] removed [] 020a01077b226e223a317d1401077b226e223a327d",
                "15000 added [] updated [20] removed [] 011402077b226e223a327d",
                "30000 added [] updated [] removed [10] 010a01046e756c6c",
                "40000 added [] updated [10] removed [] 010a02077b226e223a317d",
                "45000 added [] updated [] removed [20] 011402046e756c6c",
                "72000 added [] updated [] removed [10] 010a02046e756c6c");
    }

    // Where Weft departs from awareness.js, which remembers every client's clock for as long as the peer lives.

    @Test
    void pastAThousandRemovedClientsThoseRemovedATimeoutAgoAreForgotten() {
        int removedClients = Awareness.REMEMBERED_REMOVALS + 1;
        for (long clientId = 1; clientId <= removedClients; clientId++) {
            awareness.apply(entries(new Entry(clientId, 3, "{}")));
        }
        awareness.apply(entries(new Entry(5000, 1, "{}")));
        time.set(20_000);
        awareness.remove(LongStream.rangeClosed(1, removedClients).boxed().toList());

        time.set(49_999);
        awareness.apply(entries(new Entry(5000, 3, "{}")));
        assertThat(awareness.expire().isEmpty()).isTrue();
        assertThat(awareness.apply(entries(new Entry(1, 3, "{}"))).isEmpty()).as("still remembered").isTrue();

        time.set(50_000);
        assertThat(awareness.expire().isEmpty()).as("forgetting is not a removal to relay").isTrue();
        assertThat(awareness.apply(entries(new Entry(1, 3, "{}"))).added()).containsExactly(1L);
        assertThat(awareness.states()).containsOnlyKeys(5000L, 1L);
    }

    @Test
    void aFewRemovedClientsAreRememberedAsAwarenessJsDoes() {
        awareness.apply(entries(new Entry(10, 3, "{}")));
        awareness.remove(List.of(10L));

        time.set(3_600_000);
        assertThat(awareness.expire().isEmpty()).isTrue();
        assertThat(awareness.apply(entries(new Entry(10, 3, "{}"))).isEmpty()).isTrue();
        assertThat(awareness.apply(entries(new Entry(10, 4, "{}"))).updated()).containsExactly(10L);
    }

    @Test
    void theTimeoutCanBeChosen() {
        Awareness shortLived = new Awareness(time, Duration.ofSeconds(5));
        shortLived.apply(entries(new Entry(10, 1, "{}")));

        time.set(4_999);
        assertThat(shortLived.expire().isEmpty()).isTrue();
        time.set(5_000);
        assertThat(shortLived.expire().removed()).containsExactly(10L);
        assertThat(shortLived.isEmpty()).isTrue();
    }

    @Test
    void encodingAClientNeverSeenIsAnError() {
        awareness.apply(entries(new Entry(10, 1, "{}")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> awareness.encode(List.of(10L, 11L)))
                .withMessageContaining("11");
    }

    @Test
    void anEmptyRegistryEncodesAnUpdateOfNoClient() {
        assertThat(awareness.isEmpty()).isTrue();
        assertThat(awareness.encodeAll()).containsExactly(0);
        assertThat(awareness.expire().update()).containsExactly(0);
    }

    private static void assertChange(AwarenessChange change, List<Long> added, List<Long> updated, List<Long> removed,
            List<Long> renewed, byte[] relayed) {
        assertThat(change.added()).as("added").isEqualTo(added);
        assertThat(change.updated()).as("updated").isEqualTo(updated);
        assertThat(change.removed()).as("removed").isEqualTo(removed);
        assertThat(change.renewed()).as("renewed").isEqualTo(renewed);
        assertThat(HEX.formatHex(change.update())).as("relayed update").isEqualTo(HEX.formatHex(relayed));
    }
}
