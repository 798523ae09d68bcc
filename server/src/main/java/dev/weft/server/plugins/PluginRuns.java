package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.plugin.LoadedPlugin;
import dev.weft.plugin.PluginException;
import dev.weft.plugin.PluginResult;
import dev.weft.plugin.PluginRun;
import dev.weft.server.canvas.Canvas;
import dev.weft.server.canvas.CanvasDocument;
import dev.weft.server.canvas.CanvasElement;
import dev.weft.server.canvas.ElementType;
import dev.weft.server.comments.CommentThreads;
import dev.weft.server.http.ApiException;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.server.plugins.ai.AiException;
import dev.weft.server.plugins.ai.Credits;
import dev.weft.server.sharing.Member;
import dev.weft.server.sync.Rooms;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plugin on a document: reads the document and its Story Bible on the room's thread, fills the variables,
 * runs the plugin (a prompt plugin through the AI provider, a wasm plugin in the sandbox), then applies what it
 * proposed that its manifest allows: comments through the comments feature (threads by the member who ran it,
 * "via" the plugin), then edits and canvas elements through the room (committed, then broadcast, so that every
 * client sees them). A test run reads the sample data instead, calls no provider, charges nothing, changes
 * nothing, and reports every proposal.
 */
final class PluginRuns {
    private static final Logger log = LoggerFactory.getLogger(PluginRuns.class);

    private final Rooms rooms;
    private final CommentThreads comments;
    private final PromptRunner prompts;
    private final WasmPlugins wasm;
    private final DocumentEdits edits;
    private final Canvas canvas;
    private final ServerMetrics metrics;
    private final String defaultModel;

    PluginRuns(Rooms rooms, CommentThreads comments, PromptRunner prompts, WasmPlugins wasm, ServerMetrics metrics,
            String defaultModel) {
        this.rooms = rooms;
        this.comments = comments;
        this.prompts = prompts;
        this.wasm = wasm;
        this.edits = new DocumentEdits(rooms);
        this.canvas = new Canvas(rooms);
        this.metrics = metrics;
        this.defaultModel = defaultModel;
    }

    /**
     * One run's circumstances.
     *
     * @param document the document it runs on
     * @param member who runs it (pays for its AI calls, and authors its comments)
     * @param plugin the plugin
     * @param request the run's body
     * @param thread the event loop to pin the document's room to if this run loads it
     */
    record Context(String document, Member member, PluginRegistry.Loaded plugin, RunRequest request,
            ScheduledExecutorService thread) {

        String subject() {
            return member.subject();
        }
    }

    /** What a prompt plugin's stages would send and could cost, filled from the document (or the sample data). */
    List<PromptRunner.RenderedStage> estimate(Context run, PromptPlugin plugin) {
        DocumentSnapshot snapshot = snapshot(run);
        return prompts.render(plugin, variables(run, snapshot, selection(run, snapshot)));
    }

    RunReport run(Context run) {
        PluginRegistry.Loaded plugin = run.plugin();
        DocumentSnapshot snapshot = snapshot(run);
        RunRequest.Selection selection = selection(run, snapshot);
        Map<String, String> variables = variables(run, snapshot, selection);
        if (plugin.prompt().isPresent()) {
            return runPrompt(run, plugin.prompt().get(), variables, selection);
        }
        return runWasm(run, plugin.module().orElseThrow(), snapshot, variables);
    }

    private RunReport runPrompt(Context run, PromptPlugin plugin, Map<String, String> variables,
            RunRequest.Selection selection) {
        if (run.request().testMode()) {
            List<PromptRunner.RenderedStage> stages = prompts.render(plugin, variables);
            List<RunReport.StageView> views = stages.stream().map(stage -> new RunReport.StageView(stage.model(),
                    stage.system().orElse(null), stage.prompt(), stage.promptTokens(), stage.maxCompletionTokens(),
                    Credits.fromMicros(stage.cost()))).toList();
            Proposals proposals = new Proposals();
            proposeOutput(plugin, variables, PromptRunner.FIRST_STAGE_PLACEHOLDER, selection, proposals);
            return report(run, null, null, proposals, List.of(), views, null,
                    Credits.fromMicros(stages.stream().mapToLong(PromptRunner.RenderedStage::cost).sum()));
        }
        long started = System.nanoTime();
        PromptRunner.Outcome outcome;
        try {
            outcome = prompts.run(plugin, variables, run.subject(), run.document());
        } catch (AiException e) {
            recordPromptRun(plugin, Optional.of("ai_" + e.kind().name().toLowerCase(Locale.ROOT)), started);
            throw PluginErrors.of(e);
        } catch (ApiException e) {
            recordPromptRun(plugin, Optional.of(e.code()), started);
            throw e;
        }
        recordPromptRun(plugin, Optional.empty(), started);
        Proposals proposals = new Proposals();
        proposeOutput(plugin, variables, outcome.text(), selection, proposals);
        List<DocumentEdits.Status> statuses = edits.apply(run.document(), run.thread(), plugin.name(),
                proposals.edits());
        List<RunReport.CanvasView> placed = place(run, plugin.name(), proposals.canvas());
        return report(run, outcome.text(), null, proposals, statuses, null, ai(outcome.calls(), outcome.balance()),
                null).withCanvas(placed);
    }

    /**
     * Proposes a prompt plugin's output as its manifest says: an edit at the selection, or a note for the canvas
     * (holding as much of the output as a note's text may, {@value CanvasElement#MAX_TEXT} characters).
     */
    private static void proposeOutput(PromptPlugin plugin, Map<String, String> variables, String output,
            RunRequest.Selection selection, Proposals proposals) {
        switch (plugin.output()) {
            case TEXT -> {
            }
            case REPLACE_SELECTION -> proposals.edit(new Proposals.Edit(selection.from(),
                    selection.to() - selection.from(), output, variables.get(Variable.HIGHLIGHTED_TEXT.id())));
            case INSERT_AFTER_SELECTION -> proposals.edit(new Proposals.Edit(selection.to(), 0, output, ""));
            case CANVAS_NOTE -> {
                int end = Math.min(output.length(), CanvasElement.MAX_TEXT);
                if (end < output.length() && Character.isHighSurrogate(output.charAt(end - 1))) {
                    end--;
                }
                ObjectNode note = JsonNodeFactory.instance.objectNode().put("type", ElementType.NOTE.id())
                        .put("text", output.substring(0, end));
                proposals.canvasElement(new Proposals.CanvasProposal(note, CanvasElement.fromJson(note)));
            }
        }
    }

    private RunReport runWasm(Context run, LoadedPlugin plugin, DocumentSnapshot snapshot,
            Map<String, String> variables) {
        boolean test = run.request().testMode();
        Proposals proposals = new Proposals();
        String name = plugin.manifest().name();
        Charges charges = new Charges();
        UnaryOperator<String> generator = test
                ? prompt -> "(an AI completion of this " + prompt.length() + "-character prompt: a test run asks none)"
                : prompt -> charges.add(prompts.generate(defaultModel, prompt, run.subject(), run.document(), name));
        PluginResult result;
        try {
            result = wasm.run(plugin, new PluginRun(run.request().input(),
                    Variable.readableWith(plugin.manifest().permissions(), variables),
                    new RunHost(snapshot, proposals, generator)));
        } catch (PluginException e) {
            throw PluginErrors.of(e);
        }
        // Comments first: their anchors are made on the text the plugin read, and then follow the edits.
        List<RunReport.CommentView> posted = test ? null : post(run, name, proposals.comments());
        List<DocumentEdits.Status> statuses = test ? List.of()
                : edits.apply(run.document(), run.thread(), name, proposals.edits());
        List<RunReport.CanvasView> placed = test ? null : place(run, name, proposals.canvas());
        JsonNode text = result.output().get("text");
        RunReport report = report(run, text != null && text.isTextual() ? text.textValue() : null, result.output(),
                proposals, statuses, null, charges.view(), null);
        return test ? report : report.withComments(posted).withCanvas(placed);
    }

    /** Adds the proposed canvas elements to the document's canvas, reporting the id each got or why it did not. */
    private List<RunReport.CanvasView> place(Context run, String plugin, List<Proposals.CanvasProposal> proposed) {
        List<CanvasDocument.Placement> placements = canvas.add(run.document(), run.thread(), "plugin:" + plugin,
                Optional.of(plugin), proposed.stream().map(Proposals.CanvasProposal::element).toList());
        List<RunReport.CanvasView> views = new ArrayList<>();
        for (int i = 0; i < proposed.size(); i++) {
            CanvasDocument.Placement placement = placements.get(i);
            views.add(new RunReport.CanvasView(proposed.get(i).json(), placement.isAdded() ? "added" : "refused",
                    placement.id(), placement.error()));
        }
        return views;
    }

    /**
     * Opens a thread for each proposed comment, by the member who ran the plugin, named as via the plugin. A
     * comment the comments feature refuses (its passage gone since the run read the text, a body too long) is
     * reported with its error; the others are posted regardless.
     */
    private List<RunReport.CommentView> post(Context run, String plugin, List<Proposals.Comment> proposed) {
        Member member = run.member();
        Member author = new Member(member.subject(), member.displayName() + " (via " + plugin + ")", member.role(),
                member.readerSession());
        List<RunReport.CommentView> views = new ArrayList<>();
        for (Proposals.Comment comment : proposed) {
            try {
                Map<String, Object> thread = comments.openAt(run.document(), author, comment.from(), comment.to(),
                        comment.body(), run.thread());
                views.add(new RunReport.CommentView(comment.from(), comment.to(), comment.body(), comment.quote(),
                        "posted", ((Number) thread.get("id")).longValue(), null));
            } catch (ApiException e) {
                views.add(new RunReport.CommentView(comment.from(), comment.to(), comment.body(), comment.quote(),
                        "refused", null, e.getMessage()));
            }
        }
        return views;
    }

    private Map<String, String> variables(Context run, DocumentSnapshot snapshot, RunRequest.Selection selection) {
        RunRequest request = run.request();
        String previous;
        if (request.testMode()) {
            previous = SampleData.PREVIOUS_DOCUMENT_TEXT;
        } else {
            previous = request.previousDocumentGiven().map(name -> read(name, run.thread()).text()).orElse("");
        }
        RunRequest withSelection = new RunRequest(selection, request.userInput(),
                request.previousDocument(), request.input(), request.test());
        return RunVariables.of(request.testMode() ? SampleData.DOCUMENT : run.document(), snapshot, withSelection,
                previous);
    }

    /** The sample's selection in a test run; else the selection given, else the cursor at the end of the text. */
    private static RunRequest.Selection selection(Context run, DocumentSnapshot snapshot) {
        if (run.request().testMode()) {
            return SampleData.SELECTION;
        }
        return run.request().selectionGiven()
                .orElseGet(() -> new RunRequest.Selection(snapshot.text().length(), snapshot.text().length()));
    }

    private DocumentSnapshot snapshot(Context run) {
        return run.request().testMode() ? SampleData.SNAPSHOT : read(run.document(), run.thread());
    }

    /** Reads a document on its room's thread. @throws ApiException 404 if it was never written */
    DocumentSnapshot read(String document, ScheduledExecutorService thread) {
        Optional<DocumentSnapshot> snapshot;
        try {
            snapshot = rooms.read(document, thread, DocumentSnapshot::of).join();
        } catch (CompletionException failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            log.warn("reading the document {} for a plugin run failed", document, cause);
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "the document " + document + " could not be read: " + cause.getMessage());
        }
        return snapshot.orElseThrow(() -> ApiException.notFound("no document named " + document));
    }

    private void recordPromptRun(PromptPlugin plugin, Optional<String> failure, long startedNanos) {
        metrics.pluginRun(plugin.name(), failure, Duration.ofNanos(System.nanoTime() - startedNanos), 0);
    }

    /** The AI calls a wasm run made (from the runtime's worker thread), and the balance after the last. */
    private static final class Charges {
        private final List<PromptRunner.AiCall> calls = new ArrayList<>();
        private long balance;

        synchronized String add(PromptRunner.Charged charged) {
            calls.add(charged.call());
            balance = charged.balance();
            return charged.text();
        }

        synchronized RunReport.AiView view() {
            return calls.isEmpty() ? null : ai(calls, balance);
        }
    }

    private static RunReport.AiView ai(List<PromptRunner.AiCall> calls, long balance) {
        List<RunReport.CallView> views = calls.stream().map(call -> new RunReport.CallView(call.model(),
                call.promptTokens(), call.completionTokens(), Credits.fromMicros(call.cost()))).toList();
        long cost = calls.stream().mapToLong(PromptRunner.AiCall::cost).sum();
        return new RunReport.AiView(views, Credits.fromMicros(cost), Credits.fromMicros(balance));
    }

    private static RunReport report(Context run, String text, JsonNode output, Proposals proposals,
            List<DocumentEdits.Status> statuses, List<RunReport.StageView> stages, RunReport.AiView ai,
            BigDecimal estimate) {
        List<Proposals.Edit> proposed = proposals.edits();
        List<RunReport.EditView> editViews = new ArrayList<>();
        for (int i = 0; i < proposed.size(); i++) {
            Proposals.Edit edit = proposed.get(i);
            String status = i < statuses.size() ? statuses.get(i).id() : DocumentEdits.Status.PROPOSED.id();
            editViews.add(new RunReport.EditView(edit.index(), edit.deleteCount(), edit.text(), status));
        }
        String proposedStatus = DocumentEdits.Status.PROPOSED.id();
        List<RunReport.CommentView> commentViews = proposals.comments().stream().map(comment ->
                new RunReport.CommentView(comment.from(), comment.to(), comment.body(), comment.quote(),
                        proposedStatus, null, null)).toList();
        List<RunReport.CanvasView> canvas = proposals.canvas().stream()
                .map(element -> new RunReport.CanvasView(element.json(), proposedStatus, null, null)).toList();
        PluginRegistry.Loaded plugin = run.plugin();
        return new RunReport(plugin.listing().name(), plugin.listing().version(), plugin.listing().kind().id(),
                run.request().testMode(), text, output, editViews, commentViews, canvas, proposals.logs(), stages, ai,
                estimate);
    }
}
