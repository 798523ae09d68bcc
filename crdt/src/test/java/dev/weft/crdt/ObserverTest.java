package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.Undefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Observers and deep observers see the events Yjs gives for the same edits, after each transaction. */
class ObserverTest {
    // d = new Y.Doc(); d.clientID = 1; a = d.getArray('a'); m = d.getMap('m')
    // a.observe((e, t) => log.push({ on: 'a', delta: e.delta, added: e.changes.added.size, deleted: e.changes.deleted.size,
    //   local: t.local, origin: t.origin }))
    // m.observe((e, t) => log.push({ on: 'm', keys: Object.fromEntries(e.keys), keysChanged: [...e.keysChanged] }))
    // m.observeDeep((es, t) => log.push({ on: 'm deep', events: es.map(e => ({ path: e.path, delta: e.delta,
    //   keys: Object.fromEntries(e.keys) })) }))
    // a.insert(0, ['a', 'b', 'c']); d.transact(() => { a.delete(0, 1); a.insert(1, ['x']) }, 'me')
    // m.set('a', 1); m.set('b', 2); d.transact(() => { m.set('a', 3); m.delete('b'); m.set('c', 4); m.set('d', 5); m.delete('d') })
    // inner = new Y.Array(); m.set('inner', inner); leaf = new Y.Map(); inner.insert(0, [leaf])
    // d.transact(() => { inner.push([7]); leaf.set('z', true) })
    // d2 = new Y.Doc(); d2.getArray('a').observe((e, t) => log2.push({ delta: e.delta, local: t.local, origin: t.origin }))
    // Y.applyUpdate(d2, Y.encodeStateAsUpdate(d), 'remote'); JSON.stringify(log), JSON.stringify(log2)
    static final String LOG = "[{\"on\":\"a\",\"delta\":[{\"insert\":[\"a\",\"b\",\"c\"]}],\"added\":1,\"deleted\":0,"
            + "\"local\":true,\"origin\":null},{\"on\":\"a\",\"delta\":[{\"delete\":1},{\"retain\":1},{\"insert\":[\"x\"]}],"
            + "\"added\":1,\"deleted\":1,\"local\":true,\"origin\":\"me\"},{\"on\":\"m\",\"keys\":{\"a\":{\"action\":\"add\"}},"
            + "\"keysChanged\":[\"a\"]},{\"on\":\"m deep\",\"events\":[{\"path\":[],\"delta\":[],\"keys\":{\"a\":{\"action\":"
            + "\"add\"}}}]},{\"on\":\"m\",\"keys\":{\"b\":{\"action\":\"add\"}},\"keysChanged\":[\"b\"]},{\"on\":\"m deep\","
            + "\"events\":[{\"path\":[],\"delta\":[],\"keys\":{\"b\":{\"action\":\"add\"}}}]},{\"on\":\"m\",\"keys\":{\"a\":"
            + "{\"action\":\"update\",\"oldValue\":1},\"b\":{\"action\":\"delete\",\"oldValue\":2},\"c\":{\"action\":\"add\"}},"
            + "\"keysChanged\":[\"a\",\"b\",\"c\",\"d\"]},{\"on\":\"m deep\",\"events\":[{\"path\":[],\"delta\":[],\"keys\":{\"a\":"
            + "{\"action\":\"update\",\"oldValue\":1},\"b\":{\"action\":\"delete\",\"oldValue\":2},\"c\":{\"action\":\"add\"}}}]},"
            + "{\"on\":\"m\",\"keys\":{\"inner\":{\"action\":\"add\"}},\"keysChanged\":[\"inner\"]},{\"on\":\"m deep\",\"events\":"
            + "[{\"path\":[],\"delta\":[],\"keys\":{\"inner\":{\"action\":\"add\"}}}]},{\"on\":\"m deep\",\"events\":[{\"path\":"
            + "[\"inner\"],\"delta\":[{\"insert\":[{\"z\":true}]}],\"keys\":{}}]},{\"on\":\"m deep\",\"events\":[{\"path\":"
            + "[\"inner\"],\"delta\":[{\"retain\":1},{\"insert\":[7]}],\"keys\":{}},{\"path\":[\"inner\",0],\"delta\":[],"
            + "\"keys\":{\"z\":{\"action\":\"add\"}}}]}]";
    static final String LOG2 = "[{\"delta\":[{\"insert\":[\"b\",\"x\",\"c\"]}],\"local\":false,\"origin\":\"remote\"}]";

    /** Turns what the observers saw into the value model, types into their JSON, like JSON.stringify at the end. */
    private static Object plain(Object value) {
        return switch (value) {
            case AbstractType<?> type -> type.toJson();
            case YEvent.KeyChange change -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("action", change.action().name().toLowerCase());
                if (change.oldValue() != Undefined.INSTANCE) {
                    json.put("oldValue", change.oldValue());
                }
                yield json;
            }
            case Map<?, ?> map -> {
                Map<String, Object> json = new LinkedHashMap<>();
                map.forEach((k, v) -> json.put((String) k, plain(v)));
                yield json;
            }
            case List<?> list -> list.stream().map(ObserverTest::plain).toList();
            case null, default -> value;
        };
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void observersSeeWhatYjsObserversSee() {
        Doc d = Doc.builder().clientId(1).build();
        YArray a = d.getArray("a");
        YMap m = d.getMap("m");
        List<Object> log = new ArrayList<>();
        a.observe((e, t) -> log.add(entry("on", "a", "delta", e.delta(), "added", e.changes().added().size(),
                "deleted", e.changes().deleted().size(), "local", t.local(), "origin", t.origin())));
        m.observe((e, t) -> log.add(entry("on", "m", "keys", e.keys(), "keysChanged", List.copyOf(e.keysChanged()))));
        m.observeDeep((es, t) -> log.add(entry("on", "m deep", "events", es.stream()
                .map(e -> entry("path", e.path(), "delta", e.delta(), "keys", e.keys())).toList())));

        a.insert(0, List.of("a", "b", "c"));
        d.transact("me", txn -> {
            a.delete(0, 1);
            a.insert(1, List.of("x"));
        });
        m.set("a", 1);
        m.set("b", 2);
        d.transact(null, txn -> {
            m.set("a", 3);
            m.delete("b");
            m.set("c", 4);
            m.set("d", 5);
            m.delete("d");
        });
        YArray inner = new YArray();
        m.set("inner", inner);
        YMap leaf = new YMap();
        inner.insert(0, List.of(leaf));
        d.transact(null, txn -> {
            inner.push(List.of(7));
            leaf.set("z", true);
        });

        assertThat(Json.stringify(plain(log))).isEqualTo(LOG);

        Doc d2 = Doc.builder().clientId(2).build();
        List<Object> log2 = new ArrayList<>();
        d2.getArray("a").observe((e, t) -> log2.add(entry("delta", e.delta(), "local", t.local(), "origin", t.origin())));
        d2.applyUpdate(d.encodeStateAsUpdate(), "remote");

        assertThat(Json.stringify(plain(log2))).isEqualTo(LOG2);
    }

    @Test
    void observersRunOnceAfterTheOutermostTransaction() {
        Doc d = new Doc();
        YArray a = d.getArray("a");
        AtomicInteger calls = new AtomicInteger();
        a.observe((e, t) -> calls.incrementAndGet());

        try (Transaction outer = d.transact("outer")) {
            a.insert(0, List.of(1));
            try (Transaction nested = d.transact("nested")) {
                assertThat(nested.origin()).isEqualTo(outer.origin());
                a.insert(nested, 1, List.of(2));
            }
            assertThat(calls).hasValue(0);
        }

        assertThat(calls).hasValue(1);
        assertThat(a.toArray()).containsExactly(1, 2);
    }

    @Test
    void anEventCannotBeComputedAfterItsObserversRan() {
        Doc d = new Doc();
        YArray a = d.getArray("a");
        List<YArrayEvent> events = new ArrayList<>();
        a.observe((e, t) -> events.add(e));
        a.insert(0, List.of(1));

        assertThatThrownBy(() -> events.get(0).delta()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClosedSubscriptionIsNotCalled() {
        Doc d = new Doc();
        YMap m = d.getMap("m");
        AtomicInteger calls = new AtomicInteger();
        Subscription subscription = m.observe((e, t) -> calls.incrementAndGet());
        m.set("k", 1);
        subscription.close();
        m.set("k", 2);

        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailingObserverDoesNotStopTheOthersNorTheCleanup() {
        Doc d = new Doc();
        YArray a = d.getArray("a");
        List<byte[]> updates = new ArrayList<>();
        AtomicInteger second = new AtomicInteger();
        Subscription failing = a.observe((e, t) -> {
            throw new IllegalStateException("observer failed");
        });
        a.observe((e, t) -> second.incrementAndGet());
        d.onUpdate((u, origin, t) -> updates.add(u));

        assertThatThrownBy(() -> a.insert(0, List.of(1))).hasMessage("observer failed");

        assertThat(second).hasValue(1);
        assertThat(updates).hasSize(1);
        failing.close();
        a.insert(1, List.of(2));
        assertThat(a.toArray()).containsExactly(1, 2);
    }

    @Test
    void anObserverMayEditTheDocumentInATransactionOfItsOwn() {
        Doc d = new Doc();
        YArray a = d.getArray("a");
        YMap counter = d.getMap("counter");
        a.observe((e, t) -> counter.set("inserts", a.length()));
        List<Object> origins = new ArrayList<>();
        d.onAfterTransaction(t -> origins.add(t.origin()));

        d.transact("edit", txn -> a.insert(0, List.of("x", "y")));

        assertThat(counter.get("inserts")).isEqualTo(2);
        assertThat(origins).containsExactly("edit", null);
    }

    @Test
    void anotherThreadCannotOpenATransactionMeanwhile() throws Exception {
        Doc d = new Doc();
        try (Transaction txn = d.transact()) {
            Throwable[] failure = new Throwable[1];
            Thread other = new Thread(() -> {
                try {
                    d.transact().close();
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            other.start();
            other.join();
            assertThat(failure[0]).isInstanceOf(IllegalStateException.class);
        }
        // and once it is closed, it can
        Thread other = new Thread(() -> d.getArray("a").insert(0, List.of(1)));
        other.start();
        other.join();
        assertThat(d.getArray("a").toArray()).containsExactly(1);
    }

    @Test
    void anotherThreadCannotUseAnOpenTransaction() throws Exception {
        Doc d = new Doc();
        YArray a = d.getArray("a");
        try (Transaction txn = d.transact()) {
            Throwable[] failure = new Throwable[1];
            Thread other = new Thread(() -> {
                try {
                    a.insert(txn, 0, List.of(1));
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            other.start();
            other.join();
            assertThat(failure[0]).isInstanceOf(IllegalStateException.class);
        }
        assertThat(a.length()).isZero();
    }

    @Test
    void closingTheHandleOfANestedTransactionEndsNothingEvenTwice() {
        Doc d = new Doc();
        YArray a = d.getArray("a");
        List<byte[]> updates = new ArrayList<>();
        d.onUpdate((update, origin, txn) -> updates.add(update));
        try (Transaction outer = d.transact("outer")) {
            Transaction inner = d.transact("inner");
            a.insert(inner, 0, List.of(1));
            inner.close();
            inner.close();
            a.insert(0, List.of(2));
            a.insert(outer, 0, List.of(3));
            assertThat(updates).isEmpty();
            assertThatThrownBy(() -> a.insert(inner, 0, List.of(4))).isInstanceOf(IllegalStateException.class);
        }

        assertThat(updates).hasSize(1);
        assertThat(a.toArray()).containsExactly(3, 2, 1);
    }

    @Test
    void theKeysAnObserverSeesAreItsOwnCopy() {
        Doc d = new Doc();
        YMap m = d.getMap("m");
        List<Set<String>> seen = new ArrayList<>();
        m.observe((e, t) -> {
            assertThatThrownBy(() -> e.keysChanged().add("intruder")).isInstanceOf(UnsupportedOperationException.class);
            seen.add(t.changed.get(m));
        });

        m.set("k", 1);

        assertThat(seen).singleElement().isEqualTo(Set.of("k"));
    }
}
