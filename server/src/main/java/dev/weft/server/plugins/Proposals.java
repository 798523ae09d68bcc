package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run proposed: edits, comments, canvas elements, and its log lines. Filled during the run (a wasm
 * plugin's host calls come from the runtime's worker thread, hence the locking), read once it is over.
 */
final class Proposals {
    /**
     * Replacing {@code deleteCount} UTF-16 units at {@code index} of the text with {@code text}; {@code replaced}
     * is what the plugin saw there, so that an edit whose passage changed meanwhile is refused, not misplaced.
     */
    record Edit(int index, int deleteCount, String text, String replaced) {
    }

    /** A comment on {@code [from, to)} of the text; {@code quote} is that passage as the plugin saw it. */
    record Comment(int from, int to, String body, String quote) {
    }

    private final List<Edit> edits = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<JsonNode> canvas = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();

    synchronized void edit(Edit edit) {
        edits.add(edit);
    }

    synchronized void comment(Comment comment) {
        comments.add(comment);
    }

    synchronized void canvasElement(JsonNode element) {
        canvas.add(element);
    }

    synchronized void log(String line) {
        logs.add(line);
    }

    synchronized List<Edit> edits() {
        return List.copyOf(edits);
    }

    synchronized List<Comment> comments() {
        return List.copyOf(comments);
    }

    synchronized List<JsonNode> canvas() {
        return List.copyOf(canvas);
    }

    synchronized List<String> logs() {
        return List.copyOf(logs);
    }
}
