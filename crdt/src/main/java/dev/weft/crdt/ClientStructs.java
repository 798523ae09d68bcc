package dev.weft.crdt;

import java.util.Arrays;

/**
 * The structs of one client, sorted by clock and without gaps: Yjs's {@code Array<GC|Item>}. A growable array, so
 * that finding the struct holding a clock is a binary search. The start clock of each struct is kept in a parallel
 * primitive array: the search then reads one compact array instead of following two pointers per probe, which is
 * what loading a large document spends its time on.
 *
 * <p>{@link #structs} and {@link #size} are open to the package for hot loops that read; changes go through the
 * methods, which keep the clocks in step.
 */
final class ClientStructs {
    AbstractStruct[] structs;
    private long[] clocks;
    int size;
    /**
     * The index the last binary search found. Lookups away from the end tend to come back to it (loading a
     * document, several items in a row name the same right origin), so it is checked before searching. Only a
     * hint: the structs may have moved since, which the check notices.
     */
    private int lastFound;

    ClientStructs() {
        structs = new AbstractStruct[8];
        clocks = new long[8];
    }

    /** The first {@code size} entries of {@code structs}, which must be contiguous. */
    ClientStructs(AbstractStruct[] structs, int size) {
        this.structs = structs;
        this.size = size;
        clocks = new long[structs.length];
        for (int i = 0; i < size; i++) {
            clocks[i] = structs[i].id.clock();
        }
    }

    AbstractStruct get(int index) {
        return structs[index];
    }

    /** The next clock expected from this client. */
    long state() {
        return structs[size - 1].endClock();
    }

    void add(AbstractStruct struct) {
        if (size == structs.length) {
            grow();
        }
        structs[size] = struct;
        clocks[size] = struct.id.clock();
        size++;
    }

    void insert(int index, AbstractStruct struct) {
        if (size == structs.length) {
            grow();
        }
        System.arraycopy(structs, index, structs, index + 1, size - index);
        System.arraycopy(clocks, index, clocks, index + 1, size - index);
        structs[index] = struct;
        clocks[index] = struct.id.clock();
        size++;
    }

    /** Replaces the struct at {@code index} by one starting at the same clock. */
    void set(int index, AbstractStruct struct) {
        structs[index] = struct;
    }

    void removeRange(int from, int count) {
        System.arraycopy(structs, from + count, structs, from, size - from - count);
        System.arraycopy(clocks, from + count, clocks, from, size - from - count);
        Arrays.fill(structs, size - count, size, null);
        size -= count;
    }

    private void grow() {
        int capacity = size + (size >> 1) + 8;
        structs = Arrays.copyOf(structs, capacity);
        clocks = Arrays.copyOf(clocks, capacity);
    }

    /**
     * Yjs's findIndexSS: the index of the struct holding {@code clock}. The last struct, where most lookups land,
     * is tried first, then the one the last search found.
     *
     * @throws IllegalStateException if no struct holds the clock: callers check the state first
     */
    int findIndex(long clock) {
        int last = size - 1;
        if (clock >= clocks[last]) {
            if (clock < structs[last].endClock()) {
                return last;
            }
        } else {
            int hint = lastFound;
            if (hint < last && clocks[hint] <= clock && clock < clocks[hint + 1]) {
                return hint;
            }
            // the structs are contiguous: the one holding the clock is the last starting at or before it
            int i = Arrays.binarySearch(clocks, 0, last, clock);
            int index = i >= 0 ? i : -i - 2;
            if (index >= 0) {
                lastFound = index;
                return index;
            }
        }
        throw new IllegalStateException("no struct holds clock " + clock);
    }
}
