package dev.weft.crdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text inside an XML tree, as Yjs's {@code Y.XmlText}: a {@link YText} whose formatting attributes are rendered as
 * nested elements. y-prosemirror stores ProseMirror marks this way: {@code {bold: {}}} or
 * {@code {link: {href: "..."}}} around the characters they apply to.
 */
public class YXmlText extends YText {
    /** An empty XML text, to be inserted into an XML fragment or element. */
    public YXmlText() {
    }

    /** An XML text that will hold {@code initial} once it is inserted into a document. */
    public YXmlText(String initial) {
        super(initial);
    }

    /** The next sibling node, or null. */
    public AbstractType<?> nextSibling() {
        return item == null ? null : YXmlFragment.nodeOf(item.next());
    }

    /** The previous sibling node, or null. */
    public AbstractType<?> prevSibling() {
        return item == null ? null : YXmlFragment.nodeOf(item.prev());
    }

    @Override
    YXmlText copy() {
        return new YXmlText();
    }

    /** A new, unattached XML text with the same content and formatting. */
    @Override
    public YXmlText clone() {
        return (YXmlText) super.clone();
    }

    /**
     * The XML serialisation as Yjs writes it: each run of equally formatted content wrapped in one element per
     * attribute (sorted by name), whose XML attributes are the attribute value's properties (sorted by name;
     * for a string value, its characters by index, as JavaScript's {@code for...in} yields them).
     */
    @Override
    public String toString() {
        StringBuilder xml = new StringBuilder();
        for (Map<String, Object> op : toDelta()) {
            List<Map.Entry<String, Object>> nodes = new ArrayList<>();
            if (op.get("attributes") instanceof Map<?, ?> attributes) {
                nodes.addAll(JsValues.forInEntries(attributes));
            }
            nodes.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, Object> node : nodes) {
                xml.append('<').append(node.getKey());
                List<Map.Entry<String, Object>> attrs = new ArrayList<>(JsValues.forInEntries(node.getValue()));
                attrs.sort(Map.Entry.comparingByKey());
                for (Map.Entry<String, Object> attr : attrs) {
                    xml.append(' ').append(attr.getKey()).append("=\"").append(JsValues.toJsString(attr.getValue())).append('"');
                }
                xml.append('>');
            }
            xml.append(JsValues.toJsString(op.get("insert")));
            for (int i = nodes.size() - 1; i >= 0; i--) {
                xml.append("</").append(nodes.get(i).getKey()).append('>');
            }
        }
        return xml.toString();
    }

    /** Yjs's {@code toJSON}: the XML string. */
    @Override
    public Object toJson() {
        return toString();
    }

    @Override
    void write(UpdateEncoder encoder) {
        encoder.writeTypeRef(ContentType.YXML_TEXT_REF);
    }
}
