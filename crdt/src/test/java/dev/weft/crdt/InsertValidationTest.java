package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values outside the value model are refused before anything is inserted, and stored values are copies. */
class InsertValidationTest {
    @Test
    void anUnsupportedValueInsertsNothing() {
        Doc d = new Doc();
        YArray a = d.getArray("a");
        List<Object> updates = new ArrayList<>();
        d.onUpdate((u, origin, txn) -> updates.add(u));

        assertThatThrownBy(() -> a.insert(0, List.of(1, new byte[] {1}, new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.getMap("m").set("k", Map.of("nested", new Object())))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(a.length()).isZero();
        assertThat(d.getMap("m").size()).isZero();
        assertThat(updates).isEmpty();
    }

    @Test
    void aTypeOrDocumentCanBeInsertedOnlyOnce() {
        Doc d = new Doc();
        YArray inner = new YArray();
        d.getArray("a").insert(0, List.of(inner));
        Doc sub = new Doc();
        d.getMap("m").set("sub", sub);

        assertThatThrownBy(() -> d.getMap("m").set("again", inner)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.getArray("a").push(List.of(sub))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsAndMapsAreCopiedWhenInserted() {
        Doc d = new Doc();
        List<Object> list = new ArrayList<>(List.of(1, 2));
        d.getArray("a").insert(0, List.of(list));
        list.add(3);

        assertThat(d.getArray("a").get(0)).isEqualTo(List.of(1, 2));
    }

    @Test
    void byteArraysAreCopiedOnTheWayInAndOut() {
        Doc d = new Doc();
        byte[] bytes = {1, 2};
        d.getMap("m").set("b", bytes);
        d.getArray("a").insert(0, List.of(bytes));
        bytes[0] = 9;
        ((byte[]) d.getMap("m").get("b"))[1] = 9;
        ((byte[]) d.getArray("a").get(0))[1] = 9;

        assertThat((byte[]) d.getMap("m").get("b")).containsExactly(1, 2);
        assertThat((byte[]) d.getArray("a").get(0)).containsExactly(1, 2);
    }

    /** A reader changing a value it got would change the document without an update: peers would diverge. */
    @Test
    void valuesReadFromADocumentCannotBeChanged() {
        Doc d = new Doc();
        d.getMap("m").set("k", Map.of("a", 1, "list", List.of(1)));
        Doc peer = new Doc();
        peer.applyUpdate(d.encodeStateAsUpdate());
        @SuppressWarnings("unchecked")
        Map<String, Object> local = (Map<String, Object>) d.getMap("m").get("k");
        @SuppressWarnings("unchecked")
        Map<String, Object> decoded = (Map<String, Object>) peer.getMap("m").get("k");

        for (Map<String, Object> value : List.of(local, decoded)) {
            assertThatThrownBy(() -> value.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ((List<?>) value.get("list")).clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        Item item = d.getMap("m").map.get("k");
        assertThatThrownBy(() -> item.values().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Prelim content is checked as it is added, so that inserting the prelim type cannot commit half of it. */
    @Test
    void prelimContentIsCheckedWhenAdded() {
        YMap prelimMap = new YMap();
        prelimMap.set("ok", 1);
        assertThatThrownBy(() -> prelimMap.set("bad", new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new YMap(Map.of("bad", new Object()))).isInstanceOf(IllegalArgumentException.class);
        YArray prelimArray = new YArray();
        assertThatThrownBy(() -> prelimArray.insert(0, List.of(1, new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prelimArray.push(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class);

        Doc d = new Doc();
        d.getArray("a").insert(0, List.of(prelimMap, prelimArray));

        assertThat(d.getArray("a").toJson()).isEqualTo(List.of(Map.of("ok", 1), List.of()));
    }

    /**
     * Embeds and formats are JSON text in the update format V1: a value JSON cannot hold (undefined, a bigint) is
     * refused, so that the document can always encode itself for V1 peers.
     */
    @Test
    void anEmbedOrFormatV1CouldNotWriteIsRefused() {
        Doc d = new Doc();
        YText text = d.getText("t");
        text.insert(0, "ab");

        assertThatThrownBy(() -> text.insertEmbed(0, Map.of("n", BigInteger.TEN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text.format(0, 2, Map.of("x", List.of(BigInteger.ONE))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text.format(0, 2, Map.of("x", Undefined.INSTANCE)))
                .isInstanceOf(IllegalArgumentException.class);

        Doc peer = new Doc();
        peer.applyUpdate(d.encodeStateAsUpdate());
        assertThat(peer.getText("t").toString()).isEqualTo(text.toString());
    }

    @Test
    void valuesNestedDeeperThanPeersDecodeAreRefused() {
        Object deep = List.of();
        for (int i = 0; i < 1000; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        Doc d = new Doc();

        assertThatThrownBy(() -> d.getArray("a").insert(0, List.of(tooDeep)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(d.getArray("a").length()).isZero();
    }
}
