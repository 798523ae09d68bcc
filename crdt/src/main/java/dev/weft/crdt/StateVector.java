package dev.weft.crdt;

import java.util.Arrays;

/**
 * For each client, the next clock expected from it: the clocks below are known. Yjs keeps this in a
 * {@code Map<number, number>}; here it is two parallel arrays sorted by client, so that lookups box nothing, a
 * transaction's before-state is one copy, and the wire order (clients descending) is a reverse walk.
 */
final class StateVector {
    private long[] clients;
    private long[] clocks;
    private int size;

    StateVector() {
        this(new long[4], new long[4], 0);
    }

    private StateVector(long[] clients, long[] clocks, int size) {
        this.clients = clients;
        this.clocks = clocks;
        this.size = size;
    }

    /** Builds a state vector from clients in ascending order and their clocks. */
    static StateVector ofSorted(long[] sortedClients, long[] clocks) {
        return new StateVector(sortedClients, clocks, sortedClients.length);
    }

    int size() {
        return size;
    }

    /** The i-th client in ascending order. */
    long clientAt(int i) {
        return clients[i];
    }

    long clockAt(int i) {
        return clocks[i];
    }

    boolean has(long client) {
        return Arrays.binarySearch(clients, 0, size, client) >= 0;
    }

    /** The next expected clock of {@code client}: 0 for a client never seen. */
    long get(long client) {
        int i = Arrays.binarySearch(clients, 0, size, client);
        return i >= 0 ? clocks[i] : 0;
    }

    void set(long client, long clock) {
        int i = Arrays.binarySearch(clients, 0, size, client);
        if (i >= 0) {
            clocks[i] = clock;
            return;
        }
        int at = -i - 1;
        if (size == clients.length) {
            clients = Arrays.copyOf(clients, Math.max(4, size * 2));
            clocks = Arrays.copyOf(clocks, clients.length);
        }
        System.arraycopy(clients, at, clients, at + 1, size - at);
        System.arraycopy(clocks, at, clocks, at + 1, size - at);
        clients[at] = client;
        clocks[at] = clock;
        size++;
    }

    /** Sets the clock of {@code client} to {@code clock} unless it has a lower one already. */
    void setMin(long client, long clock) {
        if (!has(client) || get(client) > clock) {
            set(client, clock);
        }
    }

    /** Yjs's readStateVector. */
    static StateVector read(DSDecoder decoder) {
        var rest = decoder.restDecoder();
        long count = rest.readVarUint();
        StateVector sv = new StateVector();
        for (long i = 0; i < count; i++) {
            long client = rest.readVarUint();
            sv.set(client, rest.readVarUint());
        }
        return sv;
    }

    /** Yjs's writeStateVector: clients in descending order, as Yjs sorts them. */
    void write(DSEncoder encoder) {
        var rest = encoder.restEncoder();
        rest.writeVarUint(size);
        for (int i = size - 1; i >= 0; i--) {
            rest.writeVarUint(clients[i]);
            rest.writeVarUint(clocks[i]);
        }
    }

    /** Yjs's decodeStateVector: a V1-encoded state vector. */
    static StateVector decode(byte[] encoded) {
        return read(new DSDecoderV1(new dev.weft.crdt.lib0.Lib0Decoder(encoded)));
    }

    /** The V1 encoding, as Yjs's encodeStateVector. */
    byte[] encode() {
        DSEncoderV1 encoder = new DSEncoderV1();
        write(encoder);
        return encoder.toBytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateVector other
                && Arrays.equals(clients, 0, size, other.clients, 0, other.size)
                && Arrays.equals(clocks, 0, size, other.clocks, 0, other.size);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(clients[i]);
            h = 31 * h + Long.hashCode(clocks[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            s.append(i == 0 ? "" : ", ").append(clients[i]).append('=').append(clocks[i]);
        }
        return s.append('}').toString();
    }
}
