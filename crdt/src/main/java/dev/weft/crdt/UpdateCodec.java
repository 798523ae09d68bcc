package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reading and writing updates: Yjs's encoding.js. An update is the structs of each client followed by a delete
 * set.
 *
 * <p>Applying an update decodes all of it first and only then touches the document, so that a truncated or corrupt
 * update fails with {@link UpdateException} and changes nothing. Decoding refuses what integration could not
 * handle (empty structs, references to a client's own future), so integration does not fail halfway.
 *
 * <p>Structs whose dependencies have not arrived wait in the store's pending update, and deletions of unknown
 * clocks in its pending delete set; each later update retries them.
 */
final class UpdateCodec {
    private UpdateCodec() {
    }

    /** The structs of one client read from an update, and how far integration got through them. */
    static final class StructRefs {
        AbstractStruct[] refs;
        int size;
        /** The index of the next struct to integrate. */
        int i;

        StructRefs(int capacity) {
            refs = new AbstractStruct[capacity];
        }

        void add(AbstractStruct struct) {
            if (size == refs.length) {
                refs = Arrays.copyOf(refs, size + (size >> 1) + 8);
            }
            refs[size++] = struct;
        }

        boolean done() {
            return i == size;
        }

        void clear() {
            refs = new AbstractStruct[0];
            size = 0;
            i = 0;
        }

        AbstractStruct next() {
            return refs[i++];
        }
    }

    /** An update decoded but not applied yet. */
    record DecodedUpdate(LongObjectMap<StructRefs> structs, DeleteSet deleteSet) {
    }

    /** A struct length from an update, which must fit the int lengths structs have. */
    static int toLength(long len) {
        if (len > Integer.MAX_VALUE) {
            throw new DecodingException("struct length out of range: " + len);
        }
        return (int) len;
    }

    /** Yjs's writeStructs: the structs of {@code client} from {@code clock} on. */
    private static void writeStructs(UpdateEncoder encoder, ClientStructs structs, long client, long clock) {
        // the first struct may start after the requested clock: then write from where the structs start
        clock = Math.max(clock, structs.get(0).id.clock());
        int startNewStructs = structs.findIndex(clock);
        encoder.restEncoder().writeVarUint(structs.size - startNewStructs);
        encoder.writeClient(client);
        encoder.restEncoder().writeVarUint(clock);
        AbstractStruct firstStruct = structs.get(startNewStructs);
        firstStruct.write(encoder, (int) (clock - firstStruct.id.clock()));
        for (int i = startNewStructs + 1; i < structs.size; i++) {
            structs.get(i).write(encoder, 0);
        }
    }

    /**
     * Yjs's writeClientsStructs: the structs {@code store} has beyond {@code sv}, clients in descending order (Yjs
     * does so because it helps the conflict resolution of the receiver).
     */
    static void writeClientsStructs(UpdateEncoder encoder, StructStore store, StateVector sv) {
        int count = 0;
        for (int c = 0; c < store.clientCount(); c++) {
            if (store.structsAt(c).state() > sv.get(store.clientAt(c))) {
                count++;
            }
        }
        encoder.restEncoder().writeVarUint(count);
        for (int c = store.clientCount() - 1; c >= 0; c--) {
            long client = store.clientAt(c);
            ClientStructs structs = store.structsAt(c);
            long clock = sv.get(client);
            if (structs.state() > clock) {
                writeStructs(encoder, structs, client, clock);
            }
        }
    }

    /** Yjs's readClientsStructRefs, reading parents as names or ids to be resolved at integration. */
    static LongObjectMap<StructRefs> readClientsStructRefs(UpdateDecoder decoder) {
        LongObjectMap<StructRefs> clientRefs = new LongObjectMap<>();
        Lib0Decoder rest = decoder.restDecoder();
        long numOfStateUpdates = rest.readVarUint();
        for (long u = 0; u < numOfStateUpdates; u++) {
            long numberOfStructs = rest.readVarUint();
            // the count may lie: let the array grow as structs really arrive
            StructRefs refs = new StructRefs((int) Math.min(numberOfStructs, 1024));
            long client = decoder.readClient();
            long clock = rest.readVarUint();
            clientRefs.put(client, refs);
            for (long i = 0; i < numberOfStructs; i++) {
                AbstractStruct struct = readStruct(decoder, new ID(client, clock));
                // an empty skip stands for nothing; integration needs every struct to span a clock
                if (struct.length > 0) {
                    refs.add(struct);
                }
                clock += struct.length;
            }
        }
        return clientRefs;
    }

    /**
     * Reads the struct starting at {@code id}, as its info byte says: a skip (info 10), a GC (content ref 0) or an
     * item. Both readers of updates use this, the document's and {@link LazyStructReader}.
     *
     * <p>Yjs's two readers differ on info bytes that no encoder writes: readClientsStructRefs takes any info whose
     * content ref is 10 for a skip, the lazy reader of updates.js only 10 itself (and fails on the rest as an unknown
     * content). Here both refuse them. A skip may be empty, as Yjs's mergeUpdates can write one; a GC may not.
     */
    static AbstractStruct readStruct(UpdateDecoder decoder, ID id) {
        int info = decoder.readInfo();
        if (info == Skip.STRUCT_REF) {
            return new Skip(id, toLength(decoder.restDecoder().readVarUint()));
        }
        if ((info & Item.CONTENT_REF_BITS) == GC.STRUCT_REF) {
            long len = decoder.readLen();
            if (len < 1) {
                throw new DecodingException("empty GC at " + id);
            }
            return new GC(id, toLength(len));
        }
        return Item.read(decoder, id, info);
    }

    /**
     * Decodes a whole update without touching any document.
     *
     * @throws UpdateException if the update cannot be decoded
     */
    static DecodedUpdate decode(byte[] update, UpdateFormat format) {
        return UpdateException.decoding("update", () -> {
            UpdateDecoder decoder = format.updateDecoder(update);
            LongObjectMap<StructRefs> structs = readClientsStructRefs(decoder);
            DeleteSet ds = DeleteSet.read(decoder);
            return new DecodedUpdate(structs, ds);
        });
    }

    /** Yjs's applyUpdate / applyUpdateV2. */
    static void applyUpdate(Doc doc, byte[] update, Object origin, UpdateFormat format) {
        DecodedUpdate decoded = decode(update, format);
        try (Transaction txn = doc.transact(origin, false)) {
            integrate(txn, decoded);
        }
    }

    /**
     * The integrating half of Yjs's readUpdateV2: integrates the structs, retries the pending structs if the update
     * brought what they wait for, and applies the delete set and the pending one.
     */
    private static void integrate(Transaction txn, DecodedUpdate update) {
        txn.local = false;
        StructStore store = txn.doc.store;
        boolean retry = false;
        StructStore.PendingStructs restStructs = new StructIntegration(txn, store, update.structs()).run();
        StructStore.PendingStructs pending = store.pendingStructs;
        if (pending != null) {
            // the pending structs can go further if a client they wait for advanced
            for (int i = 0; i < pending.missing().size(); i++) {
                if (pending.missing().clockAt(i) < store.getState(pending.missing().clientAt(i))) {
                    retry = true;
                    break;
                }
            }
            if (restStructs != null) {
                for (int i = 0; i < restStructs.missing().size(); i++) {
                    pending.missing().setMin(restStructs.missing().clientAt(i), restStructs.missing().clockAt(i));
                }
                store.pendingStructs = new StructStore.PendingStructs(pending.missing(),
                        Updates.mergeOwn(List.of(pending.update(), restStructs.update())));
            }
        } else {
            store.pendingStructs = restStructs;
        }
        byte[] dsRest = update.deleteSet().apply(txn, store);
        if (store.pendingDs != null) {
            // our own bytes: they decode
            UpdateDecoderV2 pendingDsUpdate = new UpdateDecoderV2(new Lib0Decoder(store.pendingDs), Long.MAX_VALUE);
            pendingDsUpdate.restDecoder().readVarUint(); // no structs in a pending delete set
            byte[] dsRest2 = DeleteSet.read(pendingDsUpdate).apply(txn, store);
            store.pendingDs = dsRest != null && dsRest2 != null
                    ? Updates.mergeOwn(List.of(dsRest, dsRest2))
                    : dsRest != null ? dsRest : dsRest2;
        } else {
            store.pendingDs = dsRest;
        }
        if (retry) {
            byte[] pendingUpdate = store.pendingStructs.update();
            store.pendingStructs = null;
            integrate(txn, decode(pendingUpdate, UpdateFormat.OWN_V2));
        }
    }

    /** Yjs's writeStateAsUpdate: the structs beyond {@code targetStateVector} and the whole delete set. */
    static void writeStateAsUpdate(UpdateEncoder encoder, Doc doc, StateVector targetStateVector) {
        writeClientsStructs(encoder, doc.store, targetStateVector);
        DeleteSet.fromStructStore(doc.store).write(encoder);
    }

    /**
     * Yjs's encodeStateAsUpdateV2: what a peer with {@code encodedTargetStateVector} (V1, null for an empty peer)
     * misses, including the pending structs and deletions this document could not integrate yet.
     *
     * @throws UpdateException if the state vector cannot be decoded
     */
    static byte[] encodeStateAsUpdate(Doc doc, byte[] encodedTargetStateVector, UpdateFormat format) {
        StateVector targetStateVector = encodedTargetStateVector == null
                ? new StateVector()
                : UpdateException.decoding("state vector", () -> StateVector.decode(encodedTargetStateVector));
        UpdateEncoder encoder = format.updateEncoder();
        writeStateAsUpdate(encoder, doc, targetStateVector);
        byte[] update = encoder.toBytes();
        StructStore store = doc.store;
        if (store.pendingDs == null && store.pendingStructs == null) {
            return update;
        }
        // the pending parts are V2 updates of our own, merged in as Yjs does
        List<byte[]> updates = new ArrayList<>(3);
        updates.add(update);
        if (store.pendingDs != null) {
            updates.add(store.pendingDs);
        }
        if (store.pendingStructs != null) {
            updates.add(Updates.diffOwn(store.pendingStructs.update(), targetStateVector.encode()));
        }
        if (format == UpdateFormat.V2) {
            return Updates.mergeOwn(updates);
        }
        for (int i = 1; i < updates.size(); i++) {
            updates.set(i, Updates.convertOwnToV1(updates.get(i)));
        }
        return Updates.mergeUpdates(updates);
    }
}
