package dev.weft.crdt;

import dev.weft.crdt.lib0.Undefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Shared rich text, as Yjs's {@code Y.Text}: characters, embeds (JSON objects) and nested shared types, with
 * formatting attributes ({@code bold: true}, {@code link: {href: ...}}) over ranges. Indexes and lengths count
 * UTF-16 code units, as Java strings and JavaScript do.
 *
 * <p>Formatting lives in the item list as markers (see {@link ItemTextListPosition}); the delta form
 * ({@link #toDelta()}, {@link #applyDelta(List)}) is Quill's: a list of maps with {@code insert} (a String, an
 * embed map or a shared type), {@code retain} or {@code delete}, and optional {@code attributes}.
 *
 * <p>Like every type, a text created with {@code new} is not yet part of a document: edits made on it are queued
 * and applied when it is inserted into one. Methods open their own transaction unless one is already open.
 */
public class YText extends AbstractType<YTextEvent> {
    /** Edits made before this text joined a document, replayed when it does; null afterwards. */
    private List<Consumer<Transaction>> pending = new ArrayList<>();
    /**
     * Whether a format marker was ever integrated here (set by {@link ContentFormat#integrate}): only formatted
     * texts need the formatting cleanup after remote changes.
     */
    boolean hasFormatting;

    /** An empty text, to be inserted into a document or obtained through {@link Doc#getText(String)}. */
    public YText() {
        searchMarker = new ArrayList<>();
    }

    /** A text that will hold {@code initial} once it is inserted into a document. */
    public YText(String initial) {
        this();
        insert(0, initial);
    }

    /** The number of UTF-16 code units of text, embeds and nested types. */
    public int length() {
        return length;
    }

    @Override
    void integrate(Doc doc, Item item) {
        super.integrate(doc, item);
        List<Consumer<Transaction>> queued = pending;
        pending = null;
        for (Consumer<Transaction> edit : queued) {
            doc.transact(null, edit);
        }
    }

    @Override
    YText copy() {
        return new YText();
    }

    /**
     * A new, unattached text of the same kind with the same content and formatting. Embedded types are cloned
     * too: Yjs shares them, which would insert one type into two places.
     */
    @Override
    public YText clone() {
        YText text = copy();
        List<Map<String, Object>> delta = toDelta();
        for (Map<String, Object> op : delta) {
            if (op.get("insert") instanceof AbstractType<?> embedded) {
                op.put("insert", embedded.clone());
            }
        }
        text.applyDelta(delta);
        return text;
    }

    @Override
    void callObserver(Transaction txn, Set<String> parentSubs) {
        super.callObserver(txn, parentSubs);
        callTypeObservers(txn, new YTextEvent(this, txn, parentSubs));
        if (!txn.local && hasFormatting) {
            // remote formatting may duplicate ours: the transaction cleans up once the observers have run
            txn.needFormattingCleanup = true;
        }
    }

    /** The characters, without embeds, nested types and formatting. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(length);
        for (Item n = start; n != null; n = n.right) {
            if (!n.isDeleted() && n.countable() && n.content instanceof ContentString string) {
                text.append(string.text());
            }
        }
        return text.toString();
    }

    /** Yjs's {@code toJSON}: the plain string. */
    @Override
    public Object toJson() {
        return toString();
    }

    /** Inserts {@code text} at {@code index} with the formatting in effect there. */
    public void insert(int index, String text) {
        insert(index, text, null);
    }

    /**
     * Inserts {@code text} at {@code index} with exactly {@code attributes} (null: the formatting in effect at
     * {@code index}); attributes in effect there but absent from the map are switched off for the inserted text.
     */
    public void insert(int index, String text, Map<String, Object> attributes) {
        if (attributes != null) {
            ItemTextListPosition.requireInsertable(text, attributes);
        }
        if (text.isEmpty()) {
            return;
        }
        if (doc == null) {
            pending.add(txn -> insert(txn, index, text, attributes));
            return;
        }
        // the hot path of typing: no lambda
        try (Transaction txn = doc.transact(null, true)) {
            insertText(txn, index, text, attributes);
        }
    }

    /** {@link #insert(int, String)} in the given transaction. */
    public void insert(Transaction txn, int index, String text) {
        insert(txn, index, text, null);
    }

    /** {@link #insert(int, String, Map)} in the given transaction. */
    public void insert(Transaction txn, int index, String text, Map<String, Object> attributes) {
        Transaction open = txn.requireOpen(doc);
        if (attributes != null) {
            ItemTextListPosition.requireInsertable(text, attributes);
        }
        if (!text.isEmpty()) {
            insertText(open, index, text, attributes);
        }
    }

    private void insertText(Transaction txn, int index, String text, Map<String, Object> attributes) {
        ItemTextListPosition pos = ItemTextListPosition.findPosition(txn, this, index, attributes == null);
        pos.insertText(txn, this, text, new LinkedHashMap<>(attributes == null ? pos.currentAttributes : attributes));
    }

    /** Inserts an embed (a JSON-like map) or a shared type at {@code index}, unformatted. */
    public void insertEmbed(int index, Object embed) {
        insertEmbed(index, embed, null);
    }

    /**
     * Inserts an embed (a JSON-like map) or a shared type at {@code index} with {@code attributes}; unlike
     * {@link #insert(int, String)}, an embed does not inherit the formatting around it (as in Yjs).
     */
    public void insertEmbed(int index, Object embed, Map<String, Object> attributes) {
        ItemTextListPosition.requireInsertable(embed, attributes);
        transactOrQueue(txn -> insertEmbed(txn, index, embed, attributes));
    }

    /** {@link #insertEmbed(int, Object)} in the given transaction. */
    public void insertEmbed(Transaction txn, int index, Object embed) {
        insertEmbed(txn, index, embed, null);
    }

    /** {@link #insertEmbed(int, Object, Map)} in the given transaction. */
    public void insertEmbed(Transaction txn, int index, Object embed, Map<String, Object> attributes) {
        Transaction open = txn.requireOpen(doc);
        ItemTextListPosition.requireInsertable(embed, attributes);
        ItemTextListPosition pos = ItemTextListPosition.findPosition(open, this, index, attributes == null);
        pos.insertText(open, this, embed, attributes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(attributes));
    }

    /** Deletes {@code length} units starting at {@code index}, and the format markers left without content. */
    public void delete(int index, int length) {
        if (length == 0) {
            return;
        }
        if (doc == null) {
            pending.add(txn -> delete(txn, index, length));
            return;
        }
        try (Transaction txn = doc.transact(null, true)) {
            ItemTextListPosition.findPosition(txn, this, index, true).deleteText(txn, this, length);
        }
    }

    /** {@link #delete(int, int)} in the given transaction. */
    public void delete(Transaction txn, int index, int length) {
        Transaction open = txn.requireOpen(doc);
        if (length != 0) {
            ItemTextListPosition.findPosition(open, this, index, true).deleteText(open, this, length);
        }
    }

    /**
     * Sets {@code attributes} on {@code length} units from {@code index}; a {@code null} value removes that
     * attribute. Formatting past the end appends newlines, as Quill expects a text to end with one.
     */
    public void format(int index, int length, Map<String, Object> attributes) {
        ItemTextListPosition.requireFormattable(attributes);
        if (length != 0) {
            transactOrQueue(txn -> format(txn, index, length, attributes));
        }
    }

    /** {@link #format(int, int, Map)} in the given transaction. */
    public void format(Transaction txn, int index, int length, Map<String, Object> attributes) {
        Transaction open = txn.requireOpen(doc);
        ItemTextListPosition.requireFormattable(attributes);
        if (length == 0) {
            return;
        }
        ItemTextListPosition pos = ItemTextListPosition.findPosition(open, this, index, false);
        if (pos.right != null) {
            pos.formatText(open, this, length, new LinkedHashMap<>(attributes));
        }
    }

    /** Applies a Quill delta ({@code insert} / {@code retain} / {@code delete} ops with optional attributes). */
    public void applyDelta(List<? extends Map<String, ?>> delta) {
        applyDelta(delta, true);
    }

    /**
     * Applies a Quill delta. With {@code sanitize} false, a final inserted newline at the end of the text is
     * dropped, since Quill always ends its content with one (the condition is Yjs's, inverted as Yjs has it).
     */
    public void applyDelta(List<? extends Map<String, ?>> delta, boolean sanitize) {
        requireApplicable(delta);
        transactOrQueue(txn -> applyDelta(txn, delta, sanitize));
    }

    /** {@link #applyDelta(List)} in the given transaction. */
    public void applyDelta(Transaction txn, List<? extends Map<String, ?>> delta) {
        applyDelta(txn, delta, true);
    }

    /** {@link #applyDelta(List, boolean)} in the given transaction. */
    public void applyDelta(Transaction txn, List<? extends Map<String, ?>> delta, boolean sanitize) {
        Transaction open = txn.requireOpen(doc);
        requireApplicable(delta);
        ItemTextListPosition pos = new ItemTextListPosition(null, start, 0, new LinkedHashMap<>());
        for (int i = 0; i < delta.size(); i++) {
            Map<String, ?> op = delta.get(i);
            Map<String, Object> attributes = attributesOf(op);
            if (isDefined(op, "insert")) {
                Object insert = op.get("insert");
                if (!sanitize && insert instanceof String s && i == delta.size() - 1 && pos.right == null
                        && s.endsWith("\n")) {
                    insert = s.substring(0, s.length() - 1);
                }
                if (!(insert instanceof String s) || !s.isEmpty()) {
                    pos.insertText(open, this, insert, attributes);
                }
            } else if (isDefined(op, "retain")) {
                pos.formatText(open, this, ((Number) op.get("retain")).intValue(), attributes);
            } else if (isDefined(op, "delete")) {
                pos.deleteText(open, this, ((Number) op.get("delete")).intValue());
            }
        }
    }

    /** Runs {@code edit} in a transaction, or, while this text is not part of a document, once it joins one. */
    private void transactOrQueue(Consumer<Transaction> edit) {
        if (doc == null) {
            pending.add(edit);
        } else {
            doc.transact(null, edit);
        }
    }

    /**
     * Checks every op of {@code delta} before the first one is applied, so that a refused delta leaves the
     * document unchanged.
     *
     * @throws IllegalArgumentException for an embed or attribute value the text cannot hold, or a retain or
     *     delete that is not a number
     */
    private static void requireApplicable(List<? extends Map<String, ?>> delta) {
        for (Map<String, ?> op : delta) {
            Map<?, ?> attributes = op.get("attributes") instanceof Map<?, ?> map ? map : null;
            if (isDefined(op, "insert")) {
                ItemTextListPosition.requireInsertable(op.get("insert"), attributes);
            } else if (isDefined(op, "retain")) {
                requireCount(op, "retain");
                if (attributes != null) {
                    ItemTextListPosition.requireFormattable(attributes);
                }
            } else if (isDefined(op, "delete")) {
                requireCount(op, "delete");
            }
        }
    }

    private static void requireCount(Map<String, ?> op, String key) {
        if (!(op.get(key) instanceof Number)) {
            throw new IllegalArgumentException(key + " must be a number: " + op);
        }
    }

    private static boolean isDefined(Map<String, ?> op, String key) {
        return JsValues.get(op, key) != Undefined.INSTANCE;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributesOf(Map<String, ?> op) {
        Object attributes = op.get("attributes");
        return attributes instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    /**
     * The content as a Quill delta: {@code insert} ops with the {@code attributes} in effect, adjacent characters
     * of equal formatting in one op.
     */
    public List<Map<String, Object>> toDelta() {
        return computeDelta(null, null, null);
    }

    /** The content as it was at {@code snapshot}, as a Quill delta (the document must not collect garbage). */
    public List<Map<String, Object>> toDelta(Snapshot snapshot) {
        return toDelta(snapshot, null, null);
    }

    /**
     * The content at {@code snapshot} together with what was removed since {@code prevSnapshot}, as a Quill
     * delta: text not visible at {@code snapshot} carries a {@code ychange} attribute {@code removed}, text not
     * visible at {@code prevSnapshot} one {@code added} (y-prosemirror renders versions this way).
     *
     * @param snapshot the state to show; null for the current one
     * @param prevSnapshot the state to compare with, or null
     * @param computeYChange makes the {@code ychange} value from "added" or "removed" and the id of the change's
     *     first character; null gives Yjs's {@code {type: "added"}} / {@code {type: "removed"}}
     * @throws IllegalStateException with a snapshot, if this text is not part of a document
     */
    public List<Map<String, Object>> toDelta(Snapshot snapshot, Snapshot prevSnapshot,
                                             BiFunction<String, ID, Object> computeYChange) {
        if (snapshot == null && prevSnapshot == null) {
            return computeDelta(null, null, computeYChange);
        }
        if (doc == null) {
            throw new IllegalStateException("a snapshot is of a document: this text is not in one yet");
        }
        List<List<Map<String, Object>>> result = new ArrayList<>(1);
        // the snapshots' boundaries are split in a transaction, which merges them again when it ends
        doc.transact("cleanup", txn -> {
            if (snapshot != null) {
                snapshot.splitAffectedStructs(txn);
            }
            if (prevSnapshot != null) {
                prevSnapshot.splitAffectedStructs(txn);
            }
            result.add(computeDelta(snapshot, prevSnapshot, computeYChange));
        });
        return result.get(0);
    }

    private List<Map<String, Object>> computeDelta(Snapshot snapshot, Snapshot prevSnapshot,
                                                   BiFunction<String, ID, Object> computeYChange) {
        List<Map<String, Object>> ops = new ArrayList<>();
        Map<String, Object> currentAttributes = new LinkedHashMap<>();
        StringBuilder str = new StringBuilder();
        for (Item n = start; n != null; n = n.right) {
            boolean visible = Snapshot.isVisible(n, snapshot);
            if (!visible && (prevSnapshot == null || !Snapshot.isVisible(n, prevSnapshot))) {
                continue;
            }
            if (n.content instanceof ContentString string) {
                String change = snapshot != null && !visible ? "removed"
                        : prevSnapshot != null && !Snapshot.isVisible(n, prevSnapshot) ? "added" : null;
                Object current = JsValues.get(currentAttributes, "ychange");
                if (change != null) {
                    if (!isYChange(current, change, n.id.client())) {
                        packString(ops, str, currentAttributes);
                        currentAttributes.put("ychange", computeYChange != null
                                ? computeYChange.apply(change, n.id) : new LinkedHashMap<>(Map.of("type", change)));
                    }
                } else if (current != Undefined.INSTANCE) {
                    packString(ops, str, currentAttributes);
                    currentAttributes.remove("ychange");
                }
                str.append(string.text());
            } else if (n.content instanceof ContentType || n.content instanceof ContentEmbed) {
                packString(ops, str, currentAttributes);
                ops.add(insertOp(n.content.getContent().get(0), currentAttributes));
            } else if (n.content instanceof ContentFormat format && visible) {
                packString(ops, str, currentAttributes);
                ItemTextListPosition.updateCurrentAttributes(currentAttributes, format);
            }
        }
        packString(ops, str, currentAttributes);
        return ops;
    }

    /** Whether the {@code ychange} attribute in effect already marks a change of this kind by this client. */
    private static boolean isYChange(Object current, String type, long client) {
        return current instanceof Map<?, ?> change && JsValues.strictEquals(change.get("user"), client)
                && type.equals(change.get("type"));
    }

    private static void packString(List<Map<String, Object>> ops, StringBuilder str, Map<String, Object> attributes) {
        if (!str.isEmpty()) {
            ops.add(insertOp(str.toString(), attributes));
            str.setLength(0);
        }
    }

    private static Map<String, Object> insertOp(Object insert, Map<String, Object> attributes) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("insert", insert);
        if (!attributes.isEmpty()) {
            op.put("attributes", new LinkedHashMap<>(attributes));
        }
        return op;
    }

    /** Sets an attribute of the whole text (not a formatting attribute), as on a map entry. */
    public void setAttribute(String name, Object value) {
        transactOrQueue(txn -> setAttribute(txn, name, value));
    }

    /** {@link #setAttribute(String, Object)} in the given transaction. */
    public void setAttribute(Transaction txn, String name, Object value) {
        typeMapSet(txn.requireOpen(doc), name, value);
    }

    /** Removes an attribute of the whole text. */
    public void removeAttribute(String name) {
        transactOrQueue(txn -> removeAttribute(txn, name));
    }

    /** {@link #removeAttribute(String)} in the given transaction. */
    public void removeAttribute(Transaction txn, String name) {
        typeMapDelete(txn.requireOpen(doc), name);
    }

    /** An attribute of the whole text, or null when it is not set. */
    public Object getAttribute(String name) {
        return typeMapGet(name);
    }

    /** All attributes of the whole text. */
    public Map<String, Object> getAttributes() {
        return typeMapGetAll();
    }

    @Override
    void write(UpdateEncoder encoder) {
        encoder.writeTypeRef(ContentType.YTEXT_REF);
    }
}
