package dev.weft.server.plugins;

import dev.weft.plugin.Permission;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables a plugin may ask for, by the name templates write between {@code {{ }}} and manifests list: the
 * seed list. Each says where its value comes from and which permission reading it needs.
 *
 * <p>Story Bible variables are the entries of the document's {@code storyBible} map under the same name: a string
 * (or text) as it is; a list one item per line ({@code - item}, an item with a {@code name} as
 * {@code - name: description}); a map as {@code key: value} lines. A missing entry is the empty string.
 */
public enum Variable {
    HIGHLIGHTED_TEXT(Source.REQUEST, "the selected passage of the document's text: the user hands it to the plugin"
            + " by selecting it, so reading it needs no permission"),
    PRECEDING_TEXT(Source.DOCUMENT, "up to 2,000 characters of the text before the selection"),
    FOLLOWING_TEXT(Source.DOCUMENT, "up to 2,000 characters of the text after the selection"),
    DOCUMENT_TEXT(Source.DOCUMENT, "the document's whole text"),
    DOCUMENT_NAME(Source.REQUEST, "the document's name"),
    USER_TEXT_INPUT(Source.REQUEST, "what the user typed for this run (the request's userInput)"),
    PREVIOUS_DOCUMENT_TEXT(Source.DOCUMENT, "the text of the document the request names as previousDocument"
            + " (the previous chapter, say); the caller's token must cover it"),
    TITLE(Source.STORY_BIBLE, "the work's title"),
    GENRE(Source.STORY_BIBLE, "its genre"),
    STYLE(Source.STORY_BIBLE, "the prose style to write in"),
    TONE(Source.STORY_BIBLE, "its tone"),
    POV(Source.STORY_BIBLE, "the point of view (first person, close third, ...)"),
    TENSE(Source.STORY_BIBLE, "the tense"),
    AUDIENCE(Source.STORY_BIBLE, "who it is written for"),
    THEMES(Source.STORY_BIBLE, "its themes"),
    SYNOPSIS(Source.STORY_BIBLE, "the synopsis"),
    CHARACTERS(Source.STORY_BIBLE, "the characters"),
    SETTING(Source.STORY_BIBLE, "where and when it takes place"),
    WORLDBUILDING(Source.STORY_BIBLE, "the rules and history of its world"),
    OUTLINE(Source.STORY_BIBLE, "the outline"),
    SCENE_SUMMARY(Source.STORY_BIBLE, "a summary of the current scene"),
    BRAINDUMP(Source.STORY_BIBLE, "the author's loose notes"),
    FIRST_STAGE_OUTPUT(Source.PLUGIN, "the first stage's output, in a prompt plugin's second stage");

    /** Where a variable's value comes from, and so which permission reading it needs. */
    public enum Source {
        /** The document's text: needs {@code doc.read}. */
        DOCUMENT(Permission.DOC_READ),
        /** The document's {@code storyBible} map: needs {@code storybible.read}. */
        STORY_BIBLE(Permission.STORYBIBLE_READ),
        /** The run request itself: no permission. */
        REQUEST(null),
        /** The plugin's own earlier output: no permission. */
        PLUGIN(null);

        private final Permission permission;

        Source(Permission permission) {
            this.permission = permission;
        }

        /** The permission reading a variable from here needs, if any. */
        public Optional<Permission> permission() {
            return Optional.ofNullable(permission);
        }
    }

    private final Source source;
    private final String description;

    Variable(Source source, String description) {
        this.source = source;
        this.description = description;
    }

    /** The name templates and manifests use: {@code highlighted_text}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Source source() {
        return source;
    }

    public String description() {
        return description;
    }

    /**
     * The entries of {@code values} a plugin with {@code permissions} may read: a variable whose source needs a
     * permission the plugin lacks is left out (a wasm plugin that declares {@code document_text} without
     * {@code doc.read} gets nothing for it), as is a name outside the seed list.
     */
    public static Map<String, String> readableWith(Set<Permission> permissions, Map<String, String> values) {
        Map<String, String> readable = new HashMap<>();
        values.forEach((id, value) -> fromId(id)
                .filter(variable -> variable.source().permission().map(permissions::contains).orElse(true))
                .ifPresent(variable -> readable.put(id, value)));
        return readable;
    }

    public static Optional<Variable> fromId(String id) {
        return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst();
    }
}
