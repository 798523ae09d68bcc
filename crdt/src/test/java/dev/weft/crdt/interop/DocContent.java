package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.crdt.AbstractType;
import dev.weft.crdt.Doc;
import dev.weft.crdt.YText;
import dev.weft.crdt.lib0.Undefined;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What a document holds, in the JSON form client-js/peers/content.js gives a Yjs document: every root's
 * {@code toJson()} and, for text, its {@code toDelta()}. Values JSON cannot carry are one-key tagged objects:
 * {@code {"$undefined": true}}, {@code {"$bigint": "5"}}, {@code {"$bytes": base64}}, {@code {"$number": "NaN"}}
 * (also "Infinity", "-Infinity", "-0").
 */
public final class DocContent {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DocContent() {
    }

    public static ObjectNode describe(Doc doc, List<Kind> kinds) {
        ObjectNode out = NODES.objectNode();
        for (Kind kind : kinds) {
            AbstractType<?> root = kind.root(doc);
            ObjectNode described = out.putObject(kind.wireName());
            described.set("json", tagged(root.toJson()));
            if (root instanceof YText text) {
                described.set("delta", tagged(text.toDelta()));
            }
        }
        return out;
    }

    /** A value of the engine's JS value model as tagged JSON. */
    public static JsonNode tagged(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Undefined u -> NODES.objectNode().put("$undefined", true);
            case Boolean b -> NODES.booleanNode(b);
            case String s -> NODES.textNode(s);
            case BigInteger big -> NODES.objectNode().put("$bigint", big.toString());
            case Number number -> number(number);
            case byte[] bytes -> NODES.objectNode().put("$bytes", Base64.getEncoder().encodeToString(bytes));
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(element -> array.add(tagged(element)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((key, inner) -> object.set((String) key, tagged(inner)));
                yield object;
            }
            default -> throw new IllegalArgumentException(
                    "not a value of the JS value model: " + value.getClass().getName() + " " + value);
        };
    }

    private static JsonNode number(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d)) {
                return NODES.objectNode().put("$number", "NaN");
            }
            if (Double.isInfinite(d)) {
                return NODES.objectNode().put("$number", d > 0 ? "Infinity" : "-Infinity");
            }
            if (d == 0 && 1 / d < 0) {
                return NODES.objectNode().put("$number", "-0");
            }
            return NODES.numberNode(d);
        }
        return NODES.numberNode(number.longValue());
    }
}
