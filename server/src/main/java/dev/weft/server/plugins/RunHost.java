package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.plugin.HostApi;
import dev.weft.plugin.PluginException;
import dev.weft.server.canvas.CanvasElement;
import dev.weft.server.canvas.InvalidCanvasElementException;
import java.util.function.UnaryOperator;

/**
 * The host API one wasm run sees: the document as it was read when the run began, and proposals collected for
 * the server to apply (or, in a test run, to report). The runtime has checked each call's permission before it
 * gets here; what is checked here is that offsets fall inside the text the plugin was given, and that canvas
 * elements follow the canvas document model.
 */
final class RunHost implements HostApi {
    /** The most canvas elements one run may propose. */
    static final int MAX_CANVAS_ELEMENTS = 500;

    private final DocumentSnapshot snapshot;
    private final Proposals proposals;
    private final UnaryOperator<String> generator;

    /**
     * @param generator answers {@code ai.generate} calls (charging the user, or in a test run only pretending)
     */
    RunHost(DocumentSnapshot snapshot, Proposals proposals, UnaryOperator<String> generator) {
        this.snapshot = snapshot;
        this.proposals = proposals;
        this.generator = generator;
    }

    @Override
    public String documentText() {
        return snapshot.text();
    }

    @Override
    public String storyBible(String key) {
        return snapshot.storyBibleText(key);
    }

    @Override
    public void proposeEdit(int index, int deleteCount, String text) {
        String documentText = snapshot.text();
        if (index < 0 || deleteCount < 0 || index > documentText.length() - deleteCount) {
            throw refused("an edit at " + index + " deleting " + deleteCount + " is outside the text ("
                    + documentText.length() + " UTF-16 units)");
        }
        proposals.edit(new Proposals.Edit(index, deleteCount, text,
                documentText.substring(index, index + deleteCount)));
    }

    @Override
    public void proposeComment(int from, int to, String body) {
        String documentText = snapshot.text();
        if (from < 0 || from > to || to > documentText.length()) {
            throw refused("a comment on " + from + ".." + to + " is outside the text (" + documentText.length()
                    + " UTF-16 units)");
        }
        if (body.isBlank()) {
            throw refused("a comment needs a body");
        }
        proposals.comment(new Proposals.Comment(from, to, body, documentText.substring(from, to)));
    }

    /**
     * Checks the element against the canvas document model at once, so that the plugin's run fails with what is
     * wrong with it (a test run too) rather than the element being dropped later.
     */
    @Override
    public void proposeCanvasElement(ObjectNode json) {
        int index = proposals.canvasCount();
        if (index >= MAX_CANVAS_ELEMENTS) {
            throw refused("emit_canvas: a run may propose at most " + MAX_CANVAS_ELEMENTS + " canvas elements");
        }
        try {
            proposals.canvasElement(new Proposals.CanvasProposal(json, CanvasElement.fromJson(json)));
        } catch (InvalidCanvasElementException e) {
            throw refused("emit_canvas: canvas element " + (index + 1) + " is invalid: "
                    + String.join("; ", e.problems()));
        }
    }

    @Override
    public String generate(String prompt) {
        return generator.apply(prompt);
    }

    @Override
    public void log(String message) {
        proposals.log(message);
    }

    private static PluginException refused(String message) {
        return new PluginException(PluginException.Reason.BAD_OUTPUT, message);
    }
}
