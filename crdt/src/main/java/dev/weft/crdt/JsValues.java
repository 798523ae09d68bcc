package dev.weft.crdt;

import dev.weft.crdt.lib0.JsPropertyOrder;
import dev.weft.crdt.lib0.Undefined;

import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * JavaScript's semantics for the value model (see the package contract) where the rich-text and XML types depend
 * on them: {@code ===}, the flat object comparison YText uses for attribute values, and {@code String(value)}.
 *
 * <p>Yjs compares attribute values with {@code ===}, so a number decoded as a Double must equal the same number
 * given as an Integer, while two objects are equal only if they are the same instance; getting this wrong makes
 * a Java peer keep or drop different format markers than a JS peer, and the documents diverge.
 */
final class JsValues {
    /** Marks a property an object does not have, which differs from one holding {@code undefined}. */
    private static final Object ABSENT = new Object();

    private JsValues() {
    }

    /** {@code a === b}. */
    static boolean strictEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Number x && b instanceof Number y) {
            boolean bigX = x instanceof BigInteger;
            boolean bigY = y instanceof BigInteger;
            if (bigX || bigY) {
                return bigX && bigY && x.equals(y);
            }
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return false;
    }

    /**
     * Yjs's {@code equalAttrs}: strictly equal, or two non-null objects with the same own keys holding strictly
     * equal values (lib0 {@code object.equalFlat}), so that re-applying {@code {link: {href: 'x'}}} is no change.
     */
    static boolean equalAttrs(Object a, Object b) {
        return strictEquals(a, b) || (isObject(a) && isObject(b) && equalFlat(a, b));
    }

    /** {@code typeof v === 'object' && v !== null}. */
    private static boolean isObject(Object v) {
        return v instanceof Map || v instanceof List || v instanceof byte[];
    }

    private static boolean equalFlat(Object a, Object b) {
        if (ownKeyCount(a) != ownKeyCount(b)) {
            return false;
        }
        if (a instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = entry.getValue();
                String key = (String) entry.getKey();
                if (!propertyEquals(b, key, value)) {
                    return false;
                }
            }
            return true;
        }
        int count = ownKeyCount(a);
        for (int i = 0; i < count; i++) {
            if (!propertyEquals(b, Integer.toString(i), element(a, i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code (value !== undefined || key in other) && other[key] === value}: a missing key never matches. */
    private static boolean propertyEquals(Object other, String key, Object value) {
        Object otherValue = property(other, key);
        return otherValue != ABSENT && strictEquals(otherValue, value);
    }

    private static int ownKeyCount(Object object) {
        if (object instanceof Map<?, ?> map) {
            return map.size();
        }
        if (object instanceof List<?> list) {
            return list.size();
        }
        return ((byte[]) object).length;
    }

    private static Object element(Object arrayLike, int index) {
        if (arrayLike instanceof List<?> list) {
            return list.get(index);
        }
        return ((byte[]) arrayLike)[index] & 0xFF;
    }

    /** {@code object[key]} for an object, array or Uint8Array, or {@link #ABSENT} when it has no such key. */
    private static Object property(Object object, String key) {
        if (object instanceof Map<?, ?> map) {
            return map.containsKey(key) ? map.get(key) : ABSENT;
        }
        long index = JsPropertyOrder.arrayIndex(key);
        return index >= 0 && index < ownKeyCount(object) ? element(object, (int) index) : ABSENT;
    }

    /** {@code map.get(key)} with JS {@code undefined} for a missing key, as reading a JS property or Map gives. */
    static Object get(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value != null || map.containsKey(key) ? value : Undefined.INSTANCE;
    }

    /** {@code map.get(key) ?? null}. */
    static Object getOrNull(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == Undefined.INSTANCE ? null : value;
    }

    /**
     * {@code String(value)}, as Yjs's XML serialisation and template strings render values: numbers as JS prints
     * them, arrays joined by commas, plain objects as {@code [object Object]}, and the shared types that define
     * {@code toString} in Yjs (text and XML) through it.
     */
    static String toJsString(Object value) {
        StringBuilder out = new StringBuilder();
        appendJsString(out, value);
        return out.toString();
    }

    private static void appendJsString(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> out.append(s);
            case Boolean b -> out.append(b);
            case BigInteger big -> out.append(big);
            case Number n -> out.append(Json.numberToString(n.doubleValue()));
            case List<?> list -> appendJoined(out, list.size(), list::get);
            case byte[] bytes -> appendJoined(out, bytes.length, i -> bytes[i] & 0xFF);
            case YText text -> out.append(text);
            case YXmlFragment fragment -> out.append(fragment);
            case Undefined u -> out.append("undefined");
            default -> out.append("[object Object]");
        }
    }

    /** {@code Array.prototype.join(',')}: null and undefined elements become empty strings. */
    private static void appendJoined(StringBuilder out, int size, IntFunction<Object> element) {
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object e = element.apply(i);
            if (e != null && e != Undefined.INSTANCE) {
                appendJsString(out, e);
            }
        }
    }

    /**
     * The own enumerable keys {@code for (key in value)} visits with their values: an object's properties in JS
     * order, the indices of a string (its UTF-16 units), an array or a Uint8Array; nothing for other values.
     */
    static List<Map.Entry<String, Object>> forInEntries(Object value) {
        return switch (value) {
            case Map<?, ?> map -> List.copyOf(JsPropertyOrder.entries(map));
            case String s -> indexed(s.length(), i -> String.valueOf(s.charAt(i)));
            case List<?> list -> indexed(list.size(), list::get);
            case byte[] bytes -> indexed(bytes.length, i -> bytes[i] & 0xFF);
            case null, default -> List.of();
        };
    }

    private static List<Map.Entry<String, Object>> indexed(int size, IntFunction<Object> element) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(Integer.toString(i), element.apply(i)));
        }
        return entries;
    }
}
