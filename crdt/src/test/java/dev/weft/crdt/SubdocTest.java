package dev.weft.crdt;

import static dev.weft.crdt.YArrayYMapGoldenTest.bytes;
import static dev.weft.crdt.YArrayYMapGoldenTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subdocuments travel as their guid and options, as in Yjs, and the parent announces them. */
class SubdocTest {
    // d = doc(1); d.getMap('m').set('sub', new Y.Doc({ guid: 'sub-guid', autoLoad: true, meta: { title: 'x' } }))
    // d.getArray('a').insert(0, [new Y.Doc({ guid: 'plain', gc: false })]); hex(Y.encodeStateAsUpdate(d))
    static final String WITH_SUBDOCS = "010201002901016d03737562087375622d677569647602086175746f4c6f616478046d65746"
            + "17601057469746c657701780901016105706c61696e76010267637900";
    // r = doc(2); r.on('subdocs', ({ added, removed, loaded }) => events.push(...guids...)); Y.applyUpdate(r, update)
    // r.getMap('m').delete('sub'); hex(Y.encodeStateAsUpdate(r)) and events:
    // [{added:[sub-guid,plain],removed:[],loaded:[sub-guid]}, {added:[],removed:[sub-guid],loaded:[]} (twice)]
    static final String SUB_DELETED = "010201002101016d03737562010901016105706c61696e7601026763790101010001";

    private static List<String> guids(java.util.Set<Doc> docs) {
        return docs.stream().map(Doc::guid).toList();
    }

    @Test
    void subdocumentsEncodeTheirGuidAndOptionsAsInYjs() {
        Doc d = Doc.builder().clientId(1).build();
        d.getMap("m").set("sub", Doc.builder().guid("sub-guid").autoLoad(true).meta(Map.of("title", "x")).build());
        d.getArray("a").insert(0, List.of(Doc.builder().guid("plain").gc(false).build()));

        assertThat(hex(d.encodeStateAsUpdate())).isEqualTo(WITH_SUBDOCS);
    }

    @Test
    void receivedSubdocumentsAreAnnouncedAndDestroyedWhenRemoved() {
        Doc r = Doc.builder().clientId(2).build();
        List<String> events = new ArrayList<>();
        r.onSubdocs((event, txn) -> events.add(guids(event.added()) + " " + guids(event.removed()) + " "
                + guids(event.loaded())));

        r.applyUpdate(bytes(WITH_SUBDOCS));

        Doc sub = (Doc) r.getMap("m").get("sub");
        Doc plain = (Doc) r.getArray("a").get(0);
        assertThat(sub.guid()).isEqualTo("sub-guid");
        assertThat(sub.autoLoad()).isTrue();
        assertThat(sub.shouldLoad()).isTrue();
        assertThat(sub.meta()).isEqualTo(Map.of("title", "x"));
        assertThat(plain.gcEnabled()).isFalse();
        assertThat(plain.shouldLoad()).isFalse();
        assertThat(r.getSubdocGuids()).containsExactly("sub-guid", "plain");

        r.getMap("m").delete("sub");

        assertThat(events).containsExactly("[sub-guid, plain] [] [sub-guid]", "[] [sub-guid] []", "[] [sub-guid] []");
        assertThat(sub.isDestroyed()).isTrue();
        assertThat(r.getSubdocGuids()).containsExactly("plain");
        assertThat(hex(r.encodeStateAsUpdate())).isEqualTo(SUB_DELETED);
    }
}
