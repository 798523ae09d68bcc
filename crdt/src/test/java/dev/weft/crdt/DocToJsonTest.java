package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Doc#toJson()} reads roots that only updates created, as a server holds them, the way Yjs reads the same
 * roots once declared. Each constant was produced by the snippet above it, run with the {@code yjs} package of
 * client-js, with {@code doc(id, gc = true)} = {@code new Y.Doc({ gc })} whose clientID is set to {@code id} and
 * {@code hex} = Buffer hex; the JSON is {@code JSON.stringify} of an object holding each root's {@code toJSON()},
 * read with the getter of the kind it was written as.
 */
class DocToJsonTest {
    // d = doc(1); t = d.getText('t'); t.insert(0, 'hello world'); t.format(0, 5, { bold: true }); t.insertEmbed(5, { image: 'x.png' }); t.delete(6, 1)
    // m = d.getMap('m'); m.set('n', 1); m.set('s', 'two'); m.set('bin', new Uint8Array([1, 2])); m.set('list', new Y.Array()); m.get('list').push([1, 'x'])
    // m.set('text', new Y.Text('inner')); m.set('inner', new Y.Map()); m.get('inner').set('k', [true, null])
    // a = d.getArray('a'); a.insert(0, [1, 'two', { k: 3 }]); a.push([new Y.Map()]); a.get(3).set('deep', new Y.Text('d')); a.push([new Y.XmlText('not xml')])
    // a.push([new Y.Doc({ guid: 'sub' })]); a.delete(1, 1)
    // x = d.getXmlFragment('x'); p = new Y.XmlElement('p'); p.setAttribute('class', 'c'); x.insert(0, [p]); p.insert(0, [new Y.XmlText('hi')])
    // p.get(0).format(0, 1, { b: {} }); x.insert(1, [new Y.XmlText('tail')])
    // e = d.getXmlElement('e'); e.setAttribute('id', '7'); e.insert(0, [new Y.XmlElement('br')])
    // hex(Y.encodeStateAsUpdate(d)), JSON.stringify({ t: t.toJSON(), m: m.toJSON(), a: a.toJSON(), x: x.toJSON(), e: e.toJSON() })
    static final String ALL_KINDS = "01230100040101740568656c6c6f8101040184010505776f726c6446010004626f6c640474727565c6"
            + "0104010504626f6c64046e756c6cc5010c0105117b22696d616765223a22782e706e67227d2801016d016e017d012801016d0173"
            + "01770374776f2301016d0362696e0201022701016d046c6973740008000111027d017701782701016d04746578740204000114"
            + "05696e6e65722701016d05696e6e6572012800011a016b017502787e08010161017d0181011c0188011d017601016b7d038701"
            + "1e012700011f04646565700204000120016487011f0604000122076e6f7420786d6c890122037375627600070101780301702800"
            + "012b05636c617373017701630700012b060400012d016884012e016946012e0162027b7dc6012e012f0162046e756c6c87012b06"
            + "04000132047461696c2801016502696401770137070101650302627201010205011d01";
    static final String ALL_KINDS_JSON = "{\"t\":\"helloworld\",\"m\":{\"n\":1,\"s\":\"two\",\"bin\":{\"0\":1,\"1\":2},"
            + "\"list\":[1,\"x\"],\"text\":\"inner\",\"inner\":{\"k\":[true,null]}},\"a\":[1,{\"k\":3},{\"deep\":\"d\"},"
            + "\"not xml\",{}],\"x\":\"<p class=\\\"c\\\"><b>h</b>i</p>tail\",\"e\":\"<undefined id=\\\"7\\\"><br></br>"
            + "</undefined>\"}";

    // d = doc(2, false); d.getText('gone').insert(0, 'abc'); d.getText('gone').delete(0, 3); d.getMap('cleared').set('k', 1)
    // d.getMap('cleared').delete('k'); d.getText('t').insert(0, 'kept')
    // hex(Y.encodeStateAsUpdate(d)), JSON.stringify({ gone: d.getText('gone').toJSON(), cleared: d.getMap('cleared').toJSON(), t: d.getText('t').toJSON() })
    static final String EMPTIED = "01030200040104676f6e6503616263280107636c6561726564016b017d0104010174046b657074010201"
            + "0004";
    static final String EMPTIED_JSON = "{\"gone\":\"\",\"cleared\":{},\"t\":\"kept\"}";

    private static Doc received(String update) {
        Doc doc = new Doc();
        doc.applyUpdate(HexFormat.of().parseHex(update));
        return doc;
    }

    @Test
    void undeclaredRootsReadAsTheKindsYjsWroteThem() {
        Doc doc = received(ALL_KINDS);

        assertThat(Json.stringify(doc.toJson())).isEqualTo(ALL_KINDS_JSON);
    }

    @Test
    void readingLeavesTheRootsUndeclaredAndTheDocumentUnchanged() {
        Doc doc = received(ALL_KINDS);
        doc.toJson();

        assertThat(HexFormat.of().formatHex(doc.encodeStateAsUpdate())).isEqualTo(ALL_KINDS);
        assertThat(doc.share.values()).allMatch(UndeclaredType.class::isInstance);
        // a getter can still claim each root, and reading the declared roots gives the same
        doc.getText("t");
        doc.getMap("m");
        doc.getArray("a");
        doc.getXmlFragment("x");
        doc.getXmlElement("e");
        assertThat(Json.stringify(doc.toJson())).isEqualTo(ALL_KINDS_JSON);
    }

    @Test
    void rootsWithNothingUndeletedAreLeftOut() {
        Doc doc = received(EMPTIED);
        @SuppressWarnings("unchecked")
        Map<String, Object> declared = (Map<String, Object>) Json.parse(EMPTIED_JSON);

        assertThat(doc.toJson()).containsOnlyKeys("t").containsEntry("t", declared.get("t"));
        assertThat(doc.getText("gone").toJson()).isEqualTo(declared.get("gone"));
        assertThat(doc.getMap("cleared").toJson()).isEqualTo(declared.get("cleared"));
    }
}
