package dev.weft.server.plugins;

import dev.weft.crdt.Doc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a plugin run reads of a document, taken at once on the room's thread: the text of its {@code text} root
 * (the one the editor page and most Yjs text bindings use) and its {@code storyBible} map, as plain values.
 *
 * @param text the text, "" when the document has none
 * @param storyBible the Story Bible's entries as JSON values (strings, lists, maps), empty when there is none
 */
public record DocumentSnapshot(String text, Map<String, Object> storyBible) {
    /** The root holding the document's text. */
    public static final String TEXT_ROOT = "text";
    /** The root map holding the Story Bible. */
    public static final String STORY_BIBLE_ROOT = "storyBible";

    public DocumentSnapshot {
        storyBible = Map.copyOf(storyBible);
    }

    /**
     * Reads {@code doc}: call it on the room's thread. Reads through {@link Doc#toJson()}, which declares no root,
     * so a client's later {@code getText} or {@code getMap} still gets the kind it asks for.
     */
    public static DocumentSnapshot of(Doc doc) {
        Map<String, Object> roots = doc.toJson();
        Object text = roots.get(TEXT_ROOT);
        Object storyBible = roots.get(STORY_BIBLE_ROOT);
        Map<String, Object> entries = new LinkedHashMap<>();
        if (storyBible instanceof Map<?, ?> map) {
            map.forEach((key, value) -> entries.put(String.valueOf(key), value == null ? "" : value));
        }
        return new DocumentSnapshot(text instanceof String string ? string : "", entries);
    }

    /**
     * The Story Bible entry {@code key} as text for a prompt: a string as it is; a list one item per line
     * ({@code - item}, or {@code - name: description} for an item with a name); a map as {@code key: value} lines;
     * "" when there is no such entry.
     */
    public String storyBibleText(String key) {
        return render(storyBible.get(key));
    }

    private static String render(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> "- " + item(item)).collect(Collectors.joining("\n"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + inline(e.getValue()))
                    .collect(Collectors.joining("\n"));
        }
        return String.valueOf(value);
    }

    private static String item(Object item) {
        if (item instanceof Map<?, ?> map && map.get("name") != null) {
            Map<Object, Object> rest = new LinkedHashMap<>(map);
            Object name = rest.remove("name");
            Object description = rest.remove("description");
            String head = description == null ? String.valueOf(name) : name + ": " + inline(description);
            return rest.isEmpty() ? head : head + " (" + inline(rest) + ")";
        }
        return inline(item);
    }

    /** A value on one line: maps as {@code key: value; ...}, lists comma-separated. */
    private static String inline(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + inline(e.getValue()))
                    .collect(Collectors.joining("; "));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DocumentSnapshot::inline).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
