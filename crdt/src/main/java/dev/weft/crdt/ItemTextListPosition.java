package dev.weft.crdt;

import dev.weft.crdt.lib0.JsPropertyOrder;
import dev.weft.crdt.lib0.Undefined;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cursor between two items of a text (or XML text) and the edits made at it: the rich-text half of Yjs's
 * YText.js ({@code ItemTextListPosition} and the module functions that move one).
 *
 * <p>Formatting is stored as {@link ContentFormat} markers in the item list: a marker sets an attribute (or clears
 * it, with value {@code null}) up to the next marker of the same key. The cursor therefore carries the attributes
 * in effect at its place ({@link #currentAttributes}), and every edit brackets what it inserts with markers that
 * switch attributes on and, afterwards, back to what they were ("negated" attributes), so that concurrent edits
 * elsewhere keep their formatting.
 */
final class ItemTextListPosition {
    Item left;
    Item right;
    /** The number of visible characters left of the cursor. */
    int index;
    /** The attributes in effect at the cursor, in the order the markers set them. */
    final Map<String, Object> currentAttributes;

    ItemTextListPosition(Item left, Item right, int index, Map<String, Object> currentAttributes) {
        this.left = left;
        this.right = right;
        this.index = index;
        this.currentAttributes = currentAttributes;
    }

    /** Positions a cursor before the {@code index}-th character, starting from a search marker when allowed. */
    static ItemTextListPosition findPosition(Transaction txn, YText parent, int index, boolean useSearchMarker) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        ArraySearchMarker marker = useSearchMarker ? parent.findMarker(index) : null;
        if (marker != null) {
            ItemTextListPosition pos = new ItemTextListPosition(marker.p.left, marker.p, marker.index, attributes);
            pos.findNextPosition(txn, index - marker.index);
            return pos;
        }
        ItemTextListPosition pos = new ItemTextListPosition(null, parent.start, 0, attributes);
        pos.findNextPosition(txn, index);
        return pos;
    }

    /** Steps over {@link #right}; only call it when there is one. */
    void forward() {
        Item item = right;
        if (!item.isDeleted()) {
            if (item.content instanceof ContentFormat format) {
                updateCurrentAttributes(currentAttributes, format);
            } else {
                index += item.length;
            }
        }
        left = item;
        right = item.right;
    }

    /** Moves {@code count} characters to the right, splitting the item the destination falls into. */
    private void findNextPosition(Transaction txn, int count) {
        while (right != null && count > 0) {
            Item item = right;
            if (!item.isDeleted()) {
                if (item.content instanceof ContentFormat format) {
                    updateCurrentAttributes(currentAttributes, format);
                } else {
                    if (count < item.length) {
                        txn.doc.store.getItemCleanStart(txn, new ID(item.id.client(), item.id.clock() + count));
                    }
                    index += item.length;
                    count -= item.length;
                }
            }
            left = item;
            right = item.right;
        }
    }

    /** Applies a marker to a running set of attributes: {@code null} clears the key. */
    static void updateCurrentAttributes(Map<String, Object> currentAttributes, ContentFormat format) {
        if (format.value == null) {
            currentAttributes.remove(format.key);
        } else {
            currentAttributes.put(format.key, format.value);
        }
    }

    /**
     * Inserts a string, an embed (a JSON object) or a shared type with exactly {@code attributes}: attributes in
     * effect here but not given are switched off around the insertion. {@code attributes} is consumed.
     */
    void insertText(Transaction txn, YText parent, Object text, Map<String, Object> attributes) {
        if (!attributes.isEmpty()) {
            // undefined means "not set" for an insertion (see requireInsertable), the same as null
            attributes.replaceAll((key, value) -> value == Undefined.INSTANCE ? null : value);
        }
        for (String key : currentAttributes.keySet()) {
            if (JsValues.get(attributes, key) == Undefined.INSTANCE) {
                attributes.put(key, null);
            }
        }
        minimizeAttributeChanges(attributes);
        Map<String, Object> negatedAttributes = insertAttributes(txn, parent, attributes);
        Content content = text instanceof String s ? new ContentString(s)
                : text instanceof AbstractType<?> type ? new ContentType(type) : new ContentEmbed(text);
        if (parent.searchMarker != null) {
            AbstractType.updateMarkerChanges(parent.searchMarker, index, content.getLength());
        }
        right = integrateHere(txn, parent, content);
        forward();
        insertNegatedAttributes(txn, parent, negatedAttributes);
    }

    /**
     * Checks, before anything is integrated, what {@link #insertText} will write, so that a refused call leaves
     * the document unchanged: a shared type must not be in a document yet, an embed and the attribute values
     * must be JSON that the update format V1 can write. An {@code undefined} attribute value is allowed: an
     * insertion takes it as "not set" (Yjs does so for attributes in effect at the cursor, and would write an
     * unencodable marker for the others).
     *
     * @throws IllegalArgumentException for anything else, or an attribute name that is not a string
     */
    static void requireInsertable(Object content, Map<?, ?> attributes) {
        if (content instanceof AbstractType<?>) {
            AbstractType.insertable(content);
        } else if (!(content instanceof String)) {
            requireJson(content);
        }
        if (attributes != null) {
            for (Map.Entry<?, ?> attribute : attributes.entrySet()) {
                requireName(attribute.getKey());
                if (attribute.getValue() != Undefined.INSTANCE) {
                    requireJson(attribute.getValue());
                }
            }
        }
    }

    /**
     * Checks, before anything is integrated, the attributes {@link #formatText} will write as markers: JSON that
     * the update format V1 can write, {@code null} to remove an attribute.
     *
     * @throws IllegalArgumentException for anything else ({@code undefined} included), or an attribute name
     *     that is not a string
     */
    static void requireFormattable(Map<?, ?> attributes) {
        for (Map.Entry<?, ?> attribute : attributes.entrySet()) {
            requireName(attribute.getKey());
            requireJson(attribute.getValue());
        }
    }

    private static void requireName(Object key) {
        if (!(key instanceof String)) {
            throw new IllegalArgumentException("attribute names must be strings, got " + key);
        }
    }

    private static void requireJson(Object value) {
        AbstractType.toAny(value);
        Json.requireStringifiable(value);
    }

    /**
     * Sets {@code attributes} on the next {@code length} characters. Markers inside the range that the new ones
     * supersede are deleted; past the end of the text, Quill's convention is honoured by appending newlines.
     */
    void formatText(Transaction txn, YText parent, int length, Map<String, Object> attributes) {
        minimizeAttributeChanges(attributes);
        Map<String, Object> negatedAttributes = insertAttributes(txn, parent, attributes);
        while (right != null && (length > 0
                || (!negatedAttributes.isEmpty() && (right.isDeleted() || right.content instanceof ContentFormat)))) {
            Item item = right;
            if (!item.isDeleted()) {
                if (item.content instanceof ContentFormat format) {
                    Object attr = JsValues.get(attributes, format.key);
                    if (attr != Undefined.INSTANCE) {
                        if (JsValues.equalAttrs(attr, format.value)) {
                            negatedAttributes.remove(format.key);
                        } else {
                            if (length == 0) {
                                // past the range: a differing marker already ends our attribute, no need to negate
                                break;
                            }
                            negatedAttributes.put(format.key, format.value);
                        }
                        item.delete(txn);
                    } else {
                        currentAttributes.put(format.key, format.value);
                    }
                } else {
                    if (length < item.length) {
                        txn.doc.store.getItemCleanStart(txn, new ID(item.id.client(), item.id.clock() + length));
                    }
                    length -= item.length;
                }
            }
            forward();
        }
        if (length > 0) {
            right = integrateHere(txn, parent, new ContentString("\n".repeat(length)));
            forward();
        }
        insertNegatedAttributes(txn, parent, negatedAttributes);
    }

    /** Deletes {@code length} characters, embeds or types after the cursor, then the markers the deletion made redundant. */
    void deleteText(Transaction txn, YText parent, int length) {
        int startLength = length;
        // without format markers there is nothing to clean up: skipping saves a walk over the tombstones
        Map<String, Object> startAttributes = parent.hasFormatting ? new LinkedHashMap<>(currentAttributes) : null;
        Item start = right;
        while (length > 0 && right != null) {
            Item item = right;
            if (!item.isDeleted() && (item.content instanceof ContentString
                    || item.content instanceof ContentEmbed || item.content instanceof ContentType)) {
                if (length < item.length) {
                    txn.doc.store.getItemCleanStart(txn, new ID(item.id.client(), item.id.clock() + length));
                }
                length -= item.length;
                item.delete(txn);
            }
            forward();
        }
        if (start != null && startAttributes != null) {
            FormattingCleanup.cleanupFormattingGap(txn, start, right, startAttributes, currentAttributes);
        }
        if (parent.searchMarker != null) {
            AbstractType.updateMarkerChanges(parent.searchMarker, index, -startLength + length);
        }
    }

    /** Skips deleted items and markers that already set what {@code attributes} asks for. */
    private void minimizeAttributeChanges(Map<String, Object> attributes) {
        while (right != null && (right.isDeleted() || (right.content instanceof ContentFormat format
                && JsValues.equalAttrs(JsValues.getOrNull(attributes, format.key), format.value)))) {
            forward();
        }
    }

    /**
     * Inserts a marker for every attribute that differs from what is in effect and returns the values to restore
     * after the insertion (null where the attribute was not set).
     */
    private Map<String, Object> insertAttributes(Transaction txn, YText parent, Map<String, Object> attributes) {
        Map<String, Object> negatedAttributes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> attribute : JsPropertyOrder.entries(attributes)) {
            String key = attribute.getKey();
            Object value = attribute.getValue();
            Object currentValue = JsValues.getOrNull(currentAttributes, key);
            if (!JsValues.equalAttrs(currentValue, value)) {
                negatedAttributes.put(key, currentValue);
                right = integrateHere(txn, parent, new ContentFormat(key, value));
                forward();
            }
        }
        return negatedAttributes;
    }

    /** Restores the attributes an insertion changed, reusing markers that already follow. */
    private void insertNegatedAttributes(Transaction txn, YText parent, Map<String, Object> negatedAttributes) {
        while (right != null && (right.isDeleted() || (right.content instanceof ContentFormat format
                && JsValues.equalAttrs(JsValues.get(negatedAttributes, format.key), format.value)))) {
            if (!right.isDeleted()) {
                negatedAttributes.remove(((ContentFormat) right.content).key);
            }
            forward();
        }
        if (negatedAttributes.isEmpty()) {
            return; // plain typing: spares an iterator per insertion
        }
        for (Map.Entry<String, Object> negated : negatedAttributes.entrySet()) {
            right = integrateHere(txn, parent, new ContentFormat(negated.getKey(), negated.getValue()));
            forward();
        }
    }

    /** Creates an item of this document's client between {@link #left} and {@link #right} and integrates it. */
    private Item integrateHere(Transaction txn, YText parent, Content content) {
        Doc doc = txn.doc;
        long client = doc.clientId;
        Item item = new Item(new ID(client, doc.store.getState(client)), left, left == null ? null : left.lastId(),
                right, right == null ? null : right.id, parent, null, content);
        item.integrate(txn, 0);
        return item;
    }
}
