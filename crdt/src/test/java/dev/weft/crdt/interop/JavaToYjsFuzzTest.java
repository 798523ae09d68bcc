package dev.weft.crdt.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.crdt.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Java edits, Yjs follows: for each seed, Java documents make random concurrent edits through the Java API and
 * exchange updates ({@link JavaSession}); a receiving Java document gets them all in random orders, with
 * duplicates and syncs. Yjs in Node then replays exactly what the receiver was fed: the receiver must encode byte
 * for byte what that Yjs witness encodes (state vector, V1 and V2 state updates, when the editing ended and at the
 * end, and its final state against the midpoint's state vector), hold the same content, and every Java document
 * must end with the same content (unless updates stayed pending in Yjs as well, which is counted). A failure names
 * the seed and the first differing byte or value, and comes with the smallest feed that still differs.
 */
class JavaToYjsFuzzTest {
    private static YjsInterop yjs;
    private static int seedsRun;
    private static int updatesFed;
    private static int seedsWithPending;
    private static final List<Long> seedsLeftPending = new ArrayList<>();

    @BeforeAll
    static void startYjs() {
        yjs = YjsInterop.start();
    }

    @AfterAll
    static void stopYjs() {
        yjs.close();
        System.out.printf("JavaToYjsFuzzTest: %d seeds, %d updates fed to the receivers, %d seeds with pending updates "
                + "in the witness, %d where the receiver (and Yjs) ended with updates pending %s%n",
                seedsRun, updatesFed, seedsWithPending, seedsLeftPending.size(), seedsLeftPending);
    }

    @TestFactory
    Stream<DynamicTest> yjsFedJavaUpdatesMatchesJava() {
        return FuzzSeeds.tests(JavaToYjsFuzzTest::check, "many seeds made updates wait as pending", () ->
                assertThat(seedsWithPending).as("seeds whose receiver had updates pending, of %d", seedsRun)
                        .isGreaterThan(seedsRun / 3));
    }

    private static void check(long seed) {
        List<Kind> kinds = Kind.mixForSeed(seed);
        JavaSession.Result session;
        try {
            session = JavaSession.run(seed, kinds);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": the Java session threw " + e + "\n"
                    + FuzzSeeds.replayHint(seed), e);
        }
        Doc receiver = session.receiver();
        List<FedUpdate> log = session.receiverLog();
        Map<Integer, DocState> states = session.receiverStates();
        byte[] midpointSv = session.midpointStateVector();
        List<UpdatePair> javaDiffs = List.of(
                new UpdatePair(receiver.encodeStateAsUpdate(midpointSv), receiver.encodeStateAsUpdateV2(midpointSv)));

        Witness witness = Witness.replay(yjs, receiver.clientId(), receiver.gcEnabled(), kinds, log,
                List.copyOf(states.keySet()), List.of(midpointSv));
        seedsRun++;
        updatesFed += log.size();
        if (witness.pendingSteps() > 0) {
            seedsWithPending++;
        }
        FuzzAssertions.assertMatchesWitness(seed, "the receiving Java document (kinds " + kinds + ", gc "
                + receiver.gcEnabled() + ")", log.size(), states, javaDiffs, witness,
                () -> MinimalFeed.reproduction(yjs, receiver.clientId(), receiver.gcEnabled(), kinds, log));
        if (witness.checkpoints().getLast().pending()) {
            seedsLeftPending.add(seed);
            return;
        }
        JsonNode received = states.get(log.size()).content();
        for (int editor = 0; editor < session.editors().size(); editor++) {
            int index = editor;
            Differences.json(DocContent.describe(session.editors().get(editor), kinds), received).ifPresent(d -> {
                throw new AssertionError("seed " + seed + ": Java editor " + index
                        + " did not converge with the receiver (java = the editor, yjs = the receiver): " + d + "\n"
                        + FuzzSeeds.replayHint(seed));
            });
        }
    }
}
