package dev.weft.crdt.interop;

import dev.weft.crdt.lib0.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random content for edits made through the Java API, the counterpart of client-js/peers/random-values.js: the
 * pools lean on the edges of Yjs's encodings (surrogate pairs, lib0's number rule, -0, NaN, bigint, binary,
 * undefined, object keys that JS enumerates first) and on the many Java types that stand for a JS number.
 */
final class RandomValues {
    private static final List<String> GRAPHEMES =
            List.of("a", "b", "c", "x", "y", "z", " ", "\n", "é", "ß", "中", "😀", "👍🏽", "𝄞");

    private static final List<Number> NUMBERS = List.of(0, 1, -1, 42, -77, 63, 64, -64, 127, 128, 8191, 8192,
            Integer.MAX_VALUE, -Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648L, (1L << 53) - 1, -(1L << 53), 0.5,
            -1.25, 0.1, Math.PI, 1e300, 1.5e-10, 16777217, 16777217.0, 3.0, -0.0, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1f, (short) 7, (byte) -3);

    private static final List<BigInteger> BIGINTS = List.of(BigInteger.ZERO, BigInteger.valueOf(5),
            BigInteger.valueOf(-5), BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE));

    private static final List<String> OBJECT_KEYS = List.of("a", "b", "key", "ü", "1", "emoji😀");

    private static final Map<String, List<Object>> TEXT_ATTRIBUTES = Map.of(
            "bold", Arrays.<Object>asList(true, null),
            "italic", Arrays.<Object>asList(true, null),
            "color", Arrays.<Object>asList("#f00", "#00f", null),
            "link", Arrays.<Object>asList(Map.of("href", "https://example.com/a"), Map.of("href", "https://example.com/ü"), null));

    /** XML text formats render as tags whose attributes are the value's keys (YXmlText.toString). */
    private static final Map<String, List<Object>> XML_TEXT_ATTRIBUTES = Map.of(
            "b", Arrays.<Object>asList(Map.of(), null),
            "i", Arrays.<Object>asList(Map.of(), null),
            "a", Arrays.<Object>asList(Map.of("href", "https://example.com/a"), orderedMap("href", "x", "title", "T"), null));

    private RandomValues() {
    }

    static <T> T oneOf(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A non-empty string of whole code points. */
    static String string(SplittableRandom random, int maxGraphemes) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(1, maxGraphemes + 1); n > 0; n--) {
            s.append(oneOf(random, GRAPHEMES));
        }
        return s.toString();
    }

    static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A value stored as ContentAny. */
    static Object any(SplittableRandom random, int depth) {
        boolean leaf = depth >= 2;
        return switch (random.nextInt(leaf ? 9 : 11)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(-100, 101);
            case 3 -> oneOf(random, NUMBERS);
            case 4 -> oneOf(random, BIGINTS);
            case 5 -> bytes(random, random.nextInt(5));
            case 6 -> Undefined.INSTANCE;
            case 7, 8 -> string(random, 6);
            case 9 -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(any(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    object.put(oneOf(random, OBJECT_KEYS), any(random, depth + 1));
                }
                yield object;
            }
        };
    }

    /** A text embed: JSON only (ContentEmbed is JSON text on the wire). */
    static Map<String, Object> embed(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> orderedMap("image", oneOf(random, List.of("a.png", "b.jpg")));
            case 1 -> orderedMap("formula", string(random, 6), "size", random.nextInt(1, 10));
            default -> orderedMap("video", orderedMap("src", "v.mp4", "loop", random.nextBoolean()), "ratio", 0.75);
        };
    }

    static Map<String, Object> textAttributes(SplittableRandom random) {
        return attributes(random, TEXT_ATTRIBUTES);
    }

    static Map<String, Object> xmlTextAttributes(SplittableRandom random) {
        return attributes(random, XML_TEXT_ATTRIBUTES);
    }

    /** One or two attributes, null meaning "remove". */
    private static Map<String, Object> attributes(SplittableRandom random, Map<String, List<Object>> pool) {
        List<String> keys = pool.keySet().stream().sorted().toList();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int n = random.nextInt(1, 3); n > 0; n--) {
            String key = oneOf(random, keys);
            attributes.put(key, oneOf(random, pool.get(key)));
        }
        return attributes;
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
