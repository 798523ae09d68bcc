package dev.weft.server.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A proposed canvas element, checked against the document model's rules (README, "The canvas document model").
 * Fields a proposal leaves out are null (the model's defaults apply when the element is added); {@code links} is
 * empty then.
 *
 * @param key the proposal's own name for the element, by which later elements of the same proposal may refer to
 *     it ({@code parent}, {@code from}, {@code to}); not the id it gets in the document. Null if none
 * @param type what it is
 * @param x its left edge in board units (placed types only)
 * @param y its top edge
 * @param width its width
 * @param height its height
 * @param z its stacking order, higher on top
 * @param text its text (a card's title and summary, a note, a group's title, a connector's label)
 * @param color {@code #rrggbb}, lower case
 * @param parent the group that holds it
 * @param from a connector's start: an element's id, or the key of an element proposed before it
 * @param to a connector's end, likewise
 * @param links what it points to outside the board (document names, URLs)
 */
public record CanvasElement(String key, ElementType type, Double x, Double y, Double width, Double height, Double z,
        String text, String color, String parent, String from, String to, List<String> links) {

    /** The most UTF-16 units of an element's text. */
    public static final int MAX_TEXT = 10_000;
    /** Coordinates lie within plus or minus this many board units. */
    public static final double MAX_COORDINATE = 1_000_000;
    /** Widths and heights lie between 1 and this many board units. */
    public static final double MAX_SIZE = 100_000;
    /** The most links of one element. */
    public static final int MAX_LINKS = 16;
    /** The longest link. */
    public static final int MAX_LINK_LENGTH = 2_048;
    /** Element ids and proposal keys: letters, digits, {@code _} and {@code -}, 1 to 64 of them. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> FIELDS = Set.of("id", "type", "x", "y", "width", "height", "z", "text", "color",
            "parent", "from", "to", "links");
    private static final Set<String> GEOMETRY = Set.of("x", "y", "width", "height");

    public CanvasElement {
        links = List.copyOf(links);
    }

    /**
     * Reads and checks an element proposed as JSON, e.g. {@code {"type": "card", "x": 40, "y": 80, "text":
     * "Act I"}}. Unknown fields are refused, so that a misspelt one is not silently lost.
     *
     * @throws InvalidCanvasElementException listing every problem
     */
    public static CanvasElement fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidCanvasElementException(List.of("an element must be a JSON object"));
        }
        Reader read = new Reader(json);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                read.problems.add("unknown field \"" + name + "\" (known: " + String.join(", ", FIELDS.stream()
                        .sorted().toList()) + ")");
            }
        }
        ElementType type = read.type();
        String key = read.id("id");
        Double x = read.number("x", -MAX_COORDINATE, MAX_COORDINATE);
        Double y = read.number("y", -MAX_COORDINATE, MAX_COORDINATE);
        Double width = read.number("width", 1, MAX_SIZE);
        Double height = read.number("height", 1, MAX_SIZE);
        Double z = read.number("z", -1e9, 1e9);
        String text = read.text();
        String color = read.color();
        String parent = read.id("parent");
        String from = read.id("from");
        String to = read.id("to");
        List<String> links = read.links();
        if (type == ElementType.CONNECTOR) {
            for (String field : GEOMETRY) {
                if (json.has(field)) {
                    read.problems.add("a connector has no \"" + field + "\": it follows the elements it joins");
                }
            }
            if (json.has("parent")) {
                read.problems.add("a connector has no \"parent\": it follows the elements it joins");
            }
            if (!json.has("from") || !json.has("to")) {
                read.problems.add("a connector needs \"from\" and \"to\": the ids of the elements it joins");
            } else if (from != null && from.equals(to)) {
                read.problems.add("a connector joins two different elements, not \"" + from + "\" to itself");
            }
        } else if (type != null && (json.has("from") || json.has("to"))) {
            read.problems.add("only a connector has \"from\" and \"to\"; a " + type.id() + " does not");
        }
        if (key != null && (key.equals(parent) || key.equals(from) || key.equals(to))) {
            read.problems.add("an element cannot refer to itself (\"" + key + "\")");
        }
        if (!read.problems.isEmpty()) {
            throw new InvalidCanvasElementException(read.problems);
        }
        return new CanvasElement(key, type, x, y, width, height, z, text, color, parent, from, to, links);
    }

    /** The ids this element refers to: its parent, a connector's ends. */
    List<String> references() {
        List<String> references = new ArrayList<>(2);
        for (String reference : new String[] {parent, from, to}) {
            if (reference != null) {
                references.add(reference);
            }
        }
        return references;
    }

    /** Reads a proposal's fields, noting every problem instead of stopping at the first. */
    private static final class Reader {
        final JsonNode json;
        final List<String> problems = new ArrayList<>();

        Reader(JsonNode json) {
            this.json = json;
        }

        ElementType type() {
            JsonNode node = json.get("type");
            List<String> known = Arrays.stream(ElementType.values()).map(ElementType::id).toList();
            if (node == null || !node.isTextual()) {
                problems.add("\"type\" is required: one of " + known);
                return null;
            }
            return ElementType.fromId(node.textValue()).orElseGet(() -> {
                problems.add("unknown type \"" + node.textValue() + "\" (known: " + known + ")");
                return null;
            });
        }

        String id(String field) {
            JsonNode node = json.get(field);
            if (node == null) {
                return null;
            }
            if (!node.isTextual() || !ID.matcher(node.textValue()).matches()) {
                problems.add("\"" + field + "\" must be an element id: 1 to 64 letters, digits, _ or -, not "
                        + shown(node));
                return null;
            }
            return node.textValue();
        }

        Double number(String field, double min, double max) {
            JsonNode node = json.get(field);
            if (node == null) {
                return null;
            }
            if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < min
                    || node.doubleValue() > max) {
                problems.add("\"" + field + "\" must be a finite number from " + plain(min) + " to " + plain(max)
                        + ", not " + shown(node));
                return null;
            }
            return node.doubleValue();
        }

        String text() {
            JsonNode node = json.get("text");
            if (node == null) {
                return null;
            }
            if (!node.isTextual()) {
                problems.add("\"text\" must be a string, not " + shown(node));
                return null;
            }
            if (node.textValue().length() > MAX_TEXT) {
                problems.add("\"text\" is " + node.textValue().length() + " characters long; the most is "
                        + MAX_TEXT);
                return null;
            }
            return node.textValue();
        }

        String color() {
            JsonNode node = json.get("color");
            if (node == null) {
                return null;
            }
            if (!node.isTextual() || !COLOR.matcher(node.textValue()).matches()) {
                problems.add("\"color\" must be #rrggbb, not " + shown(node));
                return null;
            }
            return node.textValue().toLowerCase(Locale.ROOT);
        }

        List<String> links() {
            JsonNode node = json.get("links");
            if (node == null) {
                return List.of();
            }
            if (!node.isArray() || node.size() > MAX_LINKS) {
                problems.add("\"links\" must be an array of at most " + MAX_LINKS + " strings");
                return List.of();
            }
            List<String> links = new ArrayList<>();
            for (JsonNode link : node) {
                if (!link.isTextual() || link.textValue().isBlank()
                        || link.textValue().length() > MAX_LINK_LENGTH) {
                    problems.add("each of \"links\" must be a string of 1 to " + MAX_LINK_LENGTH
                            + " characters, not " + shown(link));
                    return List.of();
                }
                links.add(link.textValue());
            }
            return links;
        }

        private static String shown(JsonNode node) {
            String text = node.toString();
            return text.length() <= 40 ? text : text.substring(0, 40) + "...";
        }

        private static String plain(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }
}
