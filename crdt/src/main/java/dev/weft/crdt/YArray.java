package dev.weft.crdt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * A shared list. Holds values of the JS value model (see the package documentation), byte arrays, subdocuments and
 * other shared types.
 *
 * <p>A YArray created with {@code new YArray()} belongs to no document yet: edits are checked and kept aside, and
 * applied when it is inserted into one; reads see the content only after that.
 */
public final class YArray extends AbstractType<YArrayEvent> implements Iterable<Object> {
    /** Content inserted before the array belongs to a document; null afterwards. */
    private List<Object> prelimContent = new ArrayList<>();

    public YArray() {
        searchMarker = new ArrayList<>();
    }

    /** A new array holding {@code items}, to insert into a document. */
    public static YArray from(List<?> items) {
        YArray array = new YArray();
        array.push(items);
        return array;
    }

    @Override
    void integrate(Doc doc, Item item) {
        super.integrate(doc, item);
        List<Object> content = prelimContent;
        prelimContent = null;
        if (!content.isEmpty()) {
            insert(0, content);
        }
    }

    @Override
    YArray copy() {
        return new YArray();
    }

    @Override
    public YArray clone() {
        YArray array = new YArray();
        List<Object> values = new ArrayList<>(length);
        for (Object value : toArray()) {
            values.add(value instanceof AbstractType<?> type ? type.clone() : value);
        }
        array.insert(0, values);
        return array;
    }

    /** The values checked for insertion, all of them before any is kept. */
    static List<Object> insertables(List<?> content) {
        List<Object> checked = new ArrayList<>(content.size());
        for (Object value : content) {
            checked.add(insertable(value));
        }
        return checked;
    }

    /** The number of values. */
    public int length() {
        return length;
    }

    @Override
    void callObserver(Transaction txn, Set<String> parentSubs) {
        super.callObserver(txn, parentSubs);
        callTypeObservers(txn, new YArrayEvent(this, txn));
    }

    /** Inserts {@code content} at {@code index}; several values inserted at once are stored compactly. */
    public void insert(int index, List<?> content) {
        if (doc == null) {
            prelimContent.addAll(index, insertables(content));
            return;
        }
        try (Transaction txn = doc.transact(null, true)) {
            typeListInsertGenerics(txn, index, content);
        }
    }

    /** Inserts {@code content} at {@code index} in the open transaction {@code txn}. */
    public void insert(Transaction txn, int index, List<?> content) {
        typeListInsertGenerics(txn.requireOpen(doc), index, content);
    }

    /** Appends {@code content}. */
    public void push(List<?> content) {
        if (doc == null) {
            prelimContent.addAll(insertables(content));
            return;
        }
        try (Transaction txn = doc.transact(null, true)) {
            typeListPushGenerics(txn, content);
        }
    }

    /** Appends {@code content} in the open transaction {@code txn}. */
    public void push(Transaction txn, List<?> content) {
        typeListPushGenerics(txn.requireOpen(doc), content);
    }

    /** Inserts {@code content} at the start. */
    public void unshift(List<?> content) {
        insert(0, content);
    }

    /** Deletes the value at {@code index}. */
    public void delete(int index) {
        delete(index, 1);
    }

    /** Deletes {@code length} values from {@code index}. */
    public void delete(int index, int length) {
        if (doc == null) {
            prelimContent.subList(index, index + length).clear();
            return;
        }
        try (Transaction txn = doc.transact(null, true)) {
            typeListDelete(txn, index, length);
        }
    }

    /** Deletes {@code length} values from {@code index} in the open transaction {@code txn}. */
    public void delete(Transaction txn, int index, int length) {
        typeListDelete(txn.requireOpen(doc), index, length);
    }

    /** The value at {@code index}. */
    public Object get(int index) {
        return typeListGet(index);
    }

    /** The values, as a new list. */
    public List<Object> toArray() {
        return typeListToArray();
    }

    /** The values as of {@code snapshot} (the document must not collect garbage), as a new list. */
    public List<Object> toArray(Snapshot snapshot) {
        return snapshot.typeListToArray(this);
    }

    /** The values from {@code start} on; a negative index counts from the end. */
    public List<Object> slice(int start) {
        return typeListSlice(start, length);
    }

    /** The values from {@code start} (inclusive) to {@code end} (exclusive); negative indices count from the end. */
    public List<Object> slice(int start, int end) {
        return typeListSlice(start, end);
    }

    /** Calls {@code action} with each value and its index. */
    public void forEach(ObjIntConsumer<Object> action) {
        int index = 0;
        for (Item n = start; n != null; n = n.right) {
            if (n.countable() && !n.isDeleted()) {
                for (Object value : n.content.getContent()) {
                    action.accept(value, index++);
                }
            }
        }
    }

    @Override
    public Iterator<Object> iterator() {
        return typeListCreateIterator();
    }

    /** The values, nested types turned into their JSON too. */
    @Override
    public List<Object> toJson() {
        List<Object> json = new ArrayList<>(length);
        for (Object value : this) {
            json.add(value instanceof AbstractType<?> type ? type.toJson() : value);
        }
        return json;
    }

    @Override
    void write(UpdateEncoder encoder) {
        encoder.writeTypeRef(ContentType.YARRAY_REF);
    }

    @Override
    public String toString() {
        return "YArray" + (doc == null ? prelimContent : toJson());
    }
}
