package dev.weft.crdt;

import static dev.weft.crdt.YArrayYMapGoldenTest.bytes;
import static dev.weft.crdt.YArrayYMapGoldenTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deleting a nested type collects its content as Yjs does: with gc on, the children become GC structs and the
 * holding item keeps only its length; with gc off, everything stays. Constants from the snippets above them.
 */
class GarbageCollectionTest {
    // for gc of [true, false]: d = doc(1, gc); m = d.getMap('m'); inner = new Y.Array(); m.set('list', inner)
    // inner.insert(0, ['x', 'y']); im = new Y.Map(); inner.push([im]); im.set('k', 'v')
    // hex(Y.encodeStateAsUpdate(d)) before and after m.delete('list')
    static final String NESTED_BEFORE =
            "010401002701016d046c6973740008000100027701787701798701020128000103016b0177017600";
    static final String NESTED_DELETED_GC = "010201002101016d046c6973740100040101010005";
    static final String NESTED_DELETED_NO_GC =
            "010401002701016d046c6973740008000100027701787701798701020128000103016b017701760101010005";

    private static Doc nestedDoc(boolean gc) {
        Doc d = Doc.builder().clientId(1).gc(gc).build();
        YMap m = d.getMap("m");
        YArray inner = new YArray();
        m.set("list", inner);
        inner.insert(0, List.of("x", "y"));
        YMap im = new YMap();
        inner.push(List.of(im));
        im.set("k", "v");
        return d;
    }

    @Test
    void nestedTypesEncodeAsInYjs() {
        Doc d = nestedDoc(true);

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(NESTED_BEFORE);
        assertThat(Json.stringify(d.getMap("m").toJson())).isEqualTo("{\"list\":[\"x\",\"y\",{\"k\":\"v\"}]}");
    }

    @Test
    void deletingATypeCollectsItsContent() {
        Doc d = nestedDoc(true);
        d.getMap("m").delete("list");

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(NESTED_DELETED_GC);
        assertThat(d.getMap("m").toJson()).isEmpty();
    }

    @Test
    void withoutGcDeletedContentStays() {
        Doc d = nestedDoc(false);
        d.getMap("m").delete("list");

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(NESTED_DELETED_NO_GC);
    }

    @Test
    void aRemoteDeletionCollectsLikeALocalOne() {
        Doc d = Doc.builder().clientId(2).build();
        d.applyUpdate(bytes(NESTED_BEFORE));
        YArray inner = (YArray) d.getMap("m").get("list");
        assertThat(inner.length()).isEqualTo(3);

        d.applyUpdate(bytes(NESTED_DELETED_NO_GC));

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(NESTED_DELETED_GC);
    }

    @Test
    void theGcFilterKeepsContent() {
        Doc d = Doc.builder().clientId(1).gcFilter(item -> false).build();
        YArray a = d.getArray("a");
        a.insert(0, List.of(1, 2, 3, 4, 5));
        a.delete(1, 2);
        a.push(List.of(6));

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(YArrayYMapGoldenTest.ARRAY_DELETE_NO_GC);
    }
}
