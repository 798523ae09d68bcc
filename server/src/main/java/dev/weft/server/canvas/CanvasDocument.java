package dev.weft.server.canvas;

import dev.weft.crdt.Doc;
import dev.weft.crdt.YMap;
import dev.weft.crdt.YText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The canvas as the document keeps it. The root {@code Y.Map} {@value #ROOT} maps each element's id to a
 * {@code Y.Map} of that element's fields; a card's text is a {@code Y.Text}. Why this shape: every field of every
 * element is its own map entry, so concurrent changes to different elements, or to different fields of one
 * element (one writer moves a card while another recolours it), all survive; two writers typing in one card's text
 * merge character by character; and the elements live directly in a root type, which no two clients can create
 * twice (a nested {@code elements} map created by two clients at once would lose one's elements).
 *
 * <p>Fields: {@value #TYPE} ({@code card}, {@code note}, {@code group}, {@code connector}); {@value #X},
 * {@value #Y}, {@value #WIDTH}, {@value #HEIGHT} (numbers, board units; all but connectors); {@value #Z}
 * (stacking order, higher on top; ties drawn in id order); {@value #TEXT} ({@code Y.Text}); optional
 * {@value #COLOR} ({@code #rrggbb}), {@value #PARENT} (the id of the group holding it), {@value #FROM} and
 * {@value #TO} (a connector's ends: element ids), {@value #LINKS} (an array of strings: document names, URLs), and
 * {@value #PLUGIN} (the plugin that proposed it).
 *
 * <p>Everything here runs on the document's room thread, in the transaction the room opened.
 */
public final class CanvasDocument {
    /** The root map's name. */
    public static final String ROOT = "canvas";
    public static final String TYPE = "type";
    public static final String X = "x";
    public static final String Y = "y";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String Z = "z";
    public static final String TEXT = "text";
    public static final String COLOR = "color";
    public static final String PARENT = "parent";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String LINKS = "links";
    public static final String PLUGIN = "plugin";
    /** The most elements one canvas holds: a board that big is no plan any more, and it stays quick to load. */
    public static final int MAX_ELEMENTS = 10_000;

    private CanvasDocument() {
    }

    /**
     * What became of one proposed element: added under {@code id}, or refused with {@code error} (a reference to
     * an element that does not exist or is of the wrong kind, a full canvas).
     */
    public record Placement(String id, String error) {
        static Placement added(String id) {
            return new Placement(id, null);
        }

        static Placement refused(String error) {
            return new Placement(null, error);
        }

        public boolean isAdded() {
            return id != null;
        }
    }

    /**
     * Adds {@code elements} to the canvas of {@code doc}, in order, each under a new id. A reference
     * ({@code parent}, {@code from}, {@code to}) names an element of the canvas by its id, or one added before it
     * in {@code elements} by its key; an element whose reference resolves to nothing, or to the wrong kind (a
     * parent that is no group, a connector's end that is a connector), is refused, and so is every element that
     * refers to it. New elements without a {@code z} go on top, in order.
     *
     * @param plugin the plugin that proposed them, recorded in each, or empty
     * @param newIds makes each new element's id
     * @return each element's placement, in the order given
     * @throws IllegalStateException if the document's {@value #ROOT} root is another kind of type than a map
     */
    public static List<Placement> add(Doc doc, List<CanvasElement> elements, Optional<String> plugin,
            Supplier<String> newIds) {
        YMap canvas = doc.getMap(ROOT);
        Map<String, String> idsByKey = new HashMap<>();
        Map<String, ElementType> added = new HashMap<>();
        double top = topZ(canvas);
        int size = canvas.size();
        List<Placement> placements = new ArrayList<>(elements.size());
        for (CanvasElement element : elements) {
            String refusal = size >= MAX_ELEMENTS ? "the canvas is full (" + MAX_ELEMENTS + " elements)" : null;
            Map<String, String> resolved = new HashMap<>();
            for (String reference : element.references()) {
                if (refusal != null) {
                    break;
                }
                String id = idsByKey.getOrDefault(reference, reference);
                ElementType type = added.containsKey(id) ? added.get(id) : typeOf(canvas, id);
                refusal = problem(element, reference, type);
                resolved.put(reference, id);
            }
            if (element.key() != null && idsByKey.containsKey(element.key())) {
                refusal = "the key \"" + element.key() + "\" names an element proposed before";
            }
            if (refusal != null) {
                placements.add(Placement.refused(refusal));
                continue;
            }
            String id = newIds.get();
            if (element.z() == null) {
                top += 1;
            }
            canvas.set(id, new YMap(fields(element, resolved, element.z() != null ? element.z() : top, plugin)));
            size++;
            added.put(id, element.type());
            if (element.key() != null) {
                idsByKey.put(element.key(), id);
            }
            placements.add(Placement.added(id));
        }
        return placements;
    }

    /** Why {@code element} cannot refer to {@code reference}, whose element is of {@code type} (null: none). */
    private static String problem(CanvasElement element, String reference, ElementType type) {
        if (type == null) {
            return "no element \"" + reference + "\" on the canvas, nor proposed before this one";
        }
        if (reference.equals(element.parent()) && type != ElementType.GROUP) {
            return "its parent \"" + reference + "\" is a " + type.id() + ", not a group";
        }
        if (!reference.equals(element.parent()) && type == ElementType.CONNECTOR) {
            return "a connector joins elements, and \"" + reference + "\" is a connector";
        }
        return null;
    }

    private static Map<String, Object> fields(CanvasElement element, Map<String, String> resolved, double z,
            Optional<String> plugin) {
        ElementType type = element.type();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(TYPE, type.id());
        if (type.placed()) {
            fields.put(X, element.x() != null ? element.x() : 0.0);
            fields.put(Y, element.y() != null ? element.y() : 0.0);
            fields.put(WIDTH, element.width() != null ? element.width() : type.defaultWidth());
            fields.put(HEIGHT, element.height() != null ? element.height() : type.defaultHeight());
        }
        fields.put(Z, z);
        fields.put(TEXT, new YText(element.text() != null ? element.text() : ""));
        if (element.color() != null) {
            fields.put(COLOR, element.color());
        }
        if (element.parent() != null) {
            fields.put(PARENT, resolved.get(element.parent()));
        }
        if (element.from() != null) {
            fields.put(FROM, resolved.get(element.from()));
            fields.put(TO, resolved.get(element.to()));
        }
        if (!element.links().isEmpty()) {
            fields.put(LINKS, element.links());
        }
        plugin.ifPresent(name -> fields.put(PLUGIN, name));
        return fields;
    }

    /** The type of the element {@code id}, or null if the canvas has no such element (or something else there). */
    private static ElementType typeOf(YMap canvas, String id) {
        return canvas.get(id) instanceof YMap element && element.get(TYPE) instanceof String type
                ? ElementType.fromId(type).orElse(null) : null;
    }

    /** The highest {@value #Z} on the canvas, 0 when it is empty. */
    private static double topZ(YMap canvas) {
        double top = 0;
        for (Object value : canvas.values()) {
            if (value instanceof YMap element && element.get(Z) instanceof Number z) {
                top = Math.max(top, z.doubleValue());
            }
        }
        return top;
    }
}
