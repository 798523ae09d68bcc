package dev.weft.server.plugins;

import dev.weft.plugin.Permission;
import java.util.Arrays;
import java.util.Optional;

/** What a prompt plugin does with its last stage's output. */
public enum PromptOutput {
    /** Returns it as the run's text; changes nothing. */
    TEXT("text", null),
    /** Proposes an edit replacing the selection with it (needs {@code doc.write}). */
    REPLACE_SELECTION("replace-selection", Permission.DOC_WRITE),
    /** Proposes an edit inserting it after the selection (needs {@code doc.write}). */
    INSERT_AFTER_SELECTION("insert-after-selection", Permission.DOC_WRITE),
    /** Proposes a note holding it for the document's canvas (needs {@code canvas.write}). */
    CANVAS_NOTE("canvas-note", Permission.CANVAS_WRITE);

    private final String id;
    private final Permission permission;

    PromptOutput(String id, Permission permission) {
        this.id = id;
        this.permission = permission;
    }

    public String id() {
        return id;
    }

    public static Optional<PromptOutput> fromId(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }

    /** The permission the manifest needs for it, beyond {@code ai.generate}; empty for {@link #TEXT}. */
    public Optional<Permission> permission() {
        return Optional.ofNullable(permission);
    }

    /** Whether it proposes an edit. */
    public boolean edits() {
        return permission == Permission.DOC_WRITE;
    }
}
