package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rich text edited locally must produce the items Yjs produces: the same format markers in the same places, so
 * the same bytes. Every expected value below was printed by Yjs 13.6.33 in Node (client-js) running the snippet
 * above it, which does what the test does.
 */
class YTextTest {
    /*
     * const d = new Y.Doc(); d.clientID = 1
     * const t = d.getText('text')
     * t.insert(0, 'Hello world')
     * t.format(0, 5, { bold: true })
     * t.insert(5, '!!')
     * t.insert(2, 'xy', { italic: true })
     * t.format(3, 6, { bold: null, color: '#f00' })
     * t.insertEmbed(4, { image: 'a.png' })
     * t.insertEmbed(0, { image: 'b.png' }, { link: { href: 'x' } })
     * t.delete(6, 3)
     * t.format(0, 20, { link: { href: 'x' } })
     * JSON.stringify(t.toDelta()); JSON.stringify(t.toString())
     * hex(Y.encodeStateAsUpdate(d)); hex(Y.encodeStateAsUpdateV2(d))
     */
    private static final String FORMATTING_DELTA = "[{\"insert\":{\"image\":\"b.png\"},\"attributes\":{\"link\":{\"href\":\"x\"}}},"
            + "{\"insert\":\"He\",\"attributes\":{\"link\":{\"href\":\"x\"},\"bold\":true}},"
            + "{\"insert\":\"x\",\"attributes\":{\"link\":{\"href\":\"x\"},\"italic\":true}},"
            + "{\"insert\":\"y\",\"attributes\":{\"link\":{\"href\":\"x\"},\"italic\":true,\"color\":\"#f00\"}},"
            + "{\"insert\":{\"image\":\"a.png\"},\"attributes\":{\"link\":{\"href\":\"x\"}}},"
            + "{\"insert\":\"!!\",\"attributes\":{\"link\":{\"href\":\"x\"},\"color\":\"#f00\"}},"
            + "{\"insert\":\" world\\n\\n\\n\\n\\n\\n\",\"attributes\":{\"link\":{\"href\":\"x\"}}}]";
    private static final String FORMATTING_STRING = "Hexy!! world\n\n\n\n\n\n";
    private static final String FORMATTING_UPDATE = "0116010004010474657874024865810101038401040620776f726c6446010004626f6c"
            + "640474727565c10104010501c40104010c022121c601010102066974616c69630474727565c6010f010204626f6c64046e756c6c"
            + "c4011001020178c4011101020179c601120102066974616c6963046e756c6cc10113010201c60111011205636f6c6f7206222366"
            + "303022c6010c010505636f6c6f72046e756c6cc60114010205636f6c6f72046e756c6cc501170102117b22696d616765223a2261"
            + "2e706e67227dc60118010205636f6c6f720622236630302246010b046c696e6b0c7b2268726566223a2278227dc5011a010b117b"
            + "22696d616765223a22622e706e67227dc1011b010b0184010a060a0a0a0a0a0a860122046c696e6b046e756c6c01010402030c01"
            + "14011c01";
    private static final String FORMATTING_UPDATE_V2 = "00030003070241231102060100461c0302444a100602040262300e000a0e54010320"
            + "5a460100120100230400810084004600c100c400c601c401c600c100c602c500c6004600c500c100840086564674657874486520"
            + "776f726c64626f6c6421216974616c6963626f6c6478796974616c6963636f6c6f72636f6c6f72636f6c6f72636f6c6f726c696e"
            + "6b0a0a0a0a0a0a6c696e6b0402060402060441000645020406040101000303410101160078787e7e7704236630307e7e76010569"
            + "6d6167657705612e706e6777042366303076010468726566770178760105696d6167657705622e706e677e01010402020700070007"
            + "00";

    @Test
    void formattingMatchesYjs() {
        Doc doc = Doc.builder().clientId(1).build();
        YText text = doc.getText("text");
        text.insert(0, "Hello world");
        text.format(0, 5, attrs("bold", true));
        text.insert(5, "!!");
        text.insert(2, "xy", attrs("italic", true));
        text.format(3, 6, attrs("bold", null, "color", "#f00"));
        text.insertEmbed(4, attrs("image", "a.png"));
        text.insertEmbed(0, attrs("image", "b.png"), attrs("link", attrs("href", "x")));
        text.delete(6, 3);
        text.format(0, 20, attrs("link", attrs("href", "x")));

        assertThat(Json.stringify(text.toDelta())).isEqualTo(FORMATTING_DELTA);
        assertThat(text.toString()).isEqualTo(FORMATTING_STRING);
        assertThat(text.toJson()).isEqualTo(FORMATTING_STRING);
        assertThat(text.length()).isEqualTo(FORMATTING_STRING.length() + 2);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(FORMATTING_UPDATE);
        assertThat(hex(doc.encodeStateAsUpdateV2())).isEqualTo(FORMATTING_UPDATE_V2);
    }

    @Test
    void readsFormattedTextWrittenByYjs() {
        for (boolean v2 : new boolean[] {false, true}) {
            Doc doc = Doc.builder().clientId(9).build();
            if (v2) {
                doc.applyUpdateV2(bytes(FORMATTING_UPDATE_V2));
            } else {
                doc.applyUpdate(bytes(FORMATTING_UPDATE));
            }
            YText text = doc.getText("text");

            assertThat(Json.stringify(text.toDelta())).isEqualTo(FORMATTING_DELTA);
            assertThat(text.toString()).isEqualTo(FORMATTING_STRING);
            assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(FORMATTING_UPDATE);
        }
    }

    /*
     * const d = new Y.Doc(); d.clientID = 2
     * const t = d.getText('text')
     * t.applyDelta([{ insert: 'Gandalf', attributes: { bold: true } }, { insert: ' the ' },
     *   { insert: 'Grey', attributes: { color: '#ccc' } }, { insert: { image: 'g.png' } },
     *   { insert: '\n', attributes: { header: 1 } }])
     * t.applyDelta([{ retain: 3 }, { delete: 2 }, { retain: 4, attributes: { bold: null, italic: true } },
     *   { insert: 'X', attributes: { italic: true } }, { retain: 30, attributes: { size: 2 } }])
     * t.applyDelta([{ retain: t.length }, { insert: 'tail\n' }], { sanitize: false })
     * JSON.stringify(t.toDelta()); hex(Y.encodeStateAsUpdate(d))
     */
    private static final String APPLY_DELTA_DELTA = "[{\"insert\":\"Gan\",\"attributes\":{\"bold\":true}},"
            + "{\"insert\":\"lf t\",\"attributes\":{\"italic\":true}},{\"insert\":\"X\",\"attributes\":{\"italic\":true}},"
            + "{\"insert\":\"he \",\"attributes\":{\"size\":2}},{\"insert\":\"Grey\",\"attributes\":{\"size\":2,\"color\":\"#ccc\"}},"
            + "{\"insert\":{\"image\":\"g.png\"},\"attributes\":{\"size\":2}},{\"insert\":\"\\n\",\"attributes\":{\"size\":2,\"header\":1}},"
            + "{\"insert\":\"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\",\"attributes\":{\"size\":2}},"
            + "{\"insert\":\"tail\\n\"}]";
    private static final String APPLY_DELTA_UPDATE = "011802000601047465787404626f6c6404747275658402000347616e8102030284020502"
            + "6c668102070184020802207484020a0368652086020d05636f6c6f720622236363632284020e044772657986021205636f6c6f7204"
            + "6e756c6c850213117b22696d616765223a22672e706e67227d860214066865616465720131840215010a86021606686561646572046e"
            + "756c6cc60205020604626f6c64046e756c6cc602180206066974616c69630474727565c6020a020b066974616c6963046e756c6cc6"
            + "021a020b066974616c69630474727565c4021b020b0158c6021c020b066974616c6963046e756c6cc6021d020b0473697a65013284"
            + "0217150a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a8602330473697a65046e756c6c840234057461696c0a01020204020801";

    @Test
    void applyDeltaMatchesYjs() {
        Doc doc = Doc.builder().clientId(2).build();
        YText text = doc.getText("text");
        text.applyDelta(List.of(
                op("insert", "Gandalf", "attributes", attrs("bold", true)),
                op("insert", " the "),
                op("insert", "Grey", "attributes", attrs("color", "#ccc")),
                op("insert", attrs("image", "g.png")),
                op("insert", "\n", "attributes", attrs("header", 1))));
        text.applyDelta(List.of(
                op("retain", 3),
                op("delete", 2),
                op("retain", 4, "attributes", attrs("bold", null, "italic", true)),
                op("insert", "X", "attributes", attrs("italic", true)),
                op("retain", 30, "attributes", attrs("size", 2))));
        text.applyDelta(List.of(op("retain", text.length()), op("insert", "tail\n")), false);

        assertThat(Json.stringify(text.toDelta())).isEqualTo(APPLY_DELTA_DELTA);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(APPLY_DELTA_UPDATE);
    }

    /*
     * const t = new Y.Doc().getText('text')
     * t.applyDelta([{ insert: 'abc\n' }], { sanitize: false })
     * JSON.stringify(t.toString())  // "abc"
     */
    @Test
    void unsanitizedDeltaDropsQuillsFinalNewline() {
        YText text = Doc.builder().clientId(2).build().getText("text");
        text.applyDelta(List.of(op("insert", "abc\n")), false);

        assertThat(text.toString()).isEqualTo("abc");
    }

    /*
     * const detached = new Y.Text('world')
     * detached.insert(0, 'hello ', { bold: true })
     * detached.format(8, 2, { italic: true })
     * const d = new Y.Doc(); d.clientID = 1
     * d.getArray('a').insert(0, [detached])
     * JSON.stringify(detached.toDelta()); hex(Y.encodeStateAsUpdate(d))
     */
    private static final String PRELIM_DELTA = "[{\"insert\":\"hello \",\"attributes\":{\"bold\":true}},{\"insert\":\"wo\"},"
            + "{\"insert\":\"rl\",\"attributes\":{\"italic\":true}},{\"insert\":\"d\"}]";
    private static final String PRELIM_UPDATE = "0109010007010161020400010002776f84010202726c840104016446010104626f6c6404"
            + "74727565c4010601010668656c6c6f20c6010c010104626f6c64046e756c6cc601020103066974616c69630474727565c6010401"
            + "05066974616c6963046e756c6c00";

    @Test
    void editsOfATextOutsideADocumentApplyWhenItJoinsOne() {
        YText detached = new YText("world");
        detached.insert(0, "hello ", attrs("bold", true));
        detached.format(8, 2, attrs("italic", true));
        Doc doc = Doc.builder().clientId(1).build();
        doc.getArray("a").insert(0, List.of(detached));

        assertThat(Json.stringify(detached.toDelta())).isEqualTo(PRELIM_DELTA);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(PRELIM_UPDATE);
    }

    /*
     * const d = new Y.Doc({ gc: false }); d.clientID = 7
     * const t = d.getText('t')
     * t.insert(0, 'hello world')
     * const s1 = Y.snapshot(d)
     * t.delete(0, 6)
     * t.insert(5, '!', { bold: true })
     * t.format(0, 3, { italic: true })
     * t.insertEmbed(1, { img: 'x' })
     * const s2 = Y.snapshot(d)
     * t.insert(0, 'new ')
     * JSON.stringify(t.toDelta(s1)); JSON.stringify(t.toDelta(s2)); JSON.stringify(t.toDelta(s2, s1))
     * JSON.stringify(t.toDelta(undefined, s1, (type, id) => ({ type, user: id.client })))
     */
    private static final String AT_S1 = "[{\"insert\":\"hello world\"}]";
    private static final String AT_S2 = "[{\"insert\":\"w\",\"attributes\":{\"italic\":true}},{\"insert\":{\"img\":\"x\"}},{\"insert\":\"or\""
            + ",\"attributes\":{\"italic\":true}},{\"insert\":\"ld\"},{\"insert\":\"!\",\"attributes\":{\"bold\":tr"
            + "ue}}]";
    private static final String S2_SINCE_S1 = "[{\"insert\":\"hello \",\"attributes\":{\"ychange\":{\"type\":\"removed\"}}},{\"insert\":\"w\",\"att"
            + "ributes\":{\"italic\":true}},{\"insert\":{\"img\":\"x\"}},{\"insert\":\"or\",\"attributes\":{\"itali"
            + "c\":true}},{\"insert\":\"ld\"},{\"insert\":\"!\",\"attributes\":{\"bold\":true,\"ychange\":{\"type\""
            + ":\"added\"}}}]";
    private static final String NOW_SINCE_S1 = "[{\"insert\":\"hello \"},{\"insert\":\"new \",\"attributes\":{\"ychange\":{\"type\":\"added\",\"user"
            + "\":7}}},{\"insert\":\"w\",\"attributes\":{\"italic\":true}},{\"insert\":{\"img\":\"x\"}},{\"insert\""
            + ":\"or\",\"attributes\":{\"italic\":true}},{\"insert\":\"ld\"},{\"insert\":\"!\",\"attributes\":{\"bo"
            + "ld\":true,\"ychange\":{\"type\":\"added\",\"user\":7}}}]";

    @Test
    void deltasOfSnapshotsMatchYjs() {
        Doc doc = Doc.builder().clientId(7).gc(false).build();
        YText text = doc.getText("t");
        text.insert(0, "hello world");
        Snapshot s1 = Snapshot.snapshot(doc);
        text.delete(0, 6);
        text.insert(5, "!", attrs("bold", true));
        text.format(0, 3, attrs("italic", true));
        text.insertEmbed(1, attrs("img", "x"));
        Snapshot s2 = Snapshot.snapshot(doc);
        text.insert(0, "new ");

        assertThat(Json.stringify(text.toDelta(s1))).isEqualTo(AT_S1);
        assertThat(Json.stringify(text.toDelta(s2))).isEqualTo(AT_S2);
        assertThat(Json.stringify(text.toDelta(s2, s1, null))).isEqualTo(S2_SINCE_S1);
        assertThat(Json.stringify(text.toDelta(null, s1, (type, id) -> attrs("type", type, "user", id.client()))))
                .isEqualTo(NOW_SINCE_S1);
    }

    /** A snapshot is of a document: a text not in one says so instead of failing on its absent document. */
    @Test
    void aTextNotInADocumentHasNoSnapshotDelta() {
        Snapshot snapshot = Snapshot.snapshot(new Doc());

        assertThatThrownBy(() -> new YText("ab").toDelta(snapshot)).isInstanceOf(IllegalStateException.class);
    }

    /*
     * const d = new Y.Doc(); d.clientID = 12
     * const t = d.getText('t')
     * t.insert(0, 'ab')
     * const m = new Y.Map(); m.set('k', 1)
     * t.insertEmbed(1, m, { bold: true })
     * t.setAttribute('lang', 'en')
     * t.setAttribute('dir', 'ltr')
     * t.removeAttribute('lang')
     * m.set('k', 2)
     * JSON.stringify(t.toDelta()); JSON.stringify(t.getAttributes()); hex(Y.encodeStateAsUpdate(d))
     */
    private static final String TYPE_EMBED_DELTA = "[{\"insert\":\"a\"},{\"insert\":{\"k\":2},\"attributes\":{\"bold\":true}},{\"insert\":\"b\"}]";
    private static final String TYPE_EMBED_ATTRIBUTES = "{\"dir\":\"ltr\"}";
    private static final String TYPE_EMBED_UPDATE = "01090c00040101740161840c000162c60c000c0104626f6c640474727565c70c020c010121000c03016b01c60c030c010462"
            + "6f6c64046e756c6c21010174046c616e670128010174036469720177036c7472a80c04017d02010c0204010601";

    @Test
    void embedsSharedTypesAndKeepsWholeTextAttributesLikeYjs() {
        Doc doc = Doc.builder().clientId(12).build();
        YText text = doc.getText("t");
        text.insert(0, "ab");
        YMap map = new YMap();
        map.set("k", 1);
        text.insertEmbed(1, map, attrs("bold", true));
        text.setAttribute("lang", "en");
        text.setAttribute("dir", "ltr");
        text.removeAttribute("lang");
        map.set("k", 2);

        assertThat(Json.stringify(toJson(text.toDelta()))).isEqualTo(TYPE_EMBED_DELTA);
        assertThat(Json.stringify(text.getAttributes())).isEqualTo(TYPE_EMBED_ATTRIBUTES);
        assertThat(text.getAttribute("lang")).isNull();
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(TYPE_EMBED_UPDATE);

        Doc reader = Doc.builder().clientId(13).build();
        reader.applyUpdate(bytes(TYPE_EMBED_UPDATE));
        assertThat(Json.stringify(toJson(reader.getText("t").toDelta()))).isEqualTo(TYPE_EMBED_DELTA);
    }

    static Map<String, Object> attrs(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Map<String, Object> op(Object... keysAndValues) {
        return attrs(keysAndValues);
    }

    /** What JSON.stringify does with shared types inside deltas and events: it calls their toJSON. */
    static Object toJson(Object value) {
        if (value instanceof AbstractType<?> type) {
            return type.toJson();
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>();
            list.forEach(element -> converted.add(toJson(element)));
            return converted;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            map.forEach((key, element) -> converted.put(key, toJson(element)));
            return converted;
        }
        return value;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
