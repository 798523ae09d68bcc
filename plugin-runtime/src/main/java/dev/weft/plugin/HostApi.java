package dev.weft.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a plugin may see and do outside its own memory, provided by the embedder (the server) for one run. The
 * runtime calls these methods from the run's worker thread, only after checking the manifest's permission, with
 * strings already decoded and within {@link RuntimeLimits#maxOutputBytes()}; offsets are UTF-16 code units of
 * {@link #documentText()}, as in Yjs.
 *
 * <p>Proposals (edits, comments, canvas elements) are requests: the embedder decides whether and when to apply
 * them (the server applies them on the room's thread like any update, or, in test mode, only reports them). An
 * exception thrown here fails the run with {@link PluginException.Reason#HOST_ERROR} and its message, unless it is
 * a {@link PluginException}, which fails the run as it is.
 *
 * <p>Time spent here counts against the run's deadline. The watchdog stops the plugin's code, but a host call
 * blocked in I/O keeps its worker until it returns: give anything that may block (the AI provider) a timeout of
 * its own, shorter than {@link RuntimeLimits#runDeadline()}.
 */
public interface HostApi {
    /** The document's text. Needs {@link Permission#DOC_READ}. */
    default String documentText() {
        throw new UnsupportedOperationException("this host provides no document text");
    }

    /** The Story Bible entry {@code key} (such as {@code synopsis}), or "" when there is none. Needs {@link Permission#STORYBIBLE_READ}. */
    default String storyBible(String key) {
        throw new UnsupportedOperationException("this host provides no Story Bible");
    }

    /** Proposes deleting {@code deleteCount} characters at {@code index} and inserting {@code text} there. Needs {@link Permission#DOC_WRITE}. */
    default void proposeEdit(int index, int deleteCount, String text) {
        throw new UnsupportedOperationException("this host takes no edits");
    }

    /** Proposes a comment on the range {@code [from, to)}. Needs {@link Permission#COMMENTS_WRITE}. */
    default void proposeComment(int from, int to, String body) {
        throw new UnsupportedOperationException("this host takes no comments");
    }

    /** Proposes a canvas element, the JSON object the plugin wrote. Needs {@link Permission#CANVAS_WRITE}. */
    default void proposeCanvasElement(ObjectNode element) {
        throw new UnsupportedOperationException("this host takes no canvas elements");
    }

    /** A completion of {@code prompt} from the AI provider. Needs {@link Permission#AI_GENERATE}. */
    default String generate(String prompt) {
        throw new UnsupportedOperationException("this host has no AI provider");
    }

    /** A line the plugin logged; needs no permission (the runtime caps how many a run may write). */
    default void log(String message) {}
}
