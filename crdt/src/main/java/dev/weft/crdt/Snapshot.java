package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;
import dev.weft.crdt.lib0.Undefined;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a document at one moment, as little as it takes to tell what was visible then: the state vector
 * (which items existed) and the delete set (which of them were deleted). Mirrors Yjs's Snapshot, with the same
 * encodings, so snapshots travel between Java and Yjs peers.
 *
 * <p>Reading content as of a snapshot needs the items themselves, so the document must not garbage-collect
 * ({@code Doc.builder().gc(false)}): a collected item has lost its content.
 */
public final class Snapshot {
    /** Key under which a transaction remembers the snapshots it has split structs for. */
    private static final Object SPLIT_SNAPSHOTS = new Object();

    final DeleteSet ds;
    final StateVector sv;

    Snapshot(DeleteSet ds, StateVector sv) {
        this.ds = ds;
        this.sv = sv;
    }

    /** The current state of {@code doc}. Yjs's snapshot(doc). */
    public static Snapshot snapshot(Doc doc) {
        return new Snapshot(DeleteSet.fromStructStore(doc.store), doc.store.getStateVector());
    }

    /** The state of a document before anything happened to it. Yjs's emptySnapshot. */
    public static Snapshot emptySnapshot() {
        return new Snapshot(new DeleteSet(), new StateVector());
    }

    /** The V1 encoding, as Yjs's encodeSnapshot. */
    public byte[] encode() {
        return encode(new DSEncoderV1());
    }

    /** The V2 encoding, as Yjs's encodeSnapshotV2. */
    public byte[] encodeV2() {
        return encode(new DSEncoderV2());
    }

    private byte[] encode(DSEncoder encoder) {
        ds.write(encoder);
        sv.write(encoder);
        return encoder.toBytes();
    }

    /**
     * Reads a snapshot written by {@link #encode()} or Yjs's encodeSnapshot.
     *
     * @throws UpdateException if the bytes are not a V1 snapshot
     */
    public static Snapshot decode(byte[] bytes) {
        return UpdateException.decoding("snapshot", () -> read(new DSDecoderV1(new Lib0Decoder(bytes))));
    }

    /**
     * Reads a snapshot written by {@link #encodeV2()} or Yjs's encodeSnapshotV2.
     *
     * @throws UpdateException if the bytes are not a V2 snapshot
     */
    public static Snapshot decodeV2(byte[] bytes) {
        return UpdateException.decoding("snapshot", () -> read(new DSDecoderV2(new Lib0Decoder(bytes))));
    }

    private static Snapshot read(DSDecoder decoder) {
        return new Snapshot(DeleteSet.read(decoder), StateVector.read(decoder));
    }

    /** Snapshots are equal when they have the same state vector and delete set. Yjs's equalSnapshots. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Snapshot that && sv.equals(that.sv) && ds.equals(that.ds);
    }

    @Override
    public int hashCode() {
        return sv.hashCode();
    }

    @Override
    public String toString() {
        return "Snapshot{sv=" + sv + ", ds=" + ds + "}";
    }

    /**
     * Whether everything in a V1 update, insertions and deletions, had happened by this snapshot. Yjs's
     * snapshotContainsUpdate.
     *
     * @throws UpdateException if the update cannot be decoded
     */
    public boolean containsUpdate(byte[] update) {
        return containsUpdate(UpdateFormat.V1, update);
    }

    /** {@link #containsUpdate} for a V2 update. */
    public boolean containsUpdateV2(byte[] update) {
        return containsUpdate(UpdateFormat.V2, update);
    }

    private boolean containsUpdate(UpdateFormat format, byte[] update) {
        return UpdateException.decoding("update", () -> {
            UpdateDecoder decoder = format.updateDecoder(update);
            LazyStructReader reader = new LazyStructReader(decoder, false);
            for (AbstractStruct curr = reader.curr; curr != null; curr = reader.next()) {
                if (sv.get(curr.id.client()) < curr.endClock()) {
                    return false;
                }
            }
            return DeleteSet.merge(List.of(ds, DeleteSet.read(decoder))).equals(ds);
        });
    }

    /**
     * Whether {@code item} was visible in {@code snapshot}: created before it and not deleted by then; with no
     * snapshot, whether it is visible now. Yjs's isVisible.
     */
    static boolean isVisible(Item item, Snapshot snapshot) {
        if (snapshot == null) {
            return !item.isDeleted();
        }
        return snapshot.sv.get(item.id.client()) > item.id.clock() && !snapshot.ds.isDeleted(item.id);
    }

    /**
     * Splits the items of {@code txn}'s document at this snapshot's boundaries, so that every item is either
     * wholly visible or wholly invisible in it. Done once per transaction and snapshot; the splits are merged
     * again when the transaction ends. Yjs's splitSnapshotAffectedStructs.
     */
    void splitAffectedStructs(Transaction txn) {
        @SuppressWarnings("unchecked")
        Set<Snapshot> done = (Set<Snapshot>) txn.meta().computeIfAbsent(SPLIT_SNAPSHOTS, key -> new HashSet<>());
        if (done.add(this)) {
            StructStore store = txn.doc.store;
            for (int i = 0; i < sv.size(); i++) {
                if (sv.clockAt(i) < store.getState(sv.clientAt(i))) {
                    store.getStructCleanStart(txn, new ID(sv.clientAt(i), sv.clockAt(i)));
                }
            }
            ds.iterateDeletedStructs(txn, struct -> { });
        }
    }

    /**
     * The content of a list type (YArray, YXmlFragment children, ...) as of this snapshot. Yjs's
     * typeListToArraySnapshot.
     */
    List<Object> typeListToArray(AbstractType<?> type) {
        List<Object> content = new ArrayList<>();
        for (Item n = type.start; n != null; n = n.right) {
            if (n.countable() && isVisible(n, this)) {
                content.addAll(n.content.getContent());
            }
        }
        return content;
    }

    /**
     * The value under {@code key} of a map type as of this snapshot, or {@link Undefined#INSTANCE} if it had
     * none. Yjs's typeMapGetSnapshot.
     */
    Object typeMapGet(AbstractType<?> type, String key) {
        Item v = latestEntryKnown(type.map.get(key));
        return v != null && isVisible(v, this) ? AbstractType.lastValue(v) : Undefined.INSTANCE;
    }

    /** The entries of a map type as of this snapshot. Yjs's typeMapGetAllSnapshot. */
    Map<String, Object> typeMapGetAll(AbstractType<?> type) {
        Map<String, Object> entries = new LinkedHashMap<>();
        type.map.forEach((key, entry) -> {
            Item v = latestEntryKnown(entry);
            if (v != null && isVisible(v, this)) {
                entries.put(key, AbstractType.lastValue(v));
            }
        });
        return entries;
    }

    /**
     * The entry of a map key that was current at this snapshot: a key's entries are chained from the latest
     * back through {@code left}, so walk back past those created after it.
     */
    private Item latestEntryKnown(Item latest) {
        Item v = latest;
        while (v != null && v.id.clock() >= sv.get(v.id.client())) {
            v = v.left;
        }
        return v;
    }

    /**
     * A new document with the content {@code originDoc} had at this snapshot. Yjs's createDocFromSnapshot.
     *
     * @throws IllegalArgumentException if {@code originDoc} garbage-collects, and so may have lost content
     */
    public static Doc createDocFromSnapshot(Doc originDoc, Snapshot snapshot) {
        return createDocFromSnapshot(originDoc, snapshot, new Doc());
    }

    /** Writes the content {@code originDoc} had at {@code snapshot} into {@code newDoc}, and returns it. */
    public static Doc createDocFromSnapshot(Doc originDoc, Snapshot snapshot, Doc newDoc) {
        if (originDoc.gc) {
            throw new IllegalArgumentException("Garbage-collection must be disabled in originDoc");
        }
        StateVector sv = snapshot.sv;
        UpdateEncoderV2 encoder = new UpdateEncoderV2();
        originDoc.transact(null, txn -> {
            Lib0Encoder rest = encoder.restEncoder();
            int clientsWithContent = 0;
            for (int i = 0; i < sv.size(); i++) {
                clientsWithContent += sv.clockAt(i) > 0 ? 1 : 0;
            }
            rest.writeVarUint(clientsWithContent);
            StructStore store = originDoc.store;
            for (int i = 0; i < sv.size(); i++) {
                long client = sv.clientAt(i);
                long clock = sv.clockAt(i);
                if (clock == 0) {
                    continue;
                }
                if (clock < store.getState(client)) {
                    // Split so that the last struct written ends exactly at the snapshot's clock.
                    store.getStructCleanStart(txn, new ID(client, clock));
                }
                ClientStructs structs = store.clients.get(client);
                if (structs == null || clock > structs.state()) {
                    throw new IllegalArgumentException("The snapshot is ahead of originDoc for client " + client);
                }
                int lastStructIndex = structs.findIndex(clock - 1);
                rest.writeVarUint(lastStructIndex + 1);
                encoder.writeClient(client);
                rest.writeVarUint(0);
                for (int j = 0; j <= lastStructIndex; j++) {
                    structs.get(j).write(encoder, 0);
                }
            }
            snapshot.ds.write(encoder);
        });
        newDoc.applyUpdateV2(encoder.toBytes(), "snapshot");
        return newDoc;
    }
}
