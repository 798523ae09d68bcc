package dev.weft.crdt.interop;

import dev.weft.crdt.Doc;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Shrinks a feed on which a Java document and its Yjs witness differ to a smallest one whose end state still
 * differs (removing one update at a time while the difference persists), so that a failing seed comes with a
 * reproduction of a few updates rather than a whole session.
 *
 * <p>Both sides are tried with the roots declared before the first update and with them declared only at the end:
 * Yjs keeps an undeclared root as a plain AbstractType, which skips type-specific work such as text formatting
 * cleanup, so when a root is declared changes the outcome.
 */
final class MinimalFeed {
    private static final int MAX_ATTEMPTS = 2_000;

    /** @param declareFirst whether the roots were declared before the first update (else only at the end) */
    record Reproduction(List<FedUpdate> feed, boolean declareFirst) {
    }

    private MinimalFeed() {
    }

    /** @return the smallest reproduction, or null if no prefix of the feed differs with the roots declared first or last */
    static Reproduction shrink(YjsInterop yjs, long clientId, boolean gc, List<Kind> kinds, List<FedUpdate> feed) {
        for (boolean declareFirst : new boolean[] {true, false}) {
            List<FedUpdate> prefix = shortestDifferingPrefix(yjs, clientId, gc, kinds, feed, declareFirst);
            if (prefix != null) {
                return new Reproduction(shrink(yjs, clientId, gc, kinds, prefix, declareFirst), declareFirst);
            }
        }
        return null;
    }

    private static List<FedUpdate> shrink(YjsInterop yjs, long clientId, boolean gc, List<Kind> kinds,
            List<FedUpdate> feed, boolean declareFirst) {
        List<FedUpdate> smallest = feed;
        int attempts = 0;
        boolean shrunk = true;
        while (shrunk && attempts < MAX_ATTEMPTS) {
            shrunk = false;
            for (int i = smallest.size() - 1; i >= 0 && attempts < MAX_ATTEMPTS; i--) {
                List<FedUpdate> candidate = new ArrayList<>(smallest);
                candidate.remove(i);
                attempts++;
                if (differs(yjs, clientId, gc, kinds, candidate, declareFirst)) {
                    smallest = candidate;
                    shrunk = true;
                }
            }
        }
        return smallest;
    }

    /**
     * A difference may show at a checkpoint before the end only (pending updates resolved later), so shrinking
     * starts from the shortest prefix whose end state differs; null if none does.
     */
    private static List<FedUpdate> shortestDifferingPrefix(YjsInterop yjs, long clientId, boolean gc,
            List<Kind> kinds, List<FedUpdate> feed, boolean declareFirst) {
        for (int length = 1; length <= feed.size(); length++) {
            List<FedUpdate> prefix = new ArrayList<>(feed.subList(0, length));
            if (differs(yjs, clientId, gc, kinds, prefix, declareFirst)) {
                return prefix;
            }
        }
        return null;
    }

    /** Whether Java's end state differs from the witness's, or Java throws where Yjs does not. */
    private static boolean differs(YjsInterop yjs, long clientId, boolean gc, List<Kind> kinds, List<FedUpdate> feed,
            boolean declareFirst) {
        Doc doc = Doc.builder().clientId(clientId).gc(gc).build();
        DocState java;
        try {
            if (declareFirst) {
                DocContent.describe(doc, kinds);
            }
            feed.forEach(update -> update.applyTo(doc, null));
            java = DocState.of(doc, kinds);
        } catch (RuntimeException e) {
            return true;
        }
        List<Integer> checkpoints = declareFirst ? List.of(0, feed.size()) : List.of(feed.size());
        Witness witness = Witness.replay(yjs, clientId, gc, kinds, feed, checkpoints, List.of());
        return !java.differencesFrom(witness.checkpoints().getLast().state()).isEmpty();
    }

    /** The smallest feed that still differs, as a recipe: one line per update, in order, with format and base64. */
    static String reproduction(YjsInterop yjs, long clientId, boolean gc, List<Kind> kinds, List<FedUpdate> feed) {
        Reproduction smallest = shrink(yjs, clientId, gc, kinds, feed);
        if (smallest == null) {
            return "No prefix of the feed differs with the roots declared first or only at the end: the difference"
                    + " needs them declared where the test did.";
        }
        return "Smallest feed that still differs: a Doc with client id " + clientId + " and gc " + gc
                + (smallest.declareFirst() ? ", its roots declared first," : ", its roots read only at the end,")
                + " fed " + smallest.feed().size() + " updates in this order:\n"
                + smallest.feed().stream()
                        .map(u -> "    V" + u.format() + " " + Base64.getEncoder().encodeToString(u.bytes()))
                        .collect(Collectors.joining("\n"));
    }
}
