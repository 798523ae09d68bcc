package dev.weft.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host with a fixed document text and Story Bible that records what plugins propose, log and ask the AI for;
 * its "AI" answers with the prompt reversed.
 */
final class RecordingHost implements HostApi {
    record Comment(int from, int to, String body) {}

    record Edit(int index, int deleteCount, String text) {}

    private final String text;
    private final Map<String, String> storyBible;
    final List<Comment> comments = new CopyOnWriteArrayList<>();
    final List<Edit> edits = new CopyOnWriteArrayList<>();
    final List<String> canvasElements = new CopyOnWriteArrayList<>();
    final List<String> prompts = new CopyOnWriteArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();

    RecordingHost(String text, Map<String, String> storyBible) {
        this.text = text;
        this.storyBible = Map.copyOf(storyBible);
    }

    RecordingHost(String text) {
        this(text, Map.of());
    }

    RecordingHost() {
        this("");
    }

    @Override
    public String documentText() {
        return text;
    }

    @Override
    public String storyBible(String key) {
        return storyBible.getOrDefault(key, "");
    }

    @Override
    public void proposeEdit(int index, int deleteCount, String inserted) {
        edits.add(new Edit(index, deleteCount, inserted));
    }

    @Override
    public void proposeComment(int from, int to, String body) {
        comments.add(new Comment(from, to, body));
    }

    @Override
    public void proposeCanvasElement(ObjectNode element) {
        canvasElements.add(element.toString());
    }

    @Override
    public String generate(String prompt) {
        prompts.add(prompt);
        return new StringBuilder(prompt).reverse().toString();
    }

    @Override
    public void log(String message) {
        logs.add(message);
    }
}
