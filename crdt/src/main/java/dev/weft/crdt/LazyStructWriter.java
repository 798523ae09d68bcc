package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Yjs's LazyStructWriter: writes structs one at a time into an update encoder, although the update format puts
 * the number of clients, and each client's number of structs, before the structs themselves.
 *
 * <p>It keeps each client's run in a rest encoder of its own, swapping in a fresh one when the client changes,
 * and {@link #finish()} writes the counts followed by the runs. Column data (V2) stays in the encoder's other
 * streams, whose order is not affected. Structs must arrive grouped by client, ascending by clock.
 */
final class LazyStructWriter {
    private record ClientRun(int structCount, byte[] restBytes) {
    }

    private final UpdateEncoder encoder;
    private final List<ClientRun> runs = new ArrayList<>();
    private long currClient;
    private int written;

    LazyStructWriter(UpdateEncoder encoder) {
        this.encoder = encoder;
    }

    /** Writes {@code struct} without its first {@code offset} clocks. */
    void write(AbstractStruct struct, int offset) {
        if (written > 0 && currClient != struct.id.client()) {
            flush();
        }
        if (written == 0) {
            currClient = struct.id.client();
            encoder.writeClient(currClient);
            encoder.restEncoder().writeVarUint(struct.id.clock() + offset);
        }
        struct.write(encoder, offset);
        written++;
    }

    /**
     * Puts the runs together after their counts. The encoder's rest encoder is then a fresh one holding the
     * struct section, ready for the delete set.
     */
    void finish() {
        flush();
        Lib0Encoder rest = encoder.restEncoder();
        rest.writeVarUint(runs.size());
        for (ClientRun run : runs) {
            rest.writeVarUint(run.structCount());
            rest.writeUint8Array(run.restBytes());
        }
    }

    private void flush() {
        if (written > 0) {
            runs.add(new ClientRun(written, encoder.restEncoder().toByteArray()));
            encoder.setRestEncoder(new Lib0Encoder());
            written = 0;
        }
    }
}
