package dev.weft.crdt;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * All structs of a document, per client, plus what could not be integrated yet: structs whose dependencies have
 * not arrived ({@link #pendingStructs}) and deletions of clocks not known yet ({@link #pendingDs}).
 */
final class StructStore {
    final LongObjectMap<ClientStructs> clients = new LongObjectMap<>();
    /**
     * The clients in ascending order and their structs: every transaction takes the state vector twice and writes
     * its update with clients in order, and new clients are rare, so the order is kept rather than sorted each time.
     */
    private long[] sortedClients = new long[0];
    private ClientStructs[] sortedStructs = new ClientStructs[0];
    /** Structs waiting for others, as a V2 update, and the lowest clock missing per client. */
    PendingStructs pendingStructs;
    /** Deletions waiting for their structs, as a V2 update without structs. */
    byte[] pendingDs;

    /** Structs that wait for the clocks {@code missing} (client to first missing clock), kept as a V2 update. */
    record PendingStructs(StateVector missing, byte[] update) {
    }

    /** The next expected clock of every client. */
    StateVector getStateVector() {
        int n = sortedClients.length;
        long[] clocks = new long[n];
        for (int i = 0; i < n; i++) {
            clocks[i] = sortedStructs[i].state();
        }
        return StateVector.ofSorted(sortedClients.clone(), clocks);
    }

    /** The number of clients with structs. */
    int clientCount() {
        return sortedClients.length;
    }

    /** The {@code i}-th client in ascending order. */
    long clientAt(int i) {
        return sortedClients[i];
    }

    /** The structs of {@link #clientAt}{@code (i)}. */
    ClientStructs structsAt(int i) {
        return sortedStructs[i];
    }

    /** The next clock expected from {@code client}: 0 if none of its structs is known. */
    long getState(long client) {
        ClientStructs structs = clients.get(client);
        return structs == null ? 0 : structs.state();
    }

    /** Appends a struct that starts right at its client's state. */
    void addStruct(AbstractStruct struct) {
        long client = struct.id.client();
        ClientStructs structs = clients.get(client);
        if (structs == null) {
            structs = new ClientStructs();
            putClient(client, structs);
        } else if (structs.state() != struct.id.clock()) {
            throw new IllegalStateException("struct " + struct.id + " does not continue its client's structs");
        }
        structs.add(struct);
    }

    /** Sets the structs of a client, replacing those it had. */
    void putClient(long client, ClientStructs structs) {
        clients.put(client, structs);
        int found = Arrays.binarySearch(sortedClients, client);
        if (found >= 0) {
            sortedStructs[found] = structs;
            return;
        }
        int at = -found - 1;
        long[] newClients = new long[sortedClients.length + 1];
        ClientStructs[] newStructs = new ClientStructs[newClients.length];
        System.arraycopy(sortedClients, 0, newClients, 0, at);
        System.arraycopy(sortedStructs, 0, newStructs, 0, at);
        newClients[at] = client;
        newStructs[at] = structs;
        System.arraycopy(sortedClients, at, newClients, at + 1, sortedClients.length - at);
        System.arraycopy(sortedStructs, at, newStructs, at + 1, sortedStructs.length - at);
        sortedClients = newClients;
        sortedStructs = newStructs;
    }

    /** Yjs's find/getItem: the struct holding {@code id}, which must be known. */
    AbstractStruct find(ID id) {
        ClientStructs structs = clients.get(id.client());
        return structs.get(structs.findIndex(id.clock()));
    }

    /** The index of the struct starting at {@code clock}, splitting the item holding it if needed. */
    static int findIndexCleanStart(Transaction txn, ClientStructs structs, long clock) {
        int index = structs.findIndex(clock);
        AbstractStruct struct = structs.get(index);
        if (struct.id.clock() < clock && struct instanceof Item item) {
            structs.insert(index + 1, Item.splitItem(txn, item, (int) (clock - item.id.clock())));
            return index + 1;
        }
        return index;
    }

    /** The struct starting at {@code id}, split off from the item holding it if needed; a GC is not split. */
    AbstractStruct getStructCleanStart(Transaction txn, ID id) {
        ClientStructs structs = clients.get(id.client());
        return structs.get(findIndexCleanStart(txn, structs, id.clock()));
    }

    /** The struct ending at {@code id}, split off from the item holding it if needed; a GC is not split. */
    AbstractStruct getStructCleanEnd(Transaction txn, ID id) {
        ClientStructs structs = clients.get(id.client());
        int index = structs.findIndex(id.clock());
        AbstractStruct struct = structs.get(index);
        if (id.clock() != struct.endClock() - 1 && struct instanceof Item item) {
            structs.insert(index + 1, Item.splitItem(txn, item, (int) (id.clock() - item.id.clock() + 1)));
        }
        return struct;
    }

    /**
     * Yjs's getItemCleanStart, for ids inside live content of a type, which is never a GC. Where the id may fall
     * into collected content (a snapshot's boundary, an id from elsewhere), use {@link #getStructCleanStart}.
     */
    Item getItemCleanStart(Transaction txn, ID id) {
        return (Item) getStructCleanStart(txn, id);
    }

    /** Puts {@code newStruct} where {@code struct} is. */
    void replaceStruct(AbstractStruct struct, AbstractStruct newStruct) {
        ClientStructs structs = clients.get(struct.id.client());
        structs.set(structs.findIndex(struct.id.clock()), newStruct);
    }

    /** Calls {@code f} on each struct of the clock range, split so that the first and last fit the range. */
    static void iterateStructs(Transaction txn, ClientStructs structs, long clockStart, long len,
            Consumer<AbstractStruct> f) {
        if (len == 0) {
            return;
        }
        long clockEnd = clockStart + len;
        int index = findIndexCleanStart(txn, structs, clockStart);
        AbstractStruct struct;
        do {
            struct = structs.get(index++);
            if (clockEnd < struct.endClock()) {
                findIndexCleanStart(txn, structs, clockEnd);
            }
            f.accept(struct);
        } while (index < structs.size && structs.get(index).id.clock() < clockEnd);
    }

    /** Yjs's integrityCheck: every client's structs are contiguous. */
    void integrityCheck() {
        clients.forEach((client, structs) -> {
            for (int i = 1; i < structs.size; i++) {
                if (structs.get(i - 1).endClock() != structs.get(i).id.clock()) {
                    throw new IllegalStateException("StructStore failed integrity check for client " + client);
                }
            }
        });
    }
}
