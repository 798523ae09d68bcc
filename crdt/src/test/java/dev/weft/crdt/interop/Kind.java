package dev.weft.crdt.interop;

import dev.weft.crdt.AbstractType;
import dev.weft.crdt.Doc;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The shared types a fuzzed document uses: one root per kind, named after the kind, as in
 * client-js/peers/schema.js. Nested types of the enabled kinds appear inside arrays and maps (XML nests in XML).
 */
public enum Kind {
    ARRAY("array", Doc::getArray),
    MAP("map", Doc::getMap),
    TEXT("text", Doc::getText),
    XML("xml", Doc::getXmlFragment);

    public static final List<Kind> ALL = List.of(values());

    private static final List<List<Kind>> MIXES = List.of(List.of(ARRAY, MAP), List.of(TEXT), List.of(XML), ALL);

    /**
     * The kinds a seed edits: seeds take turns at arrays and maps, text, XML, and all together, so that a
     * divergence in one feature shows on its own seeds while the last mix catches interplay.
     */
    public static List<Kind> mixForSeed(long seed) {
        return MIXES.get((int) Math.floorMod(seed, (long) MIXES.size()));
    }

    private final String wireName;
    private final BiFunction<Doc, String, AbstractType<?>> rootGetter;

    Kind(String wireName, BiFunction<Doc, String, AbstractType<?>> rootGetter) {
        this.wireName = wireName;
        this.rootGetter = rootGetter;
    }

    /** The kind's name on the Node side, which is also its root's name. */
    public String wireName() {
        return wireName;
    }

    public AbstractType<?> root(Doc doc) {
        return rootGetter.apply(doc, wireName);
    }
}
