package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Deleted clock ranges per client. A transaction collects the ranges it deletes here and sends them with its
 * structs; an update carries one after its structs. Yjs's DeleteSet.js, with each client's ranges kept in two
 * parallel arrays instead of one object per range.
 *
 * <p>Clients are visited in the order their first range was added, as Yjs's {@code Map} visits them: the formatting
 * cleanup after a transaction depends on that order, so another one makes peers diverge. The wire format is
 * independent of it (clients descending).
 *
 * <p>Ranges are sorted and merged only after {@link #sortAndMerge()}; a delete set read from an update is sorted
 * already ({@link #read} refuses one that is not).
 */
final class DeleteSet {
    /** The ranges of each client, for lookups. */
    private final LongObjectMap<Ranges> byClient = new LongObjectMap<>();
    /** The same ranges in the order their clients were first added. */
    private Ranges[] inOrder = NO_RANGES;
    private int clientCount;

    private static final Ranges[] NO_RANGES = new Ranges[0];

    /** The deleted ranges of one client. */
    static final class Ranges {
        final long client;
        private long[] clocks = new long[4];
        private long[] lens = new long[4];
        private int size;

        Ranges(long client) {
            this.client = client;
        }

        int size() {
            return size;
        }

        long clock(int i) {
            return clocks[i];
        }

        long len(int i) {
            return lens[i];
        }

        /** The clock after the last range, which is the end of all ranges once they are sorted. */
        long lastEnd() {
            return size == 0 ? 0 : clocks[size - 1] + lens[size - 1];
        }

        void add(long clock, long len) {
            if (size == clocks.length) {
                clocks = Arrays.copyOf(clocks, size * 2);
                lens = Arrays.copyOf(lens, size * 2);
            }
            clocks[size] = clock;
            lens[size] = len;
            size++;
        }

        /** Yjs's findIndexDS: the index of the range holding {@code clock}, or -1. */
        int findIndex(long clock) {
            int left = 0;
            int right = size - 1;
            while (left <= right) {
                int mid = (left + right) >>> 1;
                long midClock = clocks[mid];
                if (midClock <= clock) {
                    if (clock < midClock + lens[mid]) {
                        return mid;
                    }
                    left = mid + 1;
                } else {
                    right = mid - 1;
                }
            }
            return -1;
        }

        /** Sorts by clock and merges overlapping or adjacent ranges. */
        void sortAndMerge() {
            if (!isSorted()) {
                sort(0, size - 1);
            }
            int j = 1;
            for (int i = 1; i < size; i++) {
                long leftEnd = clocks[j - 1] + lens[j - 1];
                if (leftEnd >= clocks[i]) {
                    lens[j - 1] = Math.max(leftEnd, clocks[i] + lens[i]) - clocks[j - 1];
                } else {
                    clocks[j] = clocks[i];
                    lens[j] = lens[i];
                    j++;
                }
            }
            size = Math.min(size, j);
        }

        private boolean isSorted() {
            for (int i = 1; i < size; i++) {
                if (clocks[i - 1] > clocks[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Quicksort of both arrays by clock: a transaction deleting here and there appends ranges out of order. */
        private void sort(int lo, int hi) {
            while (lo < hi) {
                long pivot = clocks[(lo + hi) >>> 1];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (clocks[i] < pivot) {
                        i++;
                    }
                    while (clocks[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        swap(i++, j--);
                    }
                }
                // recurse into the smaller half so that the stack stays logarithmic
                if (j - lo < hi - i) {
                    sort(lo, j);
                    lo = i;
                } else {
                    sort(i, hi);
                    hi = j;
                }
            }
        }

        private void swap(int a, int b) {
            long clock = clocks[a];
            clocks[a] = clocks[b];
            clocks[b] = clock;
            long len = lens[a];
            lens[a] = lens[b];
            lens[b] = len;
        }

        boolean sameAs(Ranges other) {
            return Arrays.equals(clocks, 0, size, other.clocks, 0, other.size)
                    && Arrays.equals(lens, 0, size, other.lens, 0, other.size);
        }
    }

    /** Receives one deleted range. */
    @FunctionalInterface
    interface RangeConsumer {
        void accept(long client, long clock, long len);
    }

    boolean isEmpty() {
        return clientCount == 0;
    }

    /** The number of clients with ranges. */
    int clientCount() {
        return clientCount;
    }

    /** The ranges of the {@code i}-th client, in the order clients were first added. */
    Ranges ranges(int i) {
        return inOrder[i];
    }

    /** Yjs's addToDeleteSet. */
    void add(long client, long clock, long len) {
        rangesOf(client).add(clock, len);
    }

    private Ranges rangesOf(long client) {
        Ranges ranges = byClient.get(client);
        if (ranges == null) {
            ranges = new Ranges(client);
            byClient.put(client, ranges);
            if (clientCount == inOrder.length) {
                inOrder = Arrays.copyOf(inOrder, Math.max(4, clientCount * 2));
            }
            inOrder[clientCount++] = ranges;
        }
        return ranges;
    }

    /** Whether the delete set holds {@code id}; the ranges must be sorted. */
    boolean isDeleted(ID id) {
        Ranges ranges = byClient.get(id.client());
        return ranges != null && ranges.findIndex(id.clock()) >= 0;
    }

    /** Yjs's sortAndMergeDeleteSet. */
    void sortAndMerge() {
        for (int c = 0; c < clientCount; c++) {
            inOrder[c].sortAndMerge();
        }
    }

    /** Calls {@code f} on every range, clients in the order they were first added. */
    void forEach(RangeConsumer f) {
        for (int c = 0; c < clientCount; c++) {
            Ranges ranges = inOrder[c];
            for (int i = 0; i < ranges.size; i++) {
                f.accept(ranges.client, ranges.clocks[i], ranges.lens[i]);
            }
        }
    }

    /** Yjs's mergeDeleteSets: a new, sorted and merged delete set with the ranges of all. */
    static DeleteSet merge(List<DeleteSet> deleteSets) {
        DeleteSet merged = new DeleteSet();
        for (DeleteSet ds : deleteSets) {
            ds.forEach(merged::add);
        }
        merged.sortAndMerge();
        return merged;
    }

    /** Yjs's createDeleteSetFromStructStore: the deleted structs of a store, sorted and merged. */
    static DeleteSet fromStructStore(StructStore store) {
        DeleteSet ds = new DeleteSet();
        for (int c = 0; c < store.clientCount(); c++) {
            ClientStructs structs = store.structsAt(c);
            AbstractStruct[] s = structs.structs;
            int size = structs.size;
            for (int i = 0; i < size; i++) {
                if (s[i].isDeleted()) {
                    long clock = s[i].id.clock();
                    long len = s[i].length;
                    while (i + 1 < size && s[i + 1].isDeleted()) {
                        len += s[++i].length;
                    }
                    ds.add(store.clientAt(c), clock, len);
                }
            }
        }
        return ds;
    }

    /** Yjs's writeDeleteSet: clients in descending order, so that the bytes do not depend on the map's order. */
    void write(DSEncoder encoder) {
        var rest = encoder.restEncoder();
        rest.writeVarUint(clientCount);
        Ranges[] sorted = Arrays.copyOf(inOrder, clientCount);
        if (clientCount > 1) {
            Arrays.sort(sorted, (a, b) -> Long.compare(b.client, a.client));
        }
        for (Ranges ranges : sorted) {
            encoder.resetDsCurVal();
            rest.writeVarUint(ranges.client);
            rest.writeVarUint(ranges.size);
            for (int i = 0; i < ranges.size; i++) {
                encoder.writeDsClock(ranges.clocks[i]);
                encoder.writeDsLen(ranges.lens[i]);
            }
        }
    }

    /**
     * Yjs's readDeleteSet. Clients keep the order of the update; empty ranges are dropped.
     *
     * @throws DecodingException if a client's ranges are not in ascending order without overlaps, as every encoder
     *     writes them: the binary searches of {@link #isDeleted} and the V2 encoding rely on it
     */
    static DeleteSet read(DSDecoder decoder) {
        DeleteSet ds = new DeleteSet();
        var rest = decoder.restDecoder();
        long numClients = rest.readVarUint();
        for (long c = 0; c < numClients; c++) {
            decoder.resetDsCurVal();
            long client = rest.readVarUint();
            long numberOfDeletes = rest.readVarUint();
            Ranges ranges = null;
            for (long i = 0; i < numberOfDeletes; i++) {
                long clock = decoder.readDsClock();
                long len = decoder.readDsLen();
                // an empty range deletes nothing, and V2 cannot even write one
                if (len > 0) {
                    if (ranges == null) {
                        ranges = ds.rangesOf(client);
                    }
                    if (clock < ranges.lastEnd()) {
                        throw new DecodingException("delete set ranges of client " + client + " out of order at clock "
                                + clock);
                    }
                    ranges.add(clock, len);
                }
            }
        }
        return ds;
    }

    /** Yjs's iterateDeletedStructs: calls {@code f} on every known struct in the ranges, split to fit them. */
    void iterateDeletedStructs(Transaction txn, Consumer<AbstractStruct> f) {
        for (int c = 0; c < clientCount; c++) {
            Ranges ranges = inOrder[c];
            ClientStructs structs = txn.doc.store.clients.get(ranges.client);
            if (structs != null) {
                long state = structs.state();
                for (int i = 0; i < ranges.size && ranges.clocks[i] < state; i++) {
                    StructStore.iterateStructs(txn, structs, ranges.clocks[i], ranges.lens[i], f);
                }
            }
        }
    }

    /**
     * The apply half of Yjs's readAndApplyDeleteSet (the update was decoded before anything was touched): deletes
     * the known items in the ranges, clients in the order of the update.
     *
     * @return the ranges not known yet, as a V2 update without structs, or null if there are none
     */
    byte[] apply(Transaction txn, StructStore store) {
        DeleteSet unapplied = new DeleteSet();
        for (int c = 0; c < clientCount; c++) {
            Ranges ranges = inOrder[c];
            long client = ranges.client;
            ClientStructs structs = store.clients.get(client);
            long state = store.getState(client);
            for (int r = 0; r < ranges.size; r++) {
                long clock = ranges.clocks[r];
                long clockEnd = clock + ranges.lens[r];
                if (clock < state) {
                    if (state < clockEnd) {
                        unapplied.add(client, state, clockEnd - state);
                    }
                    deleteRange(txn, structs, clock, clockEnd);
                } else {
                    unapplied.add(client, clock, clockEnd - clock);
                }
            }
        }
        if (unapplied.isEmpty()) {
            return null;
        }
        UpdateEncoderV2 encoder = new UpdateEncoderV2();
        encoder.restEncoder().writeVarUint(0); // no structs
        unapplied.write(encoder);
        return encoder.toBytes();
    }

    private static void deleteRange(Transaction txn, ClientStructs structs, long clock, long clockEnd) {
        int index = structs.findIndex(clock);
        AbstractStruct first = structs.get(index);
        // split the first item if the range starts inside it; deleted structs and GCs are skipped anyway
        if (!first.isDeleted() && first.id.clock() < clock) {
            structs.insert(index + 1, Item.splitItem(txn, (Item) first, (int) (clock - first.id.clock())));
            index++;
        }
        while (index < structs.size) {
            AbstractStruct struct = structs.get(index++);
            if (struct.id.clock() >= clockEnd) {
                break;
            }
            if (!struct.isDeleted()) {
                Item item = (Item) struct;
                if (clockEnd < item.endClock()) {
                    structs.insert(index, Item.splitItem(txn, item, (int) (clockEnd - item.id.clock())));
                }
                item.delete(txn);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeleteSet other) || other.clientCount != clientCount) {
            return false;
        }
        for (int c = 0; c < clientCount; c++) {
            Ranges theirs = other.byClient.get(inOrder[c].client);
            if (theirs == null || !inOrder[c].sameAs(theirs)) {
                return false;
            }
        }
        return true;
    }

    /** Independent of the order of clients, as {@link #equals} is. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int c = 0; c < clientCount; c++) {
            Ranges ranges = inOrder[c];
            int rangesHash = Long.hashCode(ranges.client);
            for (int i = 0; i < ranges.size; i++) {
                rangesHash = 31 * (31 * rangesHash + Long.hashCode(ranges.clocks[i])) + Long.hashCode(ranges.lens[i]);
            }
            h += rangesHash;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DeleteSet{");
        forEach((client, clock, len) -> s.append(' ').append(client).append(':').append(clock).append('+').append(len));
        return s.append(" }").toString();
    }
}
