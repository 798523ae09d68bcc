package dev.weft.plugin;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a plugin's manifest may ask for. Each host import that reads or changes something beyond the run's own
 * input needs one; a call without it fails the run with {@link PluginException.Reason#PERMISSION_DENIED}.
 */
public enum Permission {
    /** Read the document's text ({@code weft.doc_text}). */
    DOC_READ("doc.read"),
    /** Propose edits to the document ({@code weft.propose_edit}). */
    DOC_WRITE("doc.write"),
    /** Propose comments on ranges of the document ({@code weft.emit_comment}). */
    COMMENTS_WRITE("comments.write"),
    /** Propose canvas elements ({@code weft.emit_canvas}). */
    CANVAS_WRITE("canvas.write"),
    /** Read entries of the document's Story Bible ({@code weft.story_bible}). */
    STORYBIBLE_READ("storybible.read"),
    /** Ask the configured AI provider for a completion ({@code weft.ai_generate}). */
    AI_GENERATE("ai.generate");

    private final String id;

    Permission(String id) {
        this.id = id;
    }

    /** The name manifests use, such as {@code doc.read}. */
    public String id() {
        return id;
    }

    /** The permission a manifest names {@code id}, if any. */
    public static Optional<Permission> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
