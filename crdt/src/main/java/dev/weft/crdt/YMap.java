package dev.weft.crdt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A shared map from strings to values of the JS value model (see the package documentation), byte arrays,
 * subdocuments and other shared types. Concurrent sets of one key resolve to the same value everywhere.
 *
 * <p>A YMap created with {@code new YMap()} belongs to no document yet: entries set are checked and kept aside,
 * and applied when it is inserted into one; reads see them only after that.
 */
public class YMap extends AbstractType<YMapEvent> {
    /** Entries set before the map belongs to a document; null afterwards. */
    private Map<String, Object> prelimContent = new LinkedHashMap<>();

    public YMap() {
    }

    /** A new map holding {@code entries}, to insert into a document. */
    public YMap(Map<String, ?> entries) {
        entries.forEach((key, value) -> prelimContent.put(key, insertable(value)));
    }

    @Override
    void integrate(Doc doc, Item item) {
        super.integrate(doc, item);
        Map<String, Object> entries = prelimContent;
        prelimContent = null;
        if (!entries.isEmpty()) {
            try (Transaction txn = doc.transact(null, true)) {
                entries.forEach((key, value) -> typeMapSet(txn, key, value));
            }
        }
    }

    @Override
    YMap copy() {
        return new YMap();
    }

    @Override
    public YMap clone() {
        YMap clone = copy();
        forEach((key, value) -> clone.set(key, value instanceof AbstractType<?> type ? type.clone() : value));
        return clone;
    }

    @Override
    void callObserver(Transaction txn, Set<String> parentSubs) {
        callTypeObservers(txn, new YMapEvent(this, txn, parentSubs));
    }

    /** The entries, nested types turned into their JSON too. */
    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        forEach((key, value) -> json.put(key, value instanceof AbstractType<?> type ? type.toJson() : value));
        return json;
    }

    /** The number of keys with a value. */
    public int size() {
        int size = 0;
        for (Item item : map.values()) {
            if (!item.isDeleted()) {
                size++;
            }
        }
        return size;
    }

    /** The keys with a value, in the order they were first set. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        forEach((key, value) -> keys.add(key));
        return keys;
    }

    /** The values, in key order. */
    public List<Object> values() {
        List<Object> values = new ArrayList<>();
        forEach((key, value) -> values.add(value));
        return values;
    }

    /** The entries, as a new map. */
    public Map<String, Object> entries() {
        return typeMapGetAll();
    }

    /** The entries as of {@code snapshot} (the document must not collect garbage), as a new map. */
    public Map<String, Object> entries(Snapshot snapshot) {
        return snapshot.typeMapGetAll(this);
    }

    /** Calls {@code action} with each key and value. */
    public void forEach(BiConsumer<String, Object> action) {
        map.forEach((key, item) -> {
            if (!item.isDeleted()) {
                action.accept(key, lastValue(item));
            }
        });
    }

    /** Deletes the value of {@code key}. */
    public void delete(String key) {
        if (doc == null) {
            prelimContent.remove(key);
            return;
        }
        try (Transaction txn = doc.transact(null, true)) {
            typeMapDelete(txn, key);
        }
    }

    /** Deletes the value of {@code key} in the open transaction {@code txn}. */
    public void delete(Transaction txn, String key) {
        typeMapDelete(txn.requireOpen(doc), key);
    }

    /** Sets {@code key} to {@code value}, and returns the value. */
    public <V> V set(String key, V value) {
        if (doc == null) {
            prelimContent.put(key, insertable(value));
            return value;
        }
        try (Transaction txn = doc.transact(null, true)) {
            typeMapSet(txn, key, value);
        }
        return value;
    }

    /** Sets {@code key} to {@code value} in the open transaction {@code txn}, and returns the value. */
    public <V> V set(Transaction txn, String key, V value) {
        typeMapSet(txn.requireOpen(doc), key, value);
        return value;
    }

    /** The value of {@code key}, or null if it has none. */
    public Object get(String key) {
        return typeMapGet(key);
    }

    /** The value {@code key} had as of {@code snapshot}, or {@link dev.weft.crdt.lib0.Undefined#INSTANCE} if it had none. */
    public Object get(String key, Snapshot snapshot) {
        return snapshot.typeMapGet(this, key);
    }

    /** Whether {@code key} has a value. */
    public boolean has(String key) {
        return typeMapHas(key);
    }

    /** Deletes every key. */
    public void clear() {
        if (doc == null) {
            prelimContent.clear();
            return;
        }
        try (Transaction txn = doc.transact(null, true)) {
            for (String key : keys()) {
                typeMapDelete(txn, key);
            }
        }
    }

    @Override
    void write(UpdateEncoder encoder) {
        encoder.writeTypeRef(ContentType.YMAP_REF);
    }

    @Override
    public String toString() {
        return "YMap" + (doc == null ? prelimContent : toJson());
    }
}
