package dev.weft.crdt.lib0;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The order in which JavaScript enumerates an object's own string keys ({@code Object.keys}, {@code JSON.stringify}):
 * keys that are array indices first, in ascending numeric order, then all other keys in insertion order.
 *
 * <p>lib0's {@code writeAny} and {@code JSON.stringify} both write keys in that order, so a Java map holding
 * {@code {"b": 1, "1": 2}} must be written {@code "1"} first to produce the same bytes as the same object in Yjs.
 */
public final class JsPropertyOrder {
    /** Array indices are the canonical decimals of 0 .. 2^32 - 2. */
    private static final long MAX_ARRAY_INDEX = 0xFFFF_FFFEL;

    private JsPropertyOrder() {
    }

    /**
     * The entries of a map standing for a JS object, in JS enumeration order.
     *
     * @throws IllegalArgumentException if a key is not a String (a JS object's keys are strings)
     */
    @SuppressWarnings("unchecked")
    public static Collection<Map.Entry<String, Object>> entries(Map<?, ?> object) {
        boolean hasIndexKey = false;
        for (Object key : object.keySet()) {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("JS object keys must be strings, got " + describe(key));
            }
            hasIndexKey |= arrayIndex(name) >= 0;
        }
        Collection<Map.Entry<String, Object>> entries = (Collection<Map.Entry<String, Object>>) (Collection<?>) object.entrySet();
        if (!hasIndexKey) {
            return entries;
        }
        List<Map.Entry<String, Object>> indexed = new ArrayList<>();
        List<Map.Entry<String, Object>> named = new ArrayList<>();
        for (Map.Entry<String, Object> entry : entries) {
            (arrayIndex(entry.getKey()) >= 0 ? indexed : named).add(entry);
        }
        indexed.sort((a, b) -> Long.compare(arrayIndex(a.getKey()), arrayIndex(b.getKey())));
        indexed.addAll(named);
        return indexed;
    }

    /** The key's value as an array index, or -1 if it is not one ("01", "-1", "4294967295" are not). */
    public static long arrayIndex(String key) {
        int length = key.length();
        if (length == 0 || length > 10 || (key.charAt(0) == '0' && length > 1)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_ARRAY_INDEX ? value : -1;
    }

    private static String describe(Object key) {
        return key == null ? "null" : key.getClass().getName();
    }
}
