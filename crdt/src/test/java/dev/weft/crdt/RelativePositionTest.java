package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Relative positions against golden values from Yjs 13.6.33, produced with node in client-js by:
 *
 * <pre>{@code
 * import * as Y from 'yjs'
 * const hex = u => Buffer.from(u).toString('hex')
 * const d = new Y.Doc(); d.clientID = 1
 * const t = d.getText('t')
 * t.insert(0, 'hello world')
 * const nested = new Y.Text()
 * d.getMap('m').set('n', nested)
 * nested.insert(0, 'abc')
 * console.log(hex(Y.encodeStateAsUpdate(d)))                                        // BASE
 * const cases = [[t, 0, 0], [t, 5, 0], [t, 5, -1], [t, 11, 0], [t, 11, -1], [t, 0, -1],
 *   [nested, 1, 0], [nested, 3, 0], [nested, 3, -1]]
 * const rposes = cases.map(([type, index, assoc]) => Y.createRelativePositionFromTypeIndex(type, index, assoc))
 * rposes.forEach(r => console.log(hex(Y.encodeRelativePosition(r)), JSON.stringify(Y.relativePositionToJSON(r))))
 * const e = new Y.Doc(); e.clientID = 2                                             // concurrent edits by client 2
 * Y.applyUpdate(e, Y.encodeStateAsUpdate(d))
 * e.getText('t').insert(0, 'XY')
 * e.getText('t').delete(6, 3)
 * e.getText('t').insert(10, '!')
 * e.getMap('m').get('n').insert(1, 'Q')
 * const edits = Y.encodeStateAsUpdate(e, Y.encodeStateVector(d))
 * console.log(hex(edits))                                                           // EDITS
 * Y.applyUpdate(d, edits)                                      // t is now "XYhellorld!", nested "aQbc"
 * rposes.forEach(r => { const a = Y.createAbsolutePositionFromRelativePosition(r, d)
 *   console.log(a.type === t ? 't' : 'n', a.index, a.assoc) })                     // the resolved positions
 * d.getMap('m').delete('n')
 * console.log(hex(Y.encodeStateAsUpdate(d, Y.encodeStateVector(e))))                // REMOVAL
 * // the positions in the nested text: null each (d collects garbage); in a document with gc: false that
 * // applied Y.encodeStateAsUpdate(e) and REMOVAL, they resolve to index 0 of the deleted text
 * // in an empty document, only the positions at the end of t (by its name) resolve
 * }</pre>
 *
 * <p>(Yjs resolves those by creating the root type {@code t} in the empty document; here a position resolves only
 * against a root type the document has, so the empty document declares {@code t} first.)
 */
class RelativePositionTest {
    private static final String BASE = "01030100040101740b68656c6c6f20776f726c642701016d016e020400010b0361626300";
    private static final String EDITS = "0103020044010002585984010a0121c4010c010d01510101010403";
    private static final String REMOVAL = "000202010301010204030b04";

    /** The cases of the script with Yjs's encoding, JSON, and resolution after EDITS (type, index, assoc). */
    private record Case(String type, int index, int assoc, String encoded, String json,
            String resolvedType, int resolvedIndex, boolean resolvableInEmptyDoc) {
    }

    private static final List<Case> CASES = List.of(
            new Case("t", 0, 0, "00010000", "{\"tname\":\"t\",\"item\":{\"client\":1,\"clock\":0},\"assoc\":0}",
                    "t", 2, false),
            new Case("t", 5, 0, "00010500", "{\"tname\":\"t\",\"item\":{\"client\":1,\"clock\":5},\"assoc\":0}",
                    "t", 6, false),
            new Case("t", 5, -1, "00010441", "{\"tname\":\"t\",\"item\":{\"client\":1,\"clock\":4},\"assoc\":-1}",
                    "t", 6, false),
            new Case("t", 11, 0, "01017400", "{\"tname\":\"t\",\"assoc\":0}", "t", 11, true),
            new Case("t", 11, -1, "00010a41", "{\"tname\":\"t\",\"item\":{\"client\":1,\"clock\":10},\"assoc\":-1}",
                    "t", 10, false),
            new Case("t", 0, -1, "01017441", "{\"tname\":\"t\",\"assoc\":-1}", "t", 0, true),
            new Case("n", 1, 0, "00010d00",
                    "{\"type\":{\"client\":1,\"clock\":11},\"item\":{\"client\":1,\"clock\":13},\"assoc\":0}",
                    "n", 2, false),
            new Case("n", 3, 0, "02010b00", "{\"type\":{\"client\":1,\"clock\":11},\"assoc\":0}", "n", 4, false),
            new Case("n", 3, -1, "00010e41",
                    "{\"type\":{\"client\":1,\"clock\":11},\"item\":{\"client\":1,\"clock\":14},\"assoc\":-1}",
                    "n", 4, false));

    @Test
    void createsTheSamePositionsAsYjs() {
        Doc doc = docWith(BASE);
        for (Case c : CASES) {
            RelativePosition rpos = RelativePosition.fromTypeIndex(type(doc, c.type()), c.index(), c.assoc());
            assertThat(rpos.encode()).as("%s", c).isEqualTo(bytes(c.encoded()));
            assertThat(Json.stringify(rpos.toJson())).as("%s", c).isEqualTo(c.json());
        }
    }

    @Test
    void decodesAndReadsJsonLikeYjs() {
        Doc doc = docWith(BASE);
        for (Case c : CASES) {
            RelativePosition created = RelativePosition.fromTypeIndex(type(doc, c.type()), c.index(), c.assoc());
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) Json.parse(c.json());
            assertThat(RelativePosition.fromJson(json)).isEqualTo(created);
            // as in Yjs, the binary form names the type only when there is no item
            RelativePosition decoded = RelativePosition.decode(bytes(c.encoded()));
            assertThat(decoded).isEqualTo(created.item() == null ? created
                    : new RelativePosition(null, null, created.item(), created.assoc()));
        }
    }

    @Test
    void positionsFromYjsFollowConcurrentEdits() {
        Doc doc = docWith(BASE);
        doc.applyUpdate(bytes(EDITS));
        assertThat(doc.getText("t").toString()).isEqualTo("XYhellorld!");
        for (Case c : CASES) {
            AbsolutePosition abs = RelativePosition.decode(bytes(c.encoded())).toAbsolutePosition(doc).orElseThrow();
            assertThat(abs).as("%s", c).isEqualTo(new AbsolutePosition(type(doc, c.resolvedType()),
                    c.resolvedIndex(), c.assoc()));
        }
    }

    /** The edits of the script made locally by a Java peer with client id 2 give Yjs's bytes and positions. */
    @Test
    void positionsFollowLocalEdits() {
        Doc doc = docWith(BASE);
        List<RelativePosition> rposes = CASES.stream()
                .map(c -> RelativePosition.fromTypeIndex(type(doc, c.type()), c.index(), c.assoc())).toList();
        Doc peer = Doc.builder().clientId(2).build();
        peer.applyUpdate(bytes(BASE));
        YText text = peer.getText("t");
        text.insert(0, "XY");
        text.delete(6, 3);
        text.insert(10, "!");
        ((YText) peer.getMap("m").get("n")).insert(1, "Q");
        byte[] edits = peer.encodeStateAsUpdate(doc.encodeStateVector());
        assertThat(edits).isEqualTo(bytes(EDITS));
        doc.applyUpdate(edits);
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            assertThat(rposes.get(i).toAbsolutePosition(doc).orElseThrow().index()).as("%s", c)
                    .isEqualTo(c.resolvedIndex());
        }
    }

    @Test
    void positionsInARemovedTypeCollapseToItsStartOrVanishWithItsGarbage() {
        Doc kept = Doc.builder().gc(false).build();
        kept.applyUpdate(bytes(BASE));
        kept.applyUpdate(bytes(EDITS));
        AbstractType<?> nested = type(kept, "n");
        kept.applyUpdate(bytes(REMOVAL));
        Doc collected = docWith(BASE);
        collected.applyUpdate(bytes(EDITS));
        collected.applyUpdate(bytes(REMOVAL));
        for (Case c : CASES.subList(6, 9)) {
            RelativePosition rpos = RelativePosition.decode(bytes(c.encoded()));
            assertThat(rpos.toAbsolutePosition(kept)).contains(new AbsolutePosition(nested, 0, c.assoc()));
            assertThat(rpos.toAbsolutePosition(collected)).isEmpty();
        }
    }

    @Test
    void onlyPositionsByRootNameResolveInAnEmptyDocument() {
        Doc empty = new Doc();
        empty.getText("t");
        for (Case c : CASES) {
            assertThat(RelativePosition.decode(bytes(c.encoded())).toAbsolutePosition(empty).isPresent())
                    .as("%s", c).isEqualTo(c.resolvableInEmptyDoc());
        }
    }

    @Test
    void aPositionInARootTypeTheDocumentDoesNotHaveResolvesToNothingAndAddsNoRoot() {
        Doc doc = new Doc();

        assertThat(RelativePosition.decode(bytes("01017400")).toAbsolutePosition(doc)).isEmpty();
        assertThat(doc.share).isEmpty();
    }

    @Test
    void decodingIsStrict() {
        // truncated, an unknown kind, an assoc (2^40) beyond what an int holds
        for (String corrupt : List.of("0001", "03", "010174808080808040")) {
            assertThatThrownBy(() -> RelativePosition.decode(bytes(corrupt))).as(corrupt)
                    .isInstanceOf(UpdateException.class).hasCauseInstanceOf(DecodingException.class);
        }
        // Yjs before assoc existed wrote no assoc: it reads as 0
        assertThat(RelativePosition.decode(bytes("000100")).assoc()).isZero();
    }

    @Test
    void jsonOfTheWrongShapeIsRefused() {
        List<Map<String, Object>> wrong = List.of(Map.of("item", Map.of()), Map.of("item", Map.of("client", 1)),
                Map.of("type", "x"), Map.of("tname", 5), Map.of("tname", "t", "assoc", "0"), Map.of());
        for (Map<String, Object> json : wrong) {
            assertThatThrownBy(() -> RelativePosition.fromJson(json)).as("%s", json)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Doc docWith(String update) {
        Doc doc = new Doc();
        doc.applyUpdate(bytes(update));
        return doc;
    }

    private static AbstractType<?> type(Doc doc, String name) {
        return name.equals("t") ? doc.getText("t") : (AbstractType<?>) doc.getMap("m").get("n");
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
