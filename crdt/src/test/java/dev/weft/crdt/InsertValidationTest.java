package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
