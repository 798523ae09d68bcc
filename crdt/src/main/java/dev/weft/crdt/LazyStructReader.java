package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;

/**
 * Yjs's LazyStructReader: reads the structs of an encoded update one at a time, without a document, so that
 * updates can be merged, sliced and converted in one pass and in little memory.
 *
 * <p>Items come out unintegrated: their parent is still the unresolved parent id or root-type key of the wire
 * format, and they can be written again unchanged. {@link #curr} is the struct under the cursor, null at the end;
 * the delete set that follows the structs is left in the decoder for the caller to read.
 */
final class LazyStructReader {
    private final UpdateDecoder decoder;
    private final Lib0Decoder rest;
    private final boolean filterSkips;
    private long clientsLeft;
    private long structsLeftOfClient;
    private long client;
    private long clock;

    /** The struct under the cursor, or null once every struct has been read. */
    AbstractStruct curr;

    /** @param filterSkips whether to pass over Skips, which stand for gaps in what an update knows */
    LazyStructReader(UpdateDecoder decoder, boolean filterSkips) {
        this.decoder = decoder;
        this.rest = decoder.restDecoder();
        this.filterSkips = filterSkips;
        this.clientsLeft = rest.readVarUint();
        next();
    }

    /** Moves to the next struct and returns it, or null at the end of the structs. */
    AbstractStruct next() {
        do {
            curr = read();
        } while (filterSkips && curr instanceof Skip);
        return curr;
    }

    private AbstractStruct read() {
        while (structsLeftOfClient == 0) {
            if (clientsLeft == 0) {
                return null;
            }
            clientsLeft--;
            structsLeftOfClient = rest.readVarUint();
            client = decoder.readClient();
            clock = rest.readVarUint();
        }
        structsLeftOfClient--;
        AbstractStruct struct = UpdateCodec.readStruct(decoder, new ID(client, clock));
        clock += struct.length;
        return struct;
    }
}
