package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.crdt.Doc;
import dev.weft.crdt.YText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An editing trace in the automerge-perf format ({@code {startContent, endContent, txns: [{patches: [[pos,
 * deleteCount, insertText]]}]}}, positions and counts in Unicode code points), replayed into a YText named "text"
 * one transaction per trace transaction, as client-js/peers/trace.js does in Yjs.
 */
record EditingTrace(String startContent, String endContent, JsonNode transactions) {
    static EditingTrace read(Path path) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
                InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            JsonNode trace = YjsInterop.JSON.readTree(in);
            return new EditingTrace(trace.get("startContent").asText(), trace.get("endContent").asText(),
                    trace.get("txns"));
        }
    }

    /** Replays the trace into a new document with the given client id and returns it. */
    Doc replay(long clientId) {
        Doc doc = Doc.builder().clientId(clientId).build();
        YText text = doc.getText("text");
        Positions positions = new Positions(startContent);
        if (!startContent.isEmpty()) {
            text.insert(0, startContent);
        }
        for (JsonNode txn : transactions) {
            doc.transact(null, t -> {
                for (JsonNode patch : txn.get("patches")) {
                    int start = positions.utf16(patch.get(0).asInt());
                    int deleteCount = patch.get(1).asInt();
                    String insert = patch.get(2).asText();
                    if (deleteCount > 0) {
                        int units = positions.utf16(patch.get(0).asInt() + deleteCount) - start;
                        text.delete(start, units);
                        positions.splice(start, units, "");
                    }
                    if (!insert.isEmpty()) {
                        text.insert(start, insert);
                        positions.splice(start, 0, insert);
                    }
                }
            });
        }
        return doc;
    }

    /**
     * Maps code-point positions to the UTF-16 indices YText counts in. While the text holds no character outside
     * the Basic Multilingual Plane the two are equal; from the first such character on, it keeps its own copy of
     * the text to count in.
     */
    private static final class Positions {
        private final StringBuilder shadow;
        private boolean astral;

        Positions(String startContent) {
            this.shadow = new StringBuilder(startContent);
            this.astral = hasAstral(startContent);
        }

        int utf16(int codePoints) {
            return astral ? shadow.offsetByCodePoints(0, codePoints) : codePoints;
        }

        void splice(int start, int deleteUnits, String insert) {
            shadow.replace(start, start + deleteUnits, insert);
            astral |= hasAstral(insert);
        }

        private static boolean hasAstral(String s) {
            return s.codePoints().anyMatch(Character::isSupplementaryCodePoint);
        }
    }
}
