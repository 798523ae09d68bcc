package dev.weft.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** One page of {@link EditorPages} (editor, reader or canvas), used through its DOM: keys, clicks, what it shows. */
public final class EditorPage {
    /** Chromium on a loaded two-core machine can take a while for the first page. */
    public static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);

    private final NodePeer node;
    private final String name;

    EditorPage(NodePeer node, String name) {
        this.node = node;
        this.name = name;
    }

    /** Types {@code text} key by key at the end of the text. */
    public void type(String text) {
        node.call("type", fields().put("text", text));
    }

    /** Puts the caret at {@code index} of the text, then types {@code text} there. */
    public void typeAt(int index, String text) {
        node.call("type", fields().put("text", text).put("at", index));
    }

    /** Presses one key in the textarea, e.g. "Backspace" or "Enter" (Playwright's key names). */
    public void press(String key) {
        node.call("press", fields().put("key", key));
    }

    /** Renames the user, as typing a name into "Your name" and leaving the field does. */
    public void setName(String userName) {
        node.call("setName", fields().put("name", userName));
    }

    public PageView read() {
        try {
            return NodePeer.JSON.treeToValue(node.call("read", fields()), PageView.class);
        } catch (JsonProcessingException e) {
            throw new NodePeer.NodePeerException("editor-pages.js reported a view this driver cannot read: " + e.getMessage());
        }
    }

    /**
     * Polls {@link #read()} until {@code condition} holds, and returns the view that satisfied it.
     *
     * @throws AssertionError after {@link #AWAIT_TIMEOUT}, showing the last view
     */
    public PageView awaitView(String description, Predicate<PageView> condition) {
        return Eventually.await(name + ": " + description, AWAIT_TIMEOUT, this::read, condition);
    }

    /** Waits until the page says it is in sync with the server. */
    public PageView awaitSynced() {
        return awaitView("in sync", PageView::synced);
    }

    /** Fills the field {@code selector} (CSS) with {@code value}, as typing into it does. */
    public void fill(String selector, String value) {
        node.call("fill", fields().put("selector", selector).put("value", value));
    }

    /** Clicks the element {@code selector} (CSS). */
    public void click(String selector) {
        node.call("click", fields().put("selector", selector));
    }

    /** Selects characters {@code start} to {@code end} of the text, as dragging over them does. */
    public void select(int start, int end) {
        node.call("select", fields().put("start", start).put("end", end));
    }

    /**
     * The comment threads the page shows (editor or reader page), with its notice, status, text and errors:
     * {@code {"threads": [{"id", "anchor", "quote", "resolved", "active", "buttons", "comments": [{"author",
     * "body"}], "highlight": {"start", "end", "text"} or null}], "selection", "notice", "backdropMatches", ...}}
     * (client-js/peers/editor-pages.js, {@code comments}).
     */
    public JsonNode comments() {
        return node.call("comments", fields());
    }

    /** Types {@code body} into the reply box of thread {@code threadId} and sends it. */
    public void reply(long threadId, String body) {
        node.call("reply", fields().put("thread", threadId).put("body", body));
    }

    /** Clicks the button labelled {@code label} ("Resolve", "Reopen") of thread {@code threadId}. */
    public void clickThreadButton(long threadId, String label) {
        node.call("threadButton", fields().put("thread", threadId).put("label", label));
    }

    /** Clicks the quoted passage of thread {@code threadId} beside the text. */
    public void clickQuote(long threadId) {
        node.call("clickQuote", fields().put("thread", threadId));
    }

    /** Clicks, with the mouse, the text in the middle of thread {@code threadId}'s highlighted passage. */
    public void clickPassage(long threadId) {
        node.call("clickPassage", fields().put("thread", threadId));
    }

    /** Picks the option {@code value} of the select {@code selector} (CSS). */
    public void choose(String selector, String value) {
        node.call("choose", fields().put("selector", selector).put("value", value));
    }

    /**
     * What the canvas page (canvas.html) shows: {@code {"status", "notice", "people": [name], "elements": [{"id",
     * "type", "x", "y", "width", "height", "text", "selected", "selectedBy"}], "arrows": [{"id"}], "connecting",
     * "outline", "errors"}} (client-js/peers/editor-pages.js, {@code board}).
     */
    public JsonNode board() {
        return node.call("board", fields());
    }

    /**
     * Polls {@link #board()} until {@code condition} holds, and returns the board that satisfied it.
     *
     * @throws AssertionError after {@link #AWAIT_TIMEOUT}, showing the last board
     */
    public JsonNode awaitBoard(String description, Predicate<JsonNode> condition) {
        return Eventually.await(name + ": " + description, AWAIT_TIMEOUT, this::board, condition);
    }

    /** Drags the board's element {@code selector} (CSS) by {@code dx}, {@code dy} pixels, with the mouse. */
    public void drag(String selector, int dx, int dy) {
        node.call("drag", fields().put("selector", selector).put("dx", dx).put("dy", dy));
    }

    /** Saves a PNG of the page, for a person to look at. */
    public void screenshot(Path png) {
        node.call("screenshot", fields().put("path", png.toAbsolutePath().toString()));
    }

    /** Closes the page and its browser context, as closing the tab does. */
    public void close() {
        node.call("close", fields());
    }

    private ObjectNode fields() {
        return NodePeer.fields().put("page", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
