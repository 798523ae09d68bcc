package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A shared type: list content (a linked list of items from {@link #start}) and map content (the current item of
 * each key in {@link #map}, older values to its left). Holds Yjs's AbstractType.js helpers that the concrete types
 * build on: list insertion and deletion with search markers, map get and set, and observer calls.
 *
 * @param <E> the event the type's observers receive
 */
public abstract class AbstractType<E extends YEvent<?>> {
    static final int MAX_SEARCH_MARKERS = 80;

    /** The item holding this type; null for a root type. */
    Item item;
    /** The current item of each key. Insertion-ordered, as a JS Map, so that iteration matches Yjs. */
    Map<String, Item> map = new LinkedHashMap<>();
    /** The first item of the list content, deleted or not. */
    Item start;
    Doc doc;
    /** The number of countable, undeleted clocks in the list content. */
    int length;
    /** Null for types that keep no search markers (maps, formatted text). */
    List<ArraySearchMarker> searchMarker;
    /** Orders marker uses, to find the least recently used marker. */
    private long searchMarkerClock;
    final Listeners<BiConsumer<E, Transaction>> observers = new Listeners<>();
    final Listeners<BiConsumer<List<YEvent<?>>, Transaction>> deepObservers = new Listeners<>();

    AbstractType() {
    }

    /** The type holding this one, or null for a root type or a type not inserted anywhere. */
    public AbstractType<?> parent() {
        return item == null ? null : item.parent;
    }

    /** The document this type belongs to, or null before it is inserted into one. */
    public Doc doc() {
        return doc;
    }

    /** Yjs's _integrate: the type now lives in {@code doc}, held by {@code item} (null for a root type). */
    void integrate(Doc doc, Item item) {
        this.doc = doc;
        this.item = item;
    }

    /** Yjs's _copy: an empty type of the same kind, for copying content. */
    abstract AbstractType<E> copy();

    /** A copy of this type and its content, to insert somewhere else. Its content is readable once inserted. */
    @Override
    public abstract AbstractType<E> clone();

    /** Yjs's _write: writes the type ref (and what the kind needs to be recreated). */
    abstract void write(UpdateEncoder encoder);

    /** The content as plain values: the JS value model, as Yjs's toJSON. */
    public abstract Object toJson();

    /** Yjs's _first: the first undeleted item. */
    Item first() {
        Item n = start;
        while (n != null && n.isDeleted()) {
            n = n.right;
        }
        return n;
    }

    /**
     * Yjs's _callObserver: creates the type's event and calls the observers. The keys of map content that changed
     * are in {@code parentSubs}, with null standing for list content.
     */
    void callObserver(Transaction txn, Set<String> parentSubs) {
        if (!txn.local && searchMarker != null) {
            // remote changes moved content under the markers
            searchMarker.clear();
        }
    }

    /** Calls {@code observer} with this type's event after each transaction that changed it. */
    public Subscription observe(BiConsumer<E, Transaction> observer) {
        return observers.add(observer);
    }

    /**
     * Calls {@code observer} with the events of this type and of all types nested in it after each transaction that
     * changed any of them, top-level events first.
     */
    public Subscription observeDeep(BiConsumer<List<YEvent<?>>, Transaction> observer) {
        return deepObservers.add(observer);
    }

    /**
     * Yjs's callTypeObservers: records {@code event} for the deep observers of this type and its ancestors, then
     * calls this type's observers.
     */
    void callTypeObservers(Transaction txn, E event) {
        AbstractType<?> type = this;
        while (true) {
            txn.changedParentTypes.computeIfAbsent(type, t -> new ArrayList<>()).add(event);
            if (type.item == null) {
                break;
            }
            type = type.item.parent;
        }
        observers.emit(l -> l.accept(event, txn));
    }

    /** Yjs's findRootTypeKey: the name of this root type in its document. */
    String findRootTypeKey() {
        for (Map.Entry<String, AbstractType<?>> entry : doc.share.entrySet()) {
            if (entry.getValue() == this) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("not a root type of its document");
    }

    // ---- search markers

    /**
     * Yjs's findMarker: a marker at or before {@code index}, close to it, created or moved there as needed; null if
     * the type keeps no markers or the walk is short anyway.
     */
    ArraySearchMarker findMarker(int index) {
        if (start == null || index == 0 || searchMarker == null) {
            return null;
        }
        ArraySearchMarker marker = null;
        for (ArraySearchMarker m : searchMarker) {
            // on equal distances the later marker wins, as in Yjs's reduce
            if (marker == null || Math.abs(index - m.index) <= Math.abs(index - marker.index)) {
                marker = m;
            }
        }
        Item p = start;
        int pindex = 0;
        if (marker != null) {
            p = marker.p;
            pindex = marker.index;
            marker.timestamp = searchMarkerClock++; // used: it may well be used again
        }
        // walk right as far as needed
        while (p.right != null && pindex < index) {
            if (!p.isDeleted() && p.countable()) {
                if (index < pindex + p.length) {
                    break;
                }
                pindex += p.length;
            }
            p = p.right;
        }
        // walk left if the marker was beyond the index
        while (p.left != null && pindex > index) {
            p = p.left;
            if (!p.isDeleted() && p.countable()) {
                pindex -= p.length;
            }
        }
        // p must not be mergeable with its left neighbour, or the merge would leave the marker inside an item
        while (p.left != null && p.left.id.client() == p.id.client() && p.left.endClock() == p.id.clock()) {
            p = p.left;
            if (!p.isDeleted() && p.countable()) {
                pindex -= p.length;
            }
        }
        if (marker != null && Math.abs(marker.index - pindex) < (double) length / MAX_SEARCH_MARKERS) {
            // close to the old position: move the marker
            marker.overwrite(p, pindex, searchMarkerClock++);
            return marker;
        }
        return markPosition(p, pindex);
    }

    private ArraySearchMarker markPosition(Item p, int index) {
        if (searchMarker.size() >= MAX_SEARCH_MARKERS) {
            // reuse the least recently used marker rather than allocate
            ArraySearchMarker oldest = searchMarker.get(0);
            for (ArraySearchMarker m : searchMarker) {
                if (m.timestamp < oldest.timestamp) {
                    oldest = m;
                }
            }
            oldest.overwrite(p, index, searchMarkerClock++);
            return oldest;
        }
        ArraySearchMarker marker = new ArraySearchMarker(p, index, searchMarkerClock++);
        searchMarker.add(marker);
        return marker;
    }

    /**
     * Yjs's updateMarkerChanges: shifts the markers after a change at {@code index}; {@code len} is positive for an
     * insertion and negative for a deletion. Call it before deleting.
     */
    static void updateMarkerChanges(List<ArraySearchMarker> searchMarker, int index, int len) {
        for (int i = searchMarker.size() - 1; i >= 0; i--) {
            ArraySearchMarker m = searchMarker.get(i);
            if (len > 0) {
                Item p = m.p;
                p.setMarker(false);
                // Markers may sit on deleted items or formats: move to the previous undeleted countable item, so
                // that comparing indices below is meaningful.
                while (p != null && (p.isDeleted() || !p.countable())) {
                    p = p.left;
                    if (p != null && !p.isDeleted() && p.countable()) {
                        m.index -= p.length;
                    }
                }
                if (p == null || p.marker()) {
                    // no position left, or another marker has it
                    searchMarker.remove(i);
                    continue;
                }
                m.p = p;
                p.setMarker(true);
            }
            if (index < m.index || (len > 0 && index == m.index)) {
                m.index = Math.max(index, m.index + len);
            }
        }
    }

    // ---- list content

    /** Yjs's typeListSlice: the values from {@code start} (inclusive) to {@code end} (exclusive). */
    List<Object> typeListSlice(int from, int to) {
        if (from < 0) {
            from += length;
        }
        if (to < 0) {
            to += length;
        }
        int len = to - from;
        List<Object> cs = new ArrayList<>(Math.max(len, 0));
        for (Item n = start; n != null && len > 0; n = n.right) {
            if (n.countable() && !n.isDeleted()) {
                List<Object> c = n.content.getContent();
                if (c.size() <= from) {
                    from -= c.size();
                } else {
                    for (int i = from; i < c.size() && len > 0; i++) {
                        cs.add(c.get(i));
                        len--;
                    }
                    from = 0;
                }
            }
        }
        return cs;
    }

    /** Yjs's typeListToArray: all values of the list content. */
    List<Object> typeListToArray() {
        List<Object> cs = new ArrayList<>(length);
        for (Item n = start; n != null; n = n.right) {
            if (n.countable() && !n.isDeleted()) {
                cs.addAll(n.content.getContent());
            }
        }
        return cs;
    }

    /** Yjs's typeListCreateIterator: the values of the list content, read as the iteration goes. */
    Iterator<Object> typeListCreateIterator() {
        return new Iterator<>() {
            private Item n = start;
            private List<Object> currentContent;
            private int currentContentIndex;

            @Override
            public boolean hasNext() {
                if (currentContent == null) {
                    while (n != null && (n.isDeleted() || !n.countable())) {
                        n = n.right;
                    }
                    if (n == null) {
                        return false;
                    }
                    currentContent = n.content.getContent();
                    currentContentIndex = 0;
                    n = n.right;
                }
                return true;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object value = currentContent.get(currentContentIndex++);
                if (currentContentIndex >= currentContent.size()) {
                    currentContent = null;
                }
                return value;
            }
        };
    }

    /** Yjs's typeListGet: the value at {@code index}. */
    Object typeListGet(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length " + length);
        }
        ArraySearchMarker marker = findMarker(index);
        Item n = start;
        if (marker != null) {
            n = marker.p;
            index -= marker.index;
        }
        for (; n != null; n = n.right) {
            if (!n.isDeleted() && n.countable()) {
                if (index < n.length) {
                    return n.content.getContent().get(index);
                }
                index -= n.length;
            }
        }
        throw new IllegalStateException("the list content is shorter than its length");
    }

    /**
     * Yjs's typeListInsertGenericsAfter: inserts {@code content} after {@code referenceItem} (null: at the start).
     * Runs of plain values become one item; byte arrays, documents and types get an item each.
     */
    void typeListInsertGenericsAfter(Transaction txn, Item referenceItem, List<?> content) {
        // check every value before inserting any, so that a bad one does not leave the others half inserted
        Object[] values = new Object[content.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = insertable(content.get(i));
        }
        Item left = referenceItem;
        Item right = referenceItem == null ? start : referenceItem.right;
        ArrayList<Object> jsonContent = new ArrayList<>();
        for (Object c : values) {
            Content single = contentOfItsOwn(c);
            if (single == null) {
                jsonContent.add(c);
                continue;
            }
            if (!jsonContent.isEmpty()) {
                left = insertItemAfter(txn, left, right, new ContentAny(jsonContent));
                jsonContent = new ArrayList<>();
            }
            left = insertItemAfter(txn, left, right, single);
        }
        if (!jsonContent.isEmpty()) {
            insertItemAfter(txn, left, right, new ContentAny(jsonContent));
        }
    }

    private Item insertItemAfter(Transaction txn, Item left, Item right, Content content) {
        Item created = new Item(txn.nextId(), left, left == null ? null : left.lastId(), right,
                right == null ? null : right.id, this, null, content);
        created.integrate(txn, 0);
        return created;
    }

    /** Yjs's typeListInsertGenerics: inserts {@code content} at {@code index}. */
    void typeListInsertGenerics(Transaction txn, int index, List<?> content) {
        if (index < 0 || index > length) {
            throw new IndexOutOfBoundsException("Length exceeded! index " + index + ", length " + length);
        }
        if (index == 0) {
            if (searchMarker != null) {
                updateMarkerChanges(searchMarker, index, content.size());
            }
            typeListInsertGenericsAfter(txn, null, content);
            return;
        }
        int startIndex = index;
        ArraySearchMarker marker = findMarker(index);
        Item n = start;
        if (marker != null) {
            n = marker.p;
            index -= marker.index;
            if (index == 0) {
                // step to the previous undeleted item, so that the walk below ends right after it
                n = n.prev();
                index += n != null && n.countable() && !n.isDeleted() ? n.length : 0;
            }
        }
        for (; n != null; n = n.right) {
            if (!n.isDeleted() && n.countable()) {
                if (index <= n.length) {
                    if (index < n.length) {
                        // insert inside n: split it
                        txn.doc.store.getItemCleanStart(txn, new ID(n.id.client(), n.id.clock() + index));
                    }
                    break;
                }
                index -= n.length;
            }
        }
        if (searchMarker != null) {
            updateMarkerChanges(searchMarker, startIndex, content.size());
        }
        typeListInsertGenericsAfter(txn, n, content);
    }

    /** Yjs's typeListPushGenerics: appends {@code content}, walking from the marker with the highest index. */
    void typeListPushGenerics(Transaction txn, List<?> content) {
        Item n = start;
        int highest = 0;
        if (searchMarker != null) {
            for (ArraySearchMarker m : searchMarker) {
                if (m.index > highest) {
                    highest = m.index;
                    n = m.p;
                }
            }
        }
        if (n != null) {
            while (n.right != null) {
                n = n.right;
            }
        }
        typeListInsertGenericsAfter(txn, n, content);
    }

    /** Yjs's typeListDelete: deletes {@code len} values from {@code index}. */
    void typeListDelete(Transaction txn, int index, int len) {
        if (index < 0 || len < 0 || index + len > length) {
            throw new IndexOutOfBoundsException("Length exceeded! index " + index + ", length " + len
                    + ", type length " + length);
        }
        if (len == 0) {
            return;
        }
        int startIndex = index;
        int startLength = len;
        ArraySearchMarker marker = findMarker(index);
        Item n = start;
        if (marker != null) {
            n = marker.p;
            index -= marker.index;
        }
        // find the first item to delete
        for (; n != null && index > 0; n = n.right) {
            if (!n.isDeleted() && n.countable()) {
                if (index < n.length) {
                    txn.doc.store.getItemCleanStart(txn, new ID(n.id.client(), n.id.clock() + index));
                }
                index -= n.length;
            }
        }
        // delete until done
        while (len > 0 && n != null) {
            if (!n.isDeleted()) {
                if (len < n.length) {
                    txn.doc.store.getItemCleanStart(txn, new ID(n.id.client(), n.id.clock() + len));
                }
                n.delete(txn);
                len -= n.length;
            }
            n = n.right;
        }
        if (searchMarker != null) {
            updateMarkerChanges(searchMarker, startIndex, -startLength + len);
        }
    }

    // ---- map content

    /** Yjs's typeMapDelete. */
    void typeMapDelete(Transaction txn, String key) {
        Item c = map.get(key);
        if (c != null) {
            c.delete(txn);
        }
    }

    /** Yjs's typeMapSet: a new item for {@code key}, right of the current value, which it deletes. */
    void typeMapSet(Transaction txn, String key, Object value) {
        Item left = map.get(key);
        Object insertable = insertable(value);
        Content content = contentOfItsOwn(insertable);
        if (content == null) {
            ArrayList<Object> single = new ArrayList<>(1);
            single.add(insertable);
            content = new ContentAny(single);
        }
        new Item(txn.nextId(), left, left == null ? null : left.lastId(), null, null, this, key, content)
                .integrate(txn, 0);
    }

    /** Yjs's typeMapGet: the value of {@code key}, or null if it has none. */
    Object typeMapGet(String key) {
        Item val = map.get(key);
        return val != null && !val.isDeleted() ? lastValue(val) : null;
    }

    /** Yjs's typeMapHas. */
    boolean typeMapHas(String key) {
        Item val = map.get(key);
        return val != null && !val.isDeleted();
    }

    /** Yjs's typeMapGetAll: the current value of every key. */
    Map<String, Object> typeMapGetAll() {
        Map<String, Object> res = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!value.isDeleted()) {
                res.put(key, lastValue(value));
            }
        });
        return res;
    }

    /** The value a map item stands for: its last one (an item holds one value per clock). */
    static Object lastValue(Item item) {
        List<Object> values = item.content.getContent();
        return values.isEmpty() ? Undefined.INSTANCE : values.get(values.size() - 1);
    }

    /**
     * The content of an item holding {@code insertable} alone: a byte array, a subdocument and a shared type each
     * get an item of their own; null for the other values, which share {@link ContentAny} items.
     */
    private static Content contentOfItsOwn(Object insertable) {
        return switch (insertable) {
            case byte[] bytes -> new ContentBinary(bytes);
            case Doc subdoc -> new ContentDoc(subdoc);
            case AbstractType<?> type -> new ContentType(type);
            case null, default -> null;
        };
    }

    /**
     * What a shared type can hold, checked and copied as it goes in: a document or a type not inserted anywhere
     * yet, or a value of the value model (see {@link #toAny}). Prelim content is checked with this when it is
     * added, so that inserting it later cannot fail halfway.
     *
     * @throws IllegalArgumentException for anything else
     */
    static Object insertable(Object value) {
        return switch (value) {
            case Doc subdoc -> {
                if (subdoc.item != null) {
                    throw new IllegalArgumentException("the document is already a subdocument: insert a new Doc with its guid");
                }
                yield subdoc;
            }
            case AbstractType<?> type -> {
                if (type.doc != null) {
                    throw new IllegalArgumentException("the type is already in a document: insert its clone()");
                }
                yield type;
            }
            case null, default -> toAny(value);
        };
    }

    /**
     * Checks that {@code value} belongs to the value model (see the package documentation) and copies it into
     * unmodifiable lists and maps (byte arrays are cloned), so that neither the caller changing the original
     * afterwards nor a reader changing what the document hands out can change the document behind its back.
     *
     * @throws IllegalArgumentException for anything else, or for nesting deeper than decoders accept
     */
    static Object toAny(Object value) {
        return toAny(value, 0);
    }

    private static Object toAny(Object value, int depth) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case BigInteger big -> big;
            case Number number -> number;
            case Undefined u -> u;
            case byte[] bytes -> bytes.clone();
            case List<?> list -> {
                checkDepth(depth);
                List<Object> copy = new ArrayList<>(list.size());
                for (Object element : list) {
                    copy.add(toAny(element, depth + 1));
                }
                yield Collections.unmodifiableList(copy);
            }
            case Map<?, ?> object -> {
                checkDepth(depth);
                Map<String, Object> copy = new LinkedHashMap<>();
                object.forEach((k, v) -> {
                    if (!(k instanceof String key)) {
                        throw new IllegalArgumentException("object keys must be strings, not " + k);
                    }
                    copy.put(key, toAny(v, depth + 1));
                });
                yield Collections.unmodifiableMap(copy);
            }
            default -> throw new IllegalArgumentException("Unexpected content type: " + value.getClass().getName());
        };
    }

    /** Peers decode no deeper than this, and encoding a deeper value would overflow the stack. */
    private static void checkDepth(int depth) {
        if (depth >= Lib0Decoder.MAX_ANY_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + Lib0Decoder.MAX_ANY_DEPTH);
        }
    }
}
