package dev.weft.crdt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.crdt.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The editing traces in shared/traces, replayed in Java and in Yjs (in the same run) with the same client id:
 * Java must reach the trace's end content, and its state vector and V1 and V2 state updates must equal Yjs's byte
 * for byte. The traces are kept beside the repository ({@code ../shared/traces} from its root), like DESIGN.md; the
 * test fails without them rather than pass having proven nothing.
 */
class TraceReplayTest {
    private static final long CLIENT_ID = 1;

    private static YjsInterop yjs;

    @BeforeAll
    static void startYjs() {
        yjs = YjsInterop.start();
    }

    @AfterAll
    static void stopYjs() {
        yjs.close();
    }

    @TestFactory
    Stream<DynamicTest> javaReplaysEachTraceLikeYjs() throws IOException {
        List<Path> traces;
        try (Stream<Path> files = Files.list(WeftRoot.traces())) {
            traces = files.filter(f -> f.getFileName().toString().matches(".*\\.json(\\.gz)?")).sorted().toList();
        }
        assertThat(traces).as("traces in %s", WeftRoot.traces()).isNotEmpty();
        return traces.stream().map(trace -> dynamicTest(trace.getFileName().toString(), () -> check(trace)));
    }

    private static void check(Path path) throws IOException {
        EditingTrace trace = EditingTrace.read(path);
        Doc doc = trace.replay(CLIENT_ID);
        assertThat(doc.getText("text").toString()).as("the text after replaying %s", path.getFileName())
                .isEqualTo(trace.endContent());

        JsonNode expected = yjs.call("trace",
                YjsInterop.params().put("path", path.toString()).put("clientId", CLIENT_ID));
        assertThat(expected.get("reachedEndContent").asBoolean()).as("Yjs reached the end content").isTrue();
        assertSameBytes(path, "encodeStateVector", doc.encodeStateVector(), expected.get("stateVector"));
        assertSameBytes(path, "encodeStateAsUpdate (V1)", doc.encodeStateAsUpdate(), expected.get("update"));
        assertSameBytes(path, "encodeStateAsUpdateV2", doc.encodeStateAsUpdateV2(), expected.get("updateV2"));
    }

    private static void assertSameBytes(Path trace, String what, byte[] java, JsonNode yjsBase64) {
        Differences.bytes(java, UpdatePair.base64(yjsBase64)).ifPresent(d -> {
            throw new AssertionError(trace.getFileName() + ": " + what + " differs from Yjs's: " + d);
        });
    }
}
