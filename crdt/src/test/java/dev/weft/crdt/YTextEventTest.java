package dev.weft.crdt;

import static dev.weft.crdt.YTextTest.attrs;
import static dev.weft.crdt.YTextTest.op;
import static dev.weft.crdt.YTextTest.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events of text and XML types, as editor bindings consume them: a text's change as a Quill delta, an XML node's
 * changed children and attributes. Expected values were printed by Yjs 13.6.33 in Node (client-js) running the
 * snippet above them.
 */
class YTextEventTest {
    /*
     * const d = new Y.Doc(); d.clientID = 5
     * const t = d.getText('t')
     * const deltas = []
     * t.observe(e => deltas.push({ delta: e.delta, keys: [...e.keysChanged] }))
     * t.insert(0, 'abcdef', { bold: true })
     * t.insert(3, 'XYZ')
     * t.format(1, 4, { bold: null, italic: true })
     * t.insertEmbed(2, { img: 'i' }, { italic: true })
     * d.transact(() => { t.delete(0, 2); t.insert(4, '--'); t.format(5, 3, { u: 1 }) })
     * t.setAttribute('lang', 'en')
     * t.applyDelta([{ retain: 2 }, { retain: 3, attributes: { italic: true } }, { delete: 1 },
     *   { insert: 'q', attributes: { u: 1 } }])
     * JSON.stringify(deltas)
     */
    private static final String LOCAL_EVENT_DELTAS = "[{\"delta\":[{\"insert\":\"abcdef\",\"attributes\":{\"bold\":true}}],\"keys\":[]},{\"delta\":[{\"ret"
            + "ain\":3},{\"insert\":\"XYZ\",\"attributes\":{\"bold\":true}}],\"keys\":[]},{\"delta\":[{\"retain\":1"
            + "},{\"retain\":4,\"attributes\":{\"bold\":null,\"italic\":true}}],\"keys\":[]},{\"delta\":[{\"retain\""
            + ":2},{\"insert\":{\"img\":\"i\"},\"attributes\":{\"italic\":true}}],\"keys\":[]},{\"delta\":[{\"delet"
            + "e\":2},{\"retain\":4,\"attributes\":{\"bold\":null}},{\"insert\":\"-\",\"attributes\":{\"italic\":tr"
            + "ue}},{\"insert\":\"-\",\"attributes\":{\"italic\":true,\"u\":1}},{\"retain\":2,\"attributes\":{\"bol"
            + "d\":true,\"u\":1}},{\"retain\":2,\"attributes\":{\"bold\":true}}],\"keys\":[]},{\"delta\":[],\"keys\""
            + ":[\"lang\"]},{\"delta\":[{\"retain\":5},{\"delete\":1},{\"insert\":\"q\",\"attributes\":{\"u\":1}}],"
            + "\"keys\":[]}]";

    @Test
    void textEventsCarryYjsDeltas() {
        Doc doc = Doc.builder().clientId(5).build();
        YText text = doc.getText("t");
        List<Object> deltas = new ArrayList<>();
        text.observe((event, txn) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("delta", event.delta());
            entry.put("keys", new ArrayList<>(event.keysChanged()));
            deltas.add(entry);
        });
        text.insert(0, "abcdef", attrs("bold", true));
        text.insert(3, "XYZ");
        text.format(1, 4, attrs("bold", null, "italic", true));
        text.insertEmbed(2, attrs("img", "i"), attrs("italic", true));
        doc.transact(null, txn -> {
            text.delete(0, 2);
            text.insert(4, "--");
            text.format(5, 3, attrs("u", 1));
        });
        text.setAttribute("lang", "en");
        text.applyDelta(List.of(op("retain", 2), op("retain", 3, "attributes", attrs("italic", true)), op("delete", 1),
                op("insert", "q", "attributes", attrs("u", 1))));

        assertThat(Json.stringify(deltas)).isEqualTo(LOCAL_EVENT_DELTAS);
    }

    /*
     * const d = new Y.Doc(); d.clientID = 6
     * const f = d.getXmlFragment('f')
     * const events = []
     * f.observeDeep(es => es.forEach(e => events.push({ path: e.path, childListChanged: e.childListChanged,
     *   attributesChanged: [...e.attributesChanged], delta: e.delta })))
     * const el = new Y.XmlElement('p')
     * f.insert(0, [el])
     * el.setAttribute('a', '1')
     * d.transact(() => { el.setAttribute('b', '2'); el.insert(0, [new Y.XmlText('x')]); el.removeAttribute('a') })
     * JSON.stringify(events)   // stringifies the inserted types as their toJSON() at the end
     */
    private static final String XML_EVENTS = "[{\"path\":[],\"childListChanged\":true,\"attributesChanged\":[],\"delta\":[{\"insert\":[\"<p b=\\\""
            + "2\\\">x</p>\"]}]},{\"path\":[0],\"childListChanged\":false,\"attributesChanged\":[\"a\"],\"delta\":["
            + "]},{\"path\":[0],\"childListChanged\":true,\"attributesChanged\":[\"b\",\"a\"],\"delta\":[{\"insert\""
            + ":[\"x\"]}]}]";

    @Test
    void xmlEventsNameChangedChildrenAndAttributes() {
        Doc doc = Doc.builder().clientId(6).build();
        YXmlFragment fragment = doc.getXmlFragment("f");
        List<Map<String, Object>> events = new ArrayList<>();
        fragment.observeDeep((deepEvents, txn) -> {
            for (YEvent<?> event : deepEvents) {
                YXmlEvent xmlEvent = (YXmlEvent) event;
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", event.path());
                entry.put("childListChanged", xmlEvent.childListChanged());
                entry.put("attributesChanged", new ArrayList<>(xmlEvent.attributesChanged()));
                entry.put("delta", event.delta());
                events.add(entry);
            }
        });
        YXmlElement element = new YXmlElement("p");
        fragment.insert(0, List.of(element));
        element.setAttribute("a", "1");
        doc.transact(null, txn -> {
            element.setAttribute("b", "2");
            element.insert(0, List.of(new YXmlText("x")));
            element.removeAttribute("a");
        });

        assertThat(Json.stringify(toJson(events))).isEqualTo(XML_EVENTS);
    }
}
