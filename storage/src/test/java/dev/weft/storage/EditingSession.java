package dev.weft.storage;

import dev.weft.crdt.Doc;
import dev.weft.crdt.YText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Real Yjs updates for the tests: two peers editing one text concurrently with the crdt engine (proven
 * byte-compatible with Yjs), inserting and deleting at random and exchanging their updates as a server would
 * relay them. Every update either peer produced is recorded in the order the server would store them.
 */
final class EditingSession {
    private final Doc alice = Doc.builder().clientId(1001).build();
    private final Doc bob = Doc.builder().clientId(2002).build();
    private final List<byte[]> updates = new ArrayList<>();
    private final Random random;

    EditingSession(long seed) {
        this.random = new Random(seed);
        alice.onUpdate((update, origin, txn) -> relay(update, origin, bob));
        bob.onUpdate((update, origin, txn) -> relay(update, origin, alice));
    }

    private void relay(byte[] update, Object origin, Doc to) {
        if (origin != this) {
            updates.add(update);
            to.applyUpdate(update, this);
        }
    }

    /** Makes {@code edits} random edits, each peer in turn, and returns every update they produced. */
    List<byte[]> edit(int edits) {
        int first = updates.size();
        for (int i = 0; i < edits; i++) {
            YText text = (i % 2 == 0 ? alice : bob).getText("text");
            if (text.length() > 0 && random.nextInt(3) == 0) {
                int index = random.nextInt(text.length());
                text.delete(index, 1 + random.nextInt(Math.min(5, text.length() - index)));
            } else {
                text.insert(random.nextInt(text.length() + 1), "w" + random.nextInt(1000) + " ");
            }
        }
        return List.copyOf(updates.subList(first, updates.size()));
    }

    /** The text both peers now hold. */
    String text() {
        return alice.getText("text").toString();
    }

    /** The state of a document that applied these updates in order, as a server's room would. */
    static byte[] stateOf(List<byte[]> updates) {
        Doc doc = Doc.builder().clientId(9009).build();
        for (byte[] update : updates) {
            doc.applyUpdate(update);
        }
        return doc.encodeStateAsUpdate();
    }

    static String textOf(List<byte[]> updates) {
        Doc doc = Doc.builder().clientId(9009).build();
        for (byte[] update : updates) {
            doc.applyUpdate(update);
        }
        return doc.getText("text").toString();
    }
}
