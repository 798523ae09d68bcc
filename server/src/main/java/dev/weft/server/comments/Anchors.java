package dev.weft.server.comments;

import dev.weft.crdt.AbsolutePosition;
import dev.weft.crdt.Doc;
import dev.weft.crdt.RelativePosition;
import dev.weft.crdt.YText;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a thread's anchor, two encoded Yjs relative positions in a root Y.Text, into indices in the document as it
 * is now.
 *
 * <p>A client anchors a passage as Yjs does it: {@code Y.createRelativePositionFromTypeIndex(ytext, start)} (tied to
 * the passage's first character) and {@code Y.createRelativePositionFromTypeIndex(ytext, end, -1)} (tied to its last
 * one), each encoded with {@code Y.encodeRelativePosition}. Because they name characters, not numbers, they follow
 * the passage through every edit around it; text typed inside it widens it. When the passage's characters are all
 * deleted, both positions collapse onto the same index: the range is empty and the thread is <em>detached</em>.
 * (An end tied to the character after the passage, Yjs's default association, behaves the same.)
 *
 * <p>Positions are resolved with {@code followUndoneDeletions = false}, so every peer agrees on the result. Runs
 * on the document's room thread.
 */
final class Anchors {
    /**
     * The root texts declared here, per loaded document: once declared, a root stays text, so the (whole-document)
     * check of {@link #text} runs once per root and room, not on every listing. Weak: a room's Doc goes with it.
     */
    private static final Map<Doc, Set<String>> DECLARED = Collections.synchronizedMap(new WeakHashMap<>());

    private Anchors() {
    }

    /**
     * The root Y.Text named {@code name}, if the document has one. The server never declares root types, so the
     * content of one it has not read yet has no kind; like Yjs's {@code doc.getText} on a server, this declares it
     * as text, which changes nothing in the document's state, and only when its content is text (or it is text
     * already), so that no other kind is ever taken for text.
     */
    static Optional<YText> text(Doc doc, String name) {
        Set<String> declared = DECLARED.computeIfAbsent(doc, d -> ConcurrentHashMap.newKeySet());
        if (declared.contains(name)) {
            return Optional.of(doc.getText(name));
        }
        if (!(doc.toJson().get(name) instanceof String)) {
            return Optional.empty();
        }
        declared.add(name);
        return Optional.of(doc.getText(name));
    }

    /**
     * The passage between {@code start} and {@code end} in {@code text} now.
     *
     * @return empty if the anchor is detached: its positions are unknown to the document, lie outside
     *     {@code text}, or enclose nothing any more
     * @throws IllegalArgumentException if a position is not a Yjs relative position
     */
    static Optional<ResolvedAnchor> resolve(Doc doc, YText text, byte[] start, byte[] end) {
        Optional<AbsolutePosition> from = decode(start, "start").toAbsolutePosition(doc, false);
        Optional<AbsolutePosition> to = decode(end, "end").toAbsolutePosition(doc, false);
        if (from.isEmpty() || to.isEmpty() || from.get().type() != text || to.get().type() != text) {
            return Optional.empty();
        }
        int index = from.get().index();
        int length = to.get().index() - index;
        if (length <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedAnchor(index, length, text.toString().substring(index, index + length)));
    }

    private static RelativePosition decode(byte[] encoded, String which) {
        try {
            return RelativePosition.decode(encoded);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the anchor's " + which + " is not an encoded Yjs relative position");
        }
    }
}
