package dev.weft.server.sync;

import dev.weft.crdt.Doc;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/** Updates and awareness updates made by Weft's own Yjs engine, for tests that speak the protocol by hand. */
final class Edits {
    private Edits() {
    }

    /** The update of inserting {@code text} at the start of the text {@code name} of {@code doc}. */
    static byte[] insert(Doc doc, String name, String text) {
        List<byte[]> updates = new ArrayList<>();
        var subscription = doc.onUpdate((update, origin, txn) -> updates.add(update));
        doc.getText(name).insert(0, text);
        subscription.close();
        return updates.getFirst();
    }

    /** The text {@code name} of a fresh document after applying {@code update}. */
    static String textOf(byte[] update, String name) {
        Doc doc = new Doc();
        doc.applyUpdate(update);
        return doc.getText(name).toString();
    }

    /** The entries of an awareness update: each client id with its state's JSON text ("null" when removed). */
    static Map<Long, String> awarenessEntries(byte[] awarenessUpdate) {
        Lib0Decoder decoder = new Lib0Decoder(awarenessUpdate);
        Map<Long, String> entries = new LinkedHashMap<>();
        for (long count = decoder.readVarUint(); count > 0; count--) {
            long clientId = decoder.readVarUint();
            decoder.readVarUint(); // clock
            entries.put(clientId, decoder.readVarString());
        }
        return entries;
    }

    /** An awareness update for one client, as y-protocols encodes it. */
    static byte[] awareness(long clientId, long clock, String jsonState) {
        Lib0Encoder encoder = new Lib0Encoder();
        encoder.writeVarUint(1);
        encoder.writeVarUint(clientId);
        encoder.writeVarUint(clock);
        encoder.writeVarString(jsonState);
        return encoder.toByteArray();
    }
}
