package dev.weft.server.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to a plugin run, as JSON. A test run has {@code "test": true}, changed nothing, and reports each
 * proposal with status {@code proposed}: what the run would have done.
 *
 * @param plugin the plugin's name
 * @param version its version
 * @param kind {@code wasm} or {@code prompt}
 * @param test whether this was a test run
 * @param text the text to show the user (a prompt plugin's output; a wasm plugin's {@code output.text})
 * @param output a wasm plugin's whole output object
 * @param edits proposed edits: {@code applied}, {@code stale} (the passage changed meanwhile), or
 *     {@code proposed} (a test run)
 * @param comments proposed comments: {@code posted} (a thread opened by the caller, "via" the plugin),
 *     {@code refused}, or {@code proposed} (a test run)
 * @param canvas proposed canvas elements: {@code added} (with the {@code id} it got on the document's canvas),
 *     {@code refused}, or {@code proposed} (a test run)
 * @param logs what the plugin logged
 * @param prompts a test run of a prompt plugin: each stage's call as it would have been sent
 * @param ai the AI calls made and their cost, the user's balance after them
 * @param estimate a test run of a prompt plugin: the most the run could cost, in credits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(String plugin, String version, String kind, boolean test, String text, JsonNode output,
        List<EditView> edits, List<CommentView> comments, List<CanvasView> canvas, List<String> logs,
        List<StageView> prompts, AiView ai, BigDecimal estimate) {

    /** The same report with {@code newComments}: the comments as posted. */
    RunReport withComments(List<CommentView> newComments) {
        return new RunReport(plugin, version, kind, test, text, output, edits, newComments, canvas, logs, prompts, ai,
                estimate);
    }

    /** The same report with {@code newCanvas}: the canvas elements as added. */
    RunReport withCanvas(List<CanvasView> newCanvas) {
        return new RunReport(plugin, version, kind, test, text, output, edits, comments, newCanvas, logs, prompts, ai,
                estimate);
    }

    /** An edit: replace {@code deleteCount} UTF-16 units at {@code index} with {@code text}. */
    public record EditView(int index, int deleteCount, String text, String status) {
    }

    /**
     * A comment on {@code [from, to)}, whose passage read {@code quote}: {@code posted} as the thread
     * {@code threadId}, {@code refused} (with the comments feature's {@code error}), or {@code proposed}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CommentView(int from, int to, String body, String quote, String status, Long threadId,
            String error) {
    }

    /**
     * A canvas element as the plugin proposed it: {@code added} to the document's canvas under {@code id},
     * {@code refused} (with the {@code error}: a reference to no element, a full canvas), or {@code proposed}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CanvasView(JsonNode element, String status, String id, String error) {
    }

    /** One stage as it would be sent, with its worst-case cost in credits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageView(String model, String system, String prompt, long promptTokens, long maxCompletionTokens,
            BigDecimal cost) {
    }

    /** One AI call made. */
    public record CallView(String model, long promptTokens, long completionTokens, BigDecimal cost) {
    }

    /** What the run's AI calls cost, in credits, and the balance left. */
    public record AiView(List<CallView> calls, BigDecimal cost, BigDecimal balance) {
    }
}
