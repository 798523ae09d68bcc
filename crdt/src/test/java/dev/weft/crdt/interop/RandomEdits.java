package dev.weft.crdt.interop;

import dev.weft.crdt.AbstractType;
import dev.weft.crdt.Doc;
import dev.weft.crdt.YArray;
import dev.weft.crdt.YMap;
import dev.weft.crdt.YText;
import dev.weft.crdt.YXmlElement;
import dev.weft.crdt.YXmlFragment;
import dev.weft.crdt.YXmlText;
import dev.weft.crdt.lib0.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Random edits through the Java API, the counterpart of client-js/peers/random-edits.js: one call picks a live
 * shared type reachable from the enabled roots and applies one random operation to it. Nested types are inserted
 * empty and filled by later edits.
 */
final class RandomEdits {
    private static final List<String> MAP_KEYS = List.of("a", "b", "c", "d", "ü");
    private static final List<String> XML_NODE_NAMES = List.of("p", "h1", "li", "span");
    private static final List<String> XML_ATTRIBUTE_KEYS = List.of("class", "id", "data-x");

    private RandomEdits() {
    }

    /** Applies one random edit to one random live type (in the caller's transaction, if one is open). */
    static void edit(SplittableRandom random, Doc doc, List<Kind> kinds) {
        switch (RandomValues.oneOf(random, liveTypes(doc, kinds))) {
            case YXmlText text -> editText(random, text, true);
            case YText text -> editText(random, text, false);
            case YArray array -> editArray(random, array, kinds);
            case YMap map -> editMap(random, map, kinds);
            case YXmlFragment node -> editXmlNode(random, node);
            case AbstractType<?> other -> throw new IllegalStateException("no edits for " + other.getClass());
        }
    }

    /** Every shared type reachable from the enabled roots through live content, roots first. */
    static List<AbstractType<?>> liveTypes(Doc doc, List<Kind> kinds) {
        List<AbstractType<?>> out = new ArrayList<>();
        kinds.forEach(kind -> visit(kind.root(doc), out));
        return out;
    }

    private static void visit(AbstractType<?> type, List<AbstractType<?>> out) {
        out.add(type);
        List<Object> children = switch (type) {
            case YArray array -> array.toArray();
            case YXmlFragment node -> node.toArray();
            case YMap map -> map.values();
            default -> List.of();
        };
        for (Object child : children) {
            if (child instanceof AbstractType<?> nested) {
                visit(nested, out);
            }
        }
    }

    /** Types that may nest inside arrays and maps: the enabled kinds that are not XML. */
    private static List<Supplier<AbstractType<?>>> nestable(List<Kind> kinds) {
        List<Supplier<AbstractType<?>>> out = new ArrayList<>();
        for (Kind kind : kinds) {
            switch (kind) {
                case ARRAY -> out.add(YArray::new);
                case MAP -> out.add(YMap::new);
                case TEXT -> out.add(YText::new);
                case XML -> { }
            }
        }
        return out;
    }

    /** Mostly plain values, sometimes binary (ContentBinary when it stands alone), sometimes a nested type. */
    private static Object entry(SplittableRandom random, List<Kind> kinds) {
        List<Supplier<AbstractType<?>>> nestable = nestable(kinds);
        int r = random.nextInt(10);
        if (r == 0) {
            return RandomValues.bytes(random, random.nextInt(6));
        }
        if (r <= 2 && !nestable.isEmpty()) {
            return RandomValues.oneOf(random, nestable).get();
        }
        return RandomValues.any(random, 0);
    }

    /** Yjs lists take any value but undefined and bigint as a direct element (maps take those too). */
    private static Object listEntry(SplittableRandom random, List<Kind> kinds) {
        while (true) {
            Object entry = entry(random, kinds);
            if (!(entry instanceof Undefined) && !(entry instanceof BigInteger)) {
                return entry;
            }
        }
    }

    private static List<Object> listEntries(SplittableRandom random, List<Kind> kinds) {
        List<Object> entries = new ArrayList<>();
        for (int n = random.nextInt(1, 4); n > 0; n--) {
            entries.add(listEntry(random, kinds));
        }
        return entries;
    }

    /** A range [index, index + length) inside a list of the given (positive) length. */
    private static int[] range(SplittableRandom random, int length, int maxLength) {
        int index = random.nextInt(length);
        return new int[] {index, random.nextInt(1, Math.min(maxLength, length - index) + 1)};
    }

    private static void editArray(SplittableRandom random, YArray array, List<Kind> kinds) {
        int r = random.nextInt(10);
        if (r < 4 && array.length() > 0) {
            int[] range = range(random, array.length(), 3);
            array.delete(range[0], range[1]);
        } else if (r < 5) {
            array.push(listEntries(random, kinds));
        } else {
            array.insert(random.nextInt(array.length() + 1), listEntries(random, kinds));
        }
    }

    private static void editMap(SplittableRandom random, YMap map, List<Kind> kinds) {
        String key = RandomValues.oneOf(random, MAP_KEYS);
        if (random.nextInt(10) < 3) {
            map.delete(key);
        } else {
            map.set(key, entry(random, kinds));
        }
    }

    /**
     * @param xml XML text takes object-valued formats and no embeds (its toString renders both badly in Yjs)
     */
    private static void editText(SplittableRandom random, YText text, boolean xml) {
        Supplier<Map<String, Object>> attributes = () -> xml
                ? RandomValues.xmlTextAttributes(random) : RandomValues.textAttributes(random);
        String units = textUnits(text);
        int r = random.nextInt(20);
        if (r < 4 && !units.isEmpty()) {
            int[] range = textRange(random, units, 5);
            text.delete(range[0], range[1]);
        } else if (r < 8 && !units.isEmpty()) {
            int[] range = textRange(random, units, 8);
            text.format(range[0], range[1], attributes.get());
        } else if (r < 10 && !xml) {
            int index = onCodePoint(units, random.nextInt(units.length() + 1));
            if (random.nextBoolean()) {
                text.insertEmbed(index, RandomValues.embed(random), attributes.get());
            } else {
                text.insertEmbed(index, RandomValues.embed(random));
            }
        } else if (r < 11 && !xml) {
            String key = RandomValues.oneOf(random, MAP_KEYS);
            if (random.nextBoolean()) {
                text.setAttribute(key, RandomValues.any(random, 0));
            } else {
                text.removeAttribute(key);
            }
        } else {
            int index = onCodePoint(units, random.nextInt(units.length() + 1));
            if (random.nextInt(3) == 0) {
                text.insert(index, RandomValues.string(random, 6), attributes.get());
            } else {
                text.insert(index, RandomValues.string(random, 6));
            }
        }
    }

    /** The text as Yjs counts it: UTF-16 code units, and one unit per embed. */
    private static String textUnits(YText text) {
        StringBuilder units = new StringBuilder();
        for (Map<String, Object> op : text.toDelta()) {
            units.append(op.get("insert") instanceof String s ? s : "\0");
        }
        return units.toString();
    }

    /**
     * Moves an index off the middle of a surrogate pair: Yjs peers diverge when edits split a pair, so the fuzz
     * keeps every position on a code point boundary (as the Node side does).
     */
    private static int onCodePoint(String units, int index) {
        return index > 0 && Character.isHighSurrogate(units.charAt(index - 1)) ? index - 1 : index;
    }

    private static int[] textRange(SplittableRandom random, String units, int maxLength) {
        int[] range = range(random, units.length(), maxLength);
        int start = onCodePoint(units, range[0]);
        int end = onCodePoint(units, range[0] + range[1]);
        int length = end > start ? end - start : Character.isHighSurrogate(units.charAt(start)) ? 2 : 1;
        return new int[] {start, length};
    }

    private static AbstractType<?> xmlNode(SplittableRandom random) {
        return random.nextBoolean() ? new YXmlElement(RandomValues.oneOf(random, XML_NODE_NAMES)) : new YXmlText();
    }

    private static void editXmlNode(SplittableRandom random, YXmlFragment node) {
        int r = random.nextInt(10);
        if (r < 3 && node.length() > 0) {
            int[] range = range(random, node.length(), 2);
            node.delete(range[0], range[1]);
        } else if (r < 6 && node instanceof YXmlElement element) {
            String key = RandomValues.oneOf(random, XML_ATTRIBUTE_KEYS);
            if (random.nextInt(4) == 0) {
                element.removeAttribute(key);
            } else {
                element.setAttribute(key, RandomValues.string(random, 3));
            }
        } else {
            List<Object> nodes = new ArrayList<>(List.of(xmlNode(random)));
            if (random.nextBoolean()) {
                nodes.add(xmlNode(random));
            }
            node.insert(random.nextInt(node.length() + 1), nodes);
        }
    }
}
