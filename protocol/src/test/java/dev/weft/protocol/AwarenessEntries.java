package dev.weft.protocol;

import dev.weft.crdt.lib0.Lib0Encoder;

/** Awareness updates written entry by entry, as the {@code entries} helper of the golden snippets writes them. */
final class AwarenessEntries {
    private AwarenessEntries() {
    }

    /** One entry: a client id, its clock, and its state as JSON text. */
    record Entry(long clientId, long clock, String json) {
    }

    /** The awareness update of these entries, in order. */
    static byte[] entries(Entry... entries) {
        Lib0Encoder encoder = new Lib0Encoder();
        encoder.writeVarUint(entries.length);
        for (Entry entry : entries) {
            encoder.writeVarUint(entry.clientId());
            encoder.writeVarUint(entry.clock());
            encoder.writeVarString(entry.json());
        }
        return encoder.toByteArray();
    }
}
