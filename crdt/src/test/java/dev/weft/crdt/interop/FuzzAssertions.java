package dev.weft.crdt.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Compares a Java document's recorded states with its Yjs witness and fails with every difference, named. */
final class FuzzAssertions {
    private FuzzAssertions() {
    }

    /**
     * @param javaStates Java's state after each number of fed updates (the witness was asked for the same numbers)
     * @param javaDiffs Java's final state encoded against the same state vectors as the witness's diffs
     * @param reproduction computed on failure only: a small reproduction to add to the message
     */
    static void assertMatchesWitness(long seed, String subject, int fed, Map<Integer, DocState> javaStates,
            List<UpdatePair> javaDiffs, Witness witness, Supplier<String> reproduction) {
        List<String> problems = new ArrayList<>();
        for (Witness.Checkpoint checkpoint : witness.checkpoints()) {
            DocState java = javaStates.get(checkpoint.at());
            String when = "after " + checkpoint.at() + " of " + fed + " updates"
                    + (checkpoint.pending() ? " (Yjs had pending structs or deletes)" : "");
            java.differencesFrom(checkpoint.state()).forEach(d -> problems.add(when + ", " + d));
        }
        for (int i = 0; i < javaDiffs.size(); i++) {
            UpdatePair java = javaDiffs.get(i);
            UpdatePair yjs = witness.diffs().get(i);
            String against = "encoding the final state against state vector " + i;
            Differences.bytes(java.v1(), yjs.v1()).ifPresent(d -> problems.add(against + " (V1): " + d));
            Differences.bytes(java.v2(), yjs.v2()).ifPresent(d -> problems.add(against + " (V2): " + d));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("seed " + seed + ": " + subject + " differs from its Yjs witness:\n  "
                    + String.join("\n  ", problems) + "\n" + reproduction.get() + "\n" + FuzzSeeds.replayHint(seed));
        }
    }
}
