package dev.weft.crdt;

import static dev.weft.crdt.YTextTest.attrs;
import static dev.weft.crdt.YTextTest.bytes;
import static dev.weft.crdt.YTextTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * XML trees as y-prosemirror (and so Tiptap) writes them: elements named after ProseMirror node types with the
 * node attributes as raw values, text with marks as formatting attributes. Expected values were printed by Yjs
 * 13.6.33 in Node (client-js) running the snippet above them.
 */
class YXmlTest {
    /*
     * const d = new Y.Doc(); d.clientID = 3
     * const frag = d.getXmlFragment('prosemirror')
     * const heading = new Y.XmlElement('heading')
     * heading.setAttribute('level', 2)
     * heading.insert(0, [new Y.XmlText('Title')])
     * const para = new Y.XmlElement('paragraph')
     * const text = new Y.XmlText()
     * para.insert(0, [text])
     * frag.insert(0, [heading, para])
     * text.insert(0, 'Hello ')
     * text.insert(6, 'bold', { strong: {} })
     * text.insert(10, ' link', { link: { href: 'https://weft.dev', target: '_blank' } })
     * text.format(0, 5, { em: {} })
     * const list = new Y.XmlElement('bullet_list')
     * const item = new Y.XmlElement('list_item')
     * const itemPara = new Y.XmlElement('paragraph')
     * itemPara.insert(0, [new Y.XmlText('one')])
     * item.insert(0, [itemPara])
     * list.insert(0, [item])
     * frag.push([list])
     * const image = new Y.XmlElement('image')
     * image.setAttribute('src', 'a.png')
     * image.setAttribute('alt', null)
     * image.setAttribute('width', 1.5)
     * frag.insertAfter(heading, [image])
     * frag.delete(1, 1)
     * heading.setAttribute('id', 'h1')
     * heading.removeAttribute('id')
     * JSON.stringify(frag.toString()); hex(Y.encodeStateAsUpdate(d)); hex(Y.encodeStateAsUpdateV2(d))
     * JSON.stringify(text.toDelta())
     */
    private static final String PROSEMIRROR_STRING = "<heading level=\"2\">Title</heading><paragraph><em>Hello</em> <strong>bold</strong><link href=\"http"
            + "s://weft.dev\" target=\"_blank\"> link</link></paragraph><bullet_list><list_item><paragraph>one</par"
            + "agraph></list_item></bullet_list>";
    private static final String PROSEMIRROR_UPDATE = "0118030007010b70726f73656d6972726f72030768656164696e67070003000604000301055469746c6528000300056c6576"
            + "656c017d0287030003097061726167726170680700030806040003090548656c6c6f84030e012086030f067374726f6e6702"
            + "7b7d84031004626f6c64860314067374726f6e67046e756c6c860315046c696e6b2d7b2268726566223a2268747470733a2f"
            + "2f776566742e646576222c22746172676574223a225f626c616e6b227d84031605206c696e6b86031b046c696e6b046e756c"
            + "6c46030a02656d027b7dc6030e030f02656d046e756c6c870308030b62756c6c65745f6c6973740700031f03096c6973745f"
            + "6974656d070003200309706172616772617068070003210604000322036f6e65c10300030801000321000300026964010103"
            + "012605";
    private static final String PROSEMIRROR_UPDATE_V2 = "0003000308024317150002420010020a03000803000a5a4c2e0301c4010003140a4e27070104002800870007000400840086"
            + "0084008601840086004600c600870007020400c10000002183016e70726f73656d6972726f7268656164696e675469746c65"
            + "6c6576656c70617261677261706848656c6c6f207374726f6e67626f6c647374726f6e676c696e6b206c696e6b6c696e6b65"
            + "6d656d62756c6c65745f6c6973746c6973745f6974656d7061726167726170686f6e6569640b074500090501060406040504"
            + "42000b4900030203010000070306030643010604410003010118007d0276007e76020468726566771068747470733a2f2f77"
            + "6566742e6465760674617267657477065f626c616e6b7e76007e0103012604";

    @Test
    void writesAProseMirrorDocumentLikeYjs() {
        Doc doc = Doc.builder().clientId(3).build();
        YXmlFragment fragment = doc.getXmlFragment("prosemirror");
        YXmlElement heading = new YXmlElement("heading");
        heading.setAttribute("level", 2);
        heading.insert(0, List.of(new YXmlText("Title")));
        YXmlElement paragraph = new YXmlElement("paragraph");
        YXmlText text = new YXmlText();
        paragraph.insert(0, List.of(text));
        fragment.insert(0, List.of(heading, paragraph));
        text.insert(0, "Hello ");
        text.insert(6, "bold", attrs("strong", attrs()));
        text.insert(10, " link", attrs("link", attrs("href", "https://weft.dev", "target", "_blank")));
        text.format(0, 5, attrs("em", attrs()));
        YXmlElement list = new YXmlElement("bullet_list");
        YXmlElement item = new YXmlElement("list_item");
        YXmlElement itemParagraph = new YXmlElement("paragraph");
        itemParagraph.insert(0, List.of(new YXmlText("one")));
        item.insert(0, List.of(itemParagraph));
        list.insert(0, List.of(item));
        fragment.push(List.of(list));
        YXmlElement image = new YXmlElement("image");
        image.setAttribute("src", "a.png");
        image.setAttribute("alt", null);
        image.setAttribute("width", 1.5);
        fragment.insertAfter(heading, List.of(image));
        fragment.delete(1, 1);
        heading.setAttribute("id", "h1");
        heading.removeAttribute("id");

        assertThat(fragment.toString()).isEqualTo(PROSEMIRROR_STRING);
        assertThat(fragment.toJson()).isEqualTo(PROSEMIRROR_STRING);
        assertThat(Json.stringify(text.toDelta())).isEqualTo(PARAGRAPH_DELTA);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(PROSEMIRROR_UPDATE);
        assertThat(hex(doc.encodeStateAsUpdateV2())).isEqualTo(PROSEMIRROR_UPDATE_V2);
    }

    /*
     * // after the snippet above: another peer loads the document, walks it and edits it
     * const e = new Y.Doc(); e.clientID = 30
     * Y.applyUpdate(e, Y.encodeStateAsUpdate(d))
     * const f = e.getXmlFragment('prosemirror')
     * JSON.stringify(Array.from(f.createTreeWalker(() => true)).map(n => n.nodeName ?? n.toString()))
     * f.querySelectorAll('PARAGRAPH').length
     * const t = f.get(1).firstChild
     * const sv = Y.encodeStateVector(e)
     * t.format(3, 6, { strong: null, code: {} })
     * t.delete(0, 2)
     * f.get(0).setAttribute('level', 3)
     * f.get(2).get(0).insert(1, [new Y.XmlElement('paragraph')])
     * JSON.stringify(f.toString()); hex(Y.encodeStateAsUpdate(e, sv))
     */
    private static final String WALK = "[\"heading\",\"Title\",\"paragraph\",\"<em>Hello</em> <strong>bold</strong><link href=\\\"https://we"
            + "ft.dev\\\" target=\\\"_blank\\\"> link</link>\",\"bullet_list\",\"list_item\",\"paragraph\",\"one\"]";
    private static final int PARAGRAPHS = 2;
    private static final String EDITED_STRING = "<heading level=\"3\">Title</heading><paragraph><em>l</em><code><em>lo</em></code><code> bol</code><s"
            + "trong>d</strong><link href=\"https://weft.dev\" target=\"_blank\"> link</link></paragraph><bullet_li"
            + "st><list_item><paragraph>one</paragraph><paragraph></paragraph></list_item></bullet_list>";
    private static final String EDIT_UPDATE = "01051e00c6030c030d04636f6465027b7dc60313031404636f6465046e756c6cc61e010314067374726f6e67027b7da80307"
            + "017d03870321030970617261677261706801030407010a0210012605";

    @Test
    void readsWalksAndEditsAProseMirrorDocumentWrittenByYjs() {
        Doc doc = Doc.builder().clientId(30).build();
        doc.applyUpdate(bytes(PROSEMIRROR_UPDATE));
        YXmlFragment fragment = doc.getXmlFragment("prosemirror");
        assertThat(fragment.toString()).isEqualTo(PROSEMIRROR_STRING);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(PROSEMIRROR_UPDATE);

        List<Object> walked = new ArrayList<>();
        for (AbstractType<?> node : fragment.createTreeWalker(node -> true)) {
            walked.add(node instanceof YXmlElement element ? element.nodeName() : node.toString());
        }
        assertThat(Json.stringify(walked)).isEqualTo(WALK);
        assertThat(fragment.querySelectorAll("PARAGRAPH")).hasSize(PARAGRAPHS);

        YXmlElement paragraph = (YXmlElement) fragment.get(1);
        YXmlText text = (YXmlText) paragraph.firstChild();
        assertThat(Json.stringify(text.toDelta())).isEqualTo(PARAGRAPH_DELTA);
        byte[] stateVector = doc.encodeStateVector();
        text.format(3, 6, attrs("strong", null, "code", attrs()));
        text.delete(0, 2);
        ((YXmlElement) fragment.get(0)).setAttribute("level", 3);
        ((YXmlElement) ((YXmlElement) fragment.get(2)).get(0)).insert(1, List.of(new YXmlElement("paragraph")));

        assertThat(fragment.toString()).isEqualTo(EDITED_STRING);
        assertThat(hex(doc.encodeStateAsUpdate(stateVector))).isEqualTo(EDIT_UPDATE);
    }

    @Test
    void navigatesLikeTheDom() {
        Doc doc = Doc.builder().clientId(30).build();
        doc.applyUpdate(bytes(PROSEMIRROR_UPDATE));
        YXmlFragment fragment = doc.getXmlFragment("prosemirror");
        YXmlElement heading = (YXmlElement) fragment.firstChild();
        YXmlElement paragraph = (YXmlElement) heading.nextSibling();

        assertThat(paragraph).isSameAs(fragment.get(1));
        assertThat(paragraph.prevSibling()).isSameAs(heading);
        assertThat(heading.prevSibling()).isNull();
        assertThat(((YXmlText) paragraph.firstChild()).nextSibling()).isNull();
        assertThat(fragment.querySelector("list_item")).isSameAs(((YXmlElement) fragment.get(2)).get(0));
        assertThat(fragment.querySelector("table")).isNull();
    }

    /*
     * const d = new Y.Doc(); d.clientID = 4
     * const frag = d.getXmlFragment('odd')
     * const text = new Y.XmlText()
     * const hook = new Y.XmlHook('widget')
     * hook.set('k', 'v')
     * const el = new Y.XmlElement('Div')
     * el.setAttribute('data', { a: 1 })
     * el.setAttribute('list', [1, 'x', null, [2, 3]])
     * el.setAttribute('flag', true)
     * el.setAttribute('n', 1e21)
     * frag.insert(0, [text, hook, el])
     * text.insert(0, 'red', { color: 'red', b: true, a: { z: 1, y: 'q' }, n: 7 })
     * text.insertEmbed(3, { img: 1 })
     * text.insert(4, 'plain')
     * JSON.stringify(frag.toString()); hex(Y.encodeStateAsUpdate(d))
     */
    private static final String PARAGRAPH_DELTA = "[{\"insert\":\"Hello\",\"attributes\":{\"em\":{}}},{\"insert\":\" \"},{\"insert\":\"bold\",\"attribu"
            + "tes\":{\"strong\":{}}},{\"insert\":\" link\",\"attributes\":{\"link\":{\"href\":\"https://weft.dev\""
            + ",\"target\":\"_blank\"}}}]";
    private static final String ODD_STRING = "<a y=\"q\" z=\"1\"><b><color 0=\"r\" 1=\"e\" 2=\"d\"><n>red</n></color></b></a>[object Object]plain["
            + "object Object]<div data=\"[object Object]\" flag=\"true\" list=\"1,x,,2,3\" n=\"1e+21\"></div>";
    private static final String ODD_UPDATE = "011304000701036f646406870400050677696467657428000401016b01770176870401030344697628000403046461746101"
            + "760101617d0128000403046c6973740175047d017701787e75027d027d032800040304666c6167017828000403016e017b44"
            + "4b1ae4d6e2ef500600040005636f6c6f720522726564228604080162047472756586040901610f7b227a223a312c2279223a"
            + "2271227d86040a016e013784040b0372656486040e05636f6c6f72046e756c6c86040f0162046e756c6c8604100161046e75"
            + "6c6c860411016e046e756c6c850412097b22696d67223a317d84041305706c61696e00";

    @Test
    void rendersValuesInXmlAsJavaScriptDoes() {
        Doc doc = Doc.builder().clientId(4).build();
        YXmlFragment fragment = doc.getXmlFragment("odd");
        YXmlText text = new YXmlText();
        YXmlHook hook = new YXmlHook("widget");
        hook.set("k", "v");
        YXmlElement element = new YXmlElement("Div");
        element.setAttribute("data", attrs("a", 1));
        element.setAttribute("list", java.util.Arrays.asList(1, "x", null, List.of(2, 3)));
        element.setAttribute("flag", true);
        element.setAttribute("n", 1e21);
        fragment.insert(0, List.of(text, hook, element));
        text.insert(0, "red", attrs("color", "red", "b", true, "a", attrs("z", 1, "y", "q"), "n", 7));
        text.insertEmbed(3, attrs("img", 1));
        text.insert(4, "plain");

        assertThat(fragment.toString()).isEqualTo(ODD_STRING);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(ODD_UPDATE);
    }

    /*
     * const d = new Y.Doc({ gc: false }); d.clientID = 8
     * const f = d.getXmlFragment('f')
     * const el = new Y.XmlElement('blockquote')
     * el.setAttribute('cite', 'x')
     * const p = new Y.XmlElement('paragraph')
     * const text = new Y.XmlText('quoted')
     * p.insert(0, [text])
     * const hook = new Y.XmlHook('mention')
     * hook.set('user', 'ann')
     * el.insert(0, [p, hook])
     * f.insert(0, [el])
     * text.format(0, 3, { strong: {} })
     * const snap = Y.snapshot(d)
     * el.setAttribute('cite', 'y')
     * el.setAttribute('lang', 'en')
     * f.push([el.clone()])
     * JSON.stringify(f.toString()); hex(Y.encodeStateAsUpdate(d)); JSON.stringify(el.getAttributes(snap))
     */
    private static final String CLONE_STRING = "<blockquote cite=\"y\" lang=\"en\"><paragraph><strong>quo</strong>ted</paragraph>[object Object]</bl"
            + "ockquote><blockquote cite=\"y\" lang=\"en\"><paragraph><strong>quo</strong>ted</paragraph>[object Ob"
            + "ject]</blockquote>";
    private static final String CLONE_UPDATE = "0117080007010166030a626c6f636b71756f74650700080003097061726167726170680700080106040008020371756f8408"
            + "050374656487080105076d656e74696f6e280008090475736572017703616e6e280008000463697465017701784608030673"
            + "74726f6e67027b7dc608050806067374726f6e67046e756c6ca8080b0177017928000800046c616e67017702656e87080003"
            + "0a626c6f636b71756f7465070008100309706172616772617068070008110606000812067374726f6e67027b7d8408130371"
            + "756f860816067374726f6e67046e756c6c8408170374656487081105076d656e74696f6e2800081b0475736572017703616e"
            + "6e2800081004636974650177017928000810046c616e67017702656e0108010b01";
    private static final String SNAPSHOT_ATTRIBUTES = "{\"cite\":\"x\"}";

    @Test
    void clonesAndSnapshotsLikeYjs() {
        Doc doc = Doc.builder().clientId(8).gc(false).build();
        YXmlFragment fragment = doc.getXmlFragment("f");
        YXmlElement element = new YXmlElement("blockquote");
        element.setAttribute("cite", "x");
        YXmlElement paragraph = new YXmlElement("paragraph");
        YXmlText text = new YXmlText("quoted");
        paragraph.insert(0, List.of(text));
        YXmlHook hook = new YXmlHook("mention");
        hook.set("user", "ann");
        element.insert(0, List.of(paragraph, hook));
        fragment.insert(0, List.of(element));
        text.format(0, 3, attrs("strong", attrs()));
        Snapshot snapshot = Snapshot.snapshot(doc);
        element.setAttribute("cite", "y");
        element.setAttribute("lang", "en");
        fragment.push(List.of(element.clone()));

        assertThat(fragment.toString()).isEqualTo(CLONE_STRING);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(CLONE_UPDATE);
        assertThat(Json.stringify(element.getAttributes(snapshot))).isEqualTo(SNAPSHOT_ATTRIBUTES);
    }

    @Test
    void readsWhatYjsRendersOddly() {
        Doc doc = Doc.builder().clientId(40).build();
        doc.applyUpdate(bytes(ODD_UPDATE));

        assertThat(doc.getXmlFragment("odd").toString()).isEqualTo(ODD_STRING);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(ODD_UPDATE);
    }

    /** Prelim content is checked as it is added, so that inserting the prelim node cannot commit half of it. */
    @Test
    void prelimChildrenAndAttributesAreCheckedWhenAdded() {
        Doc other = new Doc();
        YXmlElement placed = new YXmlElement("p");
        other.getXmlFragment("f").insert(0, List.of(placed));
        YXmlElement prelim = new YXmlElement("div");
        prelim.setAttribute("ok", "1");

        assertThatThrownBy(() -> prelim.setAttribute("bad", new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prelim.insert(0, List.of(new YXmlText("a"), placed)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prelim.insertAfter(null, List.of(placed)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prelim.push(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class);

        Doc d = new Doc();
        d.getXmlFragment("f").insert(0, List.of(prelim));
        assertThat(d.getXmlFragment("f").toString()).isEqualTo("<div ok=\"1\"></div>");
    }

    /** Clones are of the same kind and hold clones of nested types, which can then be inserted next to the originals. */
    @Test
    void clonesCopyNestedTypes() {
        Doc d = new Doc();
        YXmlFragment f = d.getXmlFragment("f");
        YXmlHook hook = new YXmlHook("widget");
        hook.set("inner", new YMap(Map.of("k", 1)));
        YXmlText text = new YXmlText("ab");
        text.insertEmbed(1, new YMap(Map.of("k", 2)));
        f.insert(0, List.of(hook, text));

        f.push(List.of(hook.clone(), text.clone()));

        assertThat(f.get(2)).isInstanceOf(YXmlHook.class);
        assertThat(((YXmlHook) f.get(2)).hookName()).isEqualTo("widget");
        assertThat(((YMap) ((YXmlHook) f.get(2)).get("inner")).toJson()).isEqualTo(Map.of("k", 1));
        assertThat(f.get(3)).isInstanceOf(YXmlText.class);
        YXmlText cloned = (YXmlText) f.get(3);
        assertThat(cloned.toString()).isEqualTo(text.toString());
        assertThat(((YMap) cloned.toDelta().get(1).get("insert")).toJson()).isEqualTo(Map.of("k", 2));
        assertThat(cloned.toDelta().get(1).get("insert")).isNotSameAs(text.toDelta().get(1).get("insert"));
    }
}
