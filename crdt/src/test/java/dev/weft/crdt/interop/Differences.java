package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds where Java's output first departs from Yjs's, for failure messages: the first differing byte of two
 * encodings, or the path to the first differing value of two JSON trees. Numbers compare by value (JS has one
 * number type: Java's 1 and 1.0 are both Yjs's 1) and object keys in any order (map key order is not content).
 */
public final class Differences {
    private static final HexFormat HEX = HexFormat.of();
    private static final int CONTEXT = 8;

    private Differences() {
    }

    public static Optional<String> bytes(byte[] java, byte[] yjs) {
        int common = Math.min(java.length, yjs.length);
        int at = 0;
        while (at < common && java[at] == yjs[at]) {
            at++;
        }
        if (at == common && java.length == yjs.length) {
            return Optional.empty();
        }
        return Optional.of("first difference at byte " + at + " (java " + java.length + " bytes, yjs " + yjs.length
                + "): java ..." + window(java, at) + "..., yjs ..." + window(yjs, at) + "...");
    }

    /** The bytes around {@code at}, the byte at {@code at} in brackets. */
    private static String window(byte[] bytes, int at) {
        int from = Math.max(0, at - CONTEXT);
        int to = Math.min(bytes.length, at + CONTEXT);
        String before = HEX.formatHex(bytes, from, Math.min(at, to));
        String here = at < bytes.length ? "[" + HEX.toHexDigits(bytes[at]) + "]" : "[end]";
        String after = at + 1 < to ? HEX.formatHex(bytes, at + 1, to) : "";
        return before + here + after;
    }

    public static Optional<String> json(JsonNode java, JsonNode yjs) {
        return json("$", java, yjs);
    }

    private static Optional<String> json(String path, JsonNode java, JsonNode yjs) {
        if (java.isNumber() && yjs.isNumber()) {
            return java.decimalValue().compareTo(yjs.decimalValue()) == 0
                    ? Optional.empty() : mismatch(path, java, yjs);
        }
        if (java.isObject() && yjs.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            java.fieldNames().forEachRemaining(keys::add);
            yjs.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String inner = path + "." + key;
                if (!java.has(key) || !yjs.has(key)) {
                    return Optional.of(inner + ": java " + describe(java.get(key)) + ", yjs " + describe(yjs.get(key)));
                }
                Optional<String> difference = json(inner, java.get(key), yjs.get(key));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (java.isArray() && yjs.isArray()) {
            Iterator<JsonNode> left = java.elements();
            Iterator<JsonNode> right = yjs.elements();
            for (int i = 0; left.hasNext() && right.hasNext(); i++) {
                Optional<String> difference = json(path + "[" + i + "]", left.next(), right.next());
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return java.size() == yjs.size() ? Optional.empty()
                    : Optional.of(path + ": java has " + java.size() + " elements, yjs " + yjs.size());
        }
        if (java.isTextual() && yjs.isTextual()) {
            return strings(path, java.asText(), yjs.asText());
        }
        return java.equals(yjs) ? Optional.empty() : mismatch(path, java, yjs);
    }

    private static Optional<String> strings(String path, String java, String yjs) {
        if (java.equals(yjs)) {
            return Optional.empty();
        }
        int at = 0;
        while (at < java.length() && at < yjs.length() && java.charAt(at) == yjs.charAt(at)) {
            at++;
        }
        return Optional.of(path + ": strings differ at UTF-16 index " + at + ": java " + excerpt(java, at)
                + ", yjs " + excerpt(yjs, at));
    }

    private static String excerpt(String s, int at) {
        int from = Math.max(0, at - 20);
        int to = Math.min(s.length(), at + 20);
        return (from > 0 ? "..." : "") + quote(s.substring(from, to)) + (to < s.length() ? "..." : "")
                + " (length " + s.length() + ")";
    }

    private static Optional<String> mismatch(String path, JsonNode java, JsonNode yjs) {
        return Optional.of(path + ": java " + describe(java) + ", yjs " + describe(yjs));
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String quote(String s) {
        return YjsInterop.JSON.getNodeFactory().textNode(s).toString();
    }
}
