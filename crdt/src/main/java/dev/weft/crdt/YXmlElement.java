package dev.weft.crdt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An XML element, as Yjs's {@code Y.XmlElement}: a node name, attributes (values of the value model; strings in
 * what y-prosemirror writes, though ProseMirror node attributes may be any JSON), and children as a
 * {@link YXmlFragment}. y-prosemirror stores a ProseMirror node as an element named after the node type, with the
 * node's attributes, and marks as formatting on the {@link YXmlText} children.
 */
public class YXmlElement extends YXmlFragment {
    private final String nodeName;
    /** Attributes set before this element joined a document, set when it does; null afterwards. */
    private Map<String, Object> prelimAttrs = new LinkedHashMap<>();

    /** An element named {@code UNDEFINED}, as Yjs names one created without a name ({@link Doc#getXmlElement}). */
    public YXmlElement() {
        this("UNDEFINED");
    }

    /** An element named {@code nodeName}, to be inserted into a document. */
    public YXmlElement(String nodeName) {
        this.nodeName = nodeName;
    }

    /** The node name, as given (the XML serialisation lower-cases it). */
    public String nodeName() {
        return nodeName;
    }

    /** The next sibling node, or null. */
    public AbstractType<?> nextSibling() {
        return item == null ? null : nodeOf(item.next());
    }

    /** The previous sibling node, or null. */
    public AbstractType<?> prevSibling() {
        return item == null ? null : nodeOf(item.prev());
    }

    @Override
    void integrate(Doc doc, Item item) {
        super.integrate(doc, item);
        Map<String, Object> attributes = prelimAttrs;
        prelimAttrs = null;
        attributes.forEach(this::setAttribute);
    }

    @Override
    YXmlElement copy() {
        return new YXmlElement(nodeName);
    }

    /** A new, unattached element with the same name and attributes, holding clones of the children. */
    @Override
    public YXmlElement clone() {
        YXmlElement element = new YXmlElement(nodeName);
        getAttributes().forEach(element::setAttribute);
        element.insert(0, cloneChildren());
        return element;
    }

    /**
     * The XML serialisation as Yjs writes it: the lower-cased node name, the attributes sorted by name with
     * their values rendered as JavaScript strings (not escaped), then the children.
     */
    @Override
    public String toString() {
        Map<String, Object> attributes = getAttributes();
        List<String> keys = new ArrayList<>(attributes.keySet());
        keys.sort(null);
        StringBuilder xml = new StringBuilder();
        String name = nodeName.toLowerCase(Locale.ROOT);
        xml.append('<').append(name);
        for (String key : keys) {
            xml.append(' ').append(key).append("=\"").append(JsValues.toJsString(attributes.get(key))).append('"');
        }
        xml.append('>').append(super.toString()).append("</").append(name).append('>');
        return xml.toString();
    }

    /** Removes an attribute. */
    public void removeAttribute(String name) {
        if (doc == null) {
            prelimAttrs.remove(name);
        } else {
            try (Transaction txn = doc.transact(null, true)) {
                typeMapDelete(txn, name);
            }
        }
    }

    /** {@link #removeAttribute(String)} in the given transaction. */
    public void removeAttribute(Transaction txn, String name) {
        typeMapDelete(txn.requireOpen(doc), name);
    }

    /** Sets an attribute. */
    public void setAttribute(String name, Object value) {
        if (doc == null) {
            prelimAttrs.put(name, insertable(value));
        } else {
            try (Transaction txn = doc.transact(null, true)) {
                typeMapSet(txn, name, value);
            }
        }
    }

    /** {@link #setAttribute(String, Object)} in the given transaction. */
    public void setAttribute(Transaction txn, String name, Object value) {
        typeMapSet(txn.requireOpen(doc), name, value);
    }

    /** An attribute's value, or null when it is not set. */
    public Object getAttribute(String name) {
        return typeMapGet(name);
    }

    /** Whether the attribute is set. */
    public boolean hasAttribute(String name) {
        return typeMapHas(name);
    }

    /** All attributes, in the order they were first set. */
    public Map<String, Object> getAttributes() {
        return typeMapGetAll();
    }

    /** The attributes as they were at {@code snapshot} (the document must not collect garbage). */
    public Map<String, Object> getAttributes(Snapshot snapshot) {
        return snapshot.typeMapGetAll(this);
    }

    @Override
    void write(UpdateEncoder encoder) {
        encoder.writeTypeRef(ContentType.YXML_ELEMENT_REF);
        encoder.writeKey(nodeName);
    }
}
