package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.server.canvas.CanvasElement;
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

    /** A canvas element: as the plugin wrote it, and as checked. */
    record CanvasProposal(JsonNode json, CanvasElement element) {
    }

    private final List<Edit> edits = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<CanvasProposal> canvas = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();

    synchronized void edit(Edit edit) {
        edits.add(edit);
    }

    synchronized void comment(Comment comment) {
        comments.add(comment);
    }

    synchronized void canvasElement(CanvasProposal element) {
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

    synchronized int canvasCount() {
        return canvas.size();
    }

    synchronized List<CanvasProposal> canvas() {
        return List.copyOf(canvas);
    }

    synchronized List<String> logs() {
        return List.copyOf(logs);
    }
}
