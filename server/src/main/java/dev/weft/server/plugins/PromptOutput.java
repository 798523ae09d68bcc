package dev.weft.server.plugins;

import java.util.Arrays;
import java.util.Optional;

/** What a prompt plugin does with its last stage's output. */
public enum PromptOutput {
    /** Returns it as the run's text; changes nothing. */
    TEXT("text"),
    /** Proposes an edit replacing the selection with it (needs {@code doc.write}). */
    REPLACE_SELECTION("replace-selection"),
    /** Proposes an edit inserting it after the selection (needs {@code doc.write}). */
    INSERT_AFTER_SELECTION("insert-after-selection");

    private final String id;

    PromptOutput(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<PromptOutput> fromId(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }

    /** Whether it proposes an edit. */
    public boolean edits() {
        return this != TEXT;
    }
}
