package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.crdt.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the differential tests compare of a document: its state vector, its state as V1 and V2 updates, its content. */
public record DocState(byte[] stateVector, byte[] update, byte[] updateV2, JsonNode content) {
    public static DocState of(Doc doc, List<Kind> kinds) {
        return new DocState(doc.encodeStateVector(), doc.encodeStateAsUpdate(), doc.encodeStateAsUpdateV2(),
                DocContent.describe(doc, kinds));
    }

    static DocState fromJson(JsonNode node) {
        return new DocState(UpdatePair.base64(node.get("stateVector")), UpdatePair.base64(node.get("update")),
                UpdatePair.base64(node.get("updateV2")), node.get("content"));
    }

    /** One line per part in which this (Java's) state differs from Yjs's, naming the first differing byte or value. */
    public List<String> differencesFrom(DocState yjs) {
        List<String> out = new ArrayList<>();
        add(out, "encodeStateVector", Differences.bytes(stateVector, yjs.stateVector));
        add(out, "encodeStateAsUpdate (V1)", Differences.bytes(update, yjs.update));
        add(out, "encodeStateAsUpdateV2", Differences.bytes(updateV2, yjs.updateV2));
        add(out, "content", Differences.json(content, yjs.content));
        return out;
    }

    private static void add(List<String> out, String what, Optional<String> difference) {
        difference.ifPresent(d -> out.add(what + ": " + d));
    }
}
