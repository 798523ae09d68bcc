package dev.weft.crdt.interop;

import dev.weft.crdt.Doc;
import dev.weft.crdt.Transaction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A random editing session among Java documents, the counterpart of client-js/peers/session.js: editors make
 * random transactions through the Java API and the updates travel in random orders, late, twice, or bundled into
 * state-vector syncs. One more document, the receiver, never edits (as a server's copy): it receives everything,
 * and what it was fed, in order, is what a Yjs witness replays. Only a document that made no edits of its own can
 * have a witness: Yjs runs its formatting cleanup after remote transactions only, so a witness fed an editor's own
 * edits as remote updates may clean up what the editor did not.
 *
 * <p>Like a real provider, every document passes on each update it emits except those it received: its edits,
 * and the formatting cleanups that follow remote text formatting.
 */
final class JavaSession {
    static final Object LOCAL = "local";
    static final Object REMOTE = "remote";

    /**
     * @param receiverLog every update the receiver was fed, in order
     * @param receiverStates the receiver's state after so many updates: at the start for half the seeds
     *     (reading the roots declares them, and an undeclared root skips type-specific work such as text
     *     formatting cleanup), when the editing ended (before the final syncs), and at the end
     * @param midpoint how many updates the receiver had when the editing ended
     */
    record Result(List<Doc> editors, Doc receiver, List<FedUpdate> receiverLog, Map<Integer, DocState> receiverStates,
            int midpoint, byte[] midpointStateVector) {
    }

    private record Message(UpdatePair update, int format) {
    }

    private final SplittableRandom random;
    private final List<Kind> kinds;
    private final List<Doc> docs = new ArrayList<>();
    private final List<List<Message>> inboxes = new ArrayList<>();
    private final List<UpdatePair> sent = new ArrayList<>();
    private final List<FedUpdate> receiverLog = new ArrayList<>();
    private final Doc receiver;

    private JavaSession(long seed, List<Kind> kinds) {
        this.random = new SplittableRandom(seed);
        this.kinds = kinds;
        int editors = random.nextInt(2, 4);
        for (long clientId : randomClientIds(editors + 1)) {
            Doc doc = Doc.builder().clientId(clientId).gc(random.nextBoolean()).build();
            int index = docs.size();
            docs.add(doc);
            inboxes.add(new ArrayList<>());
            passOnEmittedUpdates(doc, index);
        }
        this.receiver = docs.getLast();
    }

    static Result run(long seed, List<Kind> kinds) {
        return new JavaSession(seed, kinds).run();
    }

    private Result run() {
        int editors = docs.size() - 1;
        Map<Integer, DocState> receiverStates = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            receiverStates.put(0, DocState.of(receiver, kinds));
        }
        for (int step = random.nextInt(5, 41); step > 0; step--) {
            int r = random.nextInt(20);
            if (r < 12) {
                Doc editor = docs.get(random.nextInt(editors));
                editor.transact(LOCAL, txn -> {
                    for (int edits = random.nextInt(1, 4); edits > 0; edits--) {
                        RandomEdits.edit(random, editor, kinds);
                    }
                });
            } else if (r < 18) {
                deliver(random.nextInt(docs.size()));
            } else {
                int target = random.nextInt(docs.size());
                syncFrom((target + random.nextInt(1, docs.size())) % docs.size(), target);
            }
        }
        int midpoint = receiverLog.size();
        receiverStates.put(midpoint, DocState.of(receiver, kinds));
        byte[] midpointStateVector = receiver.encodeStateVector();
        // Everyone through the receiver and back.
        for (int editor = 0; editor < editors; editor++) {
            syncFrom(editor, editors);
        }
        for (int editor = 0; editor < editors; editor++) {
            syncFrom(editors, editor);
        }
        receiverStates.put(receiverLog.size(), DocState.of(receiver, kinds));
        return new Result(docs.subList(0, editors), receiver, receiverLog, receiverStates, midpoint,
                midpointStateVector);
    }

    /** Distinct client ids, small and full-range uint32 alike (both change varUint widths on the wire). */
    private Set<Long> randomClientIds(int n) {
        Set<Long> ids = new LinkedHashSet<>();
        while (ids.size() < n) {
            ids.add(random.nextBoolean() ? random.nextLong(1, 1001) : random.nextLong(1, 1L << 32));
        }
        return ids;
    }

    /** Queues each update the document emits, but did not receive, for every other document. */
    private void passOnEmittedUpdates(Doc doc, int index) {
        Map<Transaction, byte[]> v1ByTransaction = new IdentityHashMap<>();
        Map<Transaction, byte[]> v2ByTransaction = new IdentityHashMap<>();
        doc.onUpdate((update, origin, txn) -> {
            if (origin != REMOTE) {
                v1ByTransaction.put(txn, update);
                pairUp(index, txn, v1ByTransaction, v2ByTransaction);
            }
        });
        doc.onUpdateV2((update, origin, txn) -> {
            if (origin != REMOTE) {
                v2ByTransaction.put(txn, update);
                pairUp(index, txn, v1ByTransaction, v2ByTransaction);
            }
        });
    }

    private void pairUp(int from, Transaction txn, Map<Transaction, byte[]> v1s, Map<Transaction, byte[]> v2s) {
        if (v1s.containsKey(txn) && v2s.containsKey(txn)) {
            UpdatePair update = new UpdatePair(v1s.remove(txn), v2s.remove(txn));
            sent.add(update);
            for (int to = 0; to < docs.size(); to++) {
                if (to != from) {
                    inboxes.get(to).add(new Message(update, random.nextBoolean() ? 1 : 2));
                }
            }
        }
    }

    private void deliver(int to) {
        List<Message> inbox = inboxes.get(to);
        for (int k = random.nextInt(1, Math.max(1, inbox.size()) + 1); k > 0 && !inbox.isEmpty(); k--) {
            Message message = inbox.remove(random.nextInt(inbox.size()));
            feed(to, message.update().in(message.format()));
        }
        if (!sent.isEmpty() && random.nextInt(5) == 0) {
            feed(to, RandomValues.oneOf(random, sent).in(1));
        }
    }

    private void syncFrom(int from, int to) {
        byte[] stateVector = docs.get(to).encodeStateVector();
        Doc source = docs.get(from);
        feed(to, random.nextBoolean()
                ? new FedUpdate(1, source.encodeStateAsUpdate(stateVector))
                : new FedUpdate(2, source.encodeStateAsUpdateV2(stateVector)));
    }

    private void feed(int to, FedUpdate update) {
        Doc doc = docs.get(to);
        if (doc == receiver) {
            receiverLog.add(update);
        }
        update.applyTo(doc, REMOTE);
    }
}
