package dev.weft.crdt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of Yjs's integrateStructs: integrates the structs of an update in an order that respects their
 * dependencies. Clients are taken from the highest id down (on conflicts the lower ids then rarely conflict with
 * the higher ones); when a struct needs one of another client, that client's structs are integrated first, kept on
 * a stack (at most one entry per client, since dependencies cannot form cycles). A struct that depends on
 * something the update does not contain waits, with everything after it from the same client, in the rest.
 */
final class StructIntegration {
    private final Transaction txn;
    private final StructStore store;
    private final LongObjectMap<UpdateCodec.StructRefs> clientsStructRefs;
    /** The clients still to integrate, ascending; the next one is the last. */
    private final long[] clientIds;
    private int clientsLeft;
    private final List<AbstractStruct> stack = new ArrayList<>();
    private final StructStore restStructs = new StructStore();
    /** For each client whose structs are missing, the lowest missing clock. */
    private final StateVector missingSv = new StateVector();
    /** The local states, cached because they are asked for at every struct; the current client's is apart. */
    private final StateVector state = new StateVector();
    private long stateClient = -1;
    private long stateClock;

    StructIntegration(Transaction txn, StructStore store, LongObjectMap<UpdateCodec.StructRefs> clientsStructRefs) {
        this.txn = txn;
        this.store = store;
        this.clientsStructRefs = clientsStructRefs;
        this.clientIds = clientsStructRefs.sortedKeys();
        this.clientsLeft = clientIds.length;
    }

    /** @return the structs that could not be integrated, as a V2 update, or null if all were */
    StructStore.PendingStructs run() {
        UpdateCodec.StructRefs curStructsTarget = nextStructTarget();
        if (curStructsTarget == null) {
            return null;
        }
        AbstractStruct stackHead = curStructsTarget.next();
        while (true) {
            AbstractStruct dependency = integrateOrFindDependency(stackHead);
            if (dependency != null) {
                stackHead = dependency;
                continue;
            }
            // the next stack head: the top of the stack, else the next struct of the current client, else the
            // next client
            if (!stack.isEmpty()) {
                stackHead = stack.removeLast();
            } else if (curStructsTarget != null && !curStructsTarget.done()) {
                stackHead = curStructsTarget.next();
            } else {
                curStructsTarget = nextStructTarget();
                if (curStructsTarget == null) {
                    break;
                }
                stackHead = curStructsTarget.next();
            }
        }
        if (restStructs.clients.isEmpty()) {
            return null;
        }
        UpdateEncoderV2 encoder = new UpdateEncoderV2();
        UpdateCodec.writeClientsStructs(encoder, restStructs, new StateVector());
        encoder.restEncoder().writeVarUint(0); // an empty delete set
        return new StructStore.PendingStructs(missingSv, encoder.toBytes());
    }

    /**
     * Integrates {@code stackHead} if everything it depends on is known, or moves it to the rest if that cannot be
     * before another update arrives. (One call per struct, so that the JIT compiles it early in a large update.)
     *
     * @return the struct of this update to integrate first because {@code stackHead} depends on it, or null
     */
    private AbstractStruct integrateOrFindDependency(AbstractStruct stackHead) {
        if (stackHead instanceof Skip) {
            return null;
        }
        long client = stackHead.id.client();
        if (client != stateClient) {
            // most structs follow one of the same client: look the state up only on a change of client
            if (stateClient >= 0) {
                state.set(stateClient, stateClock);
            }
            stateClient = client;
            stateClock = state.has(client) ? state.get(client) : store.getState(client);
        }
        long offset = stateClock - stackHead.id.clock();
        if (offset < 0) {
            // an earlier update of the same client is missing
            stack.add(stackHead);
            missingSv.setMin(client, stackHead.id.clock() - 1);
            // a dead end: everything on the stack waits
            addStackToRestStructs();
            return null;
        }
        long missing = stackHead.getMissing(txn, store);
        if (missing != AbstractStruct.NOTHING_MISSING) {
            stack.add(stackHead);
            UpdateCodec.StructRefs structRefs = clientsStructRefs.get(missing);
            if (structRefs != null && !structRefs.done()) {
                // integrate the structs of the client it waits for first
                return structRefs.next();
            }
            // it depends on an update not received yet
            missingSv.setMin(missing, store.getState(missing));
            addStackToRestStructs();
        } else if (offset == 0 || offset < stackHead.length) {
            stackHead.integrate(txn, (int) offset);
            stateClock = stackHead.endClock();
        }
        return null;
    }

    /** The structs of the highest client with structs left, dropping the clients done; null when all are. */
    private UpdateCodec.StructRefs nextStructTarget() {
        while (clientsLeft > 0) {
            UpdateCodec.StructRefs target = clientsStructRefs.get(clientIds[clientsLeft - 1]);
            if (target != null && !target.done()) {
                return target;
            }
            clientsLeft--;
        }
        return null;
    }

    /** Moves the structs on the stack, and everything after them from the same clients, to the rest. */
    private void addStackToRestStructs() {
        for (AbstractStruct item : stack) {
            long client = item.id.client();
            UpdateCodec.StructRefs inapplicableItems = clientsStructRefs.get(client);
            if (inapplicableItems != null) {
                // step back: the struct on the stack was taken from the refs but not applied
                inapplicableItems.i--;
                AbstractStruct[] rest = Arrays.copyOfRange(inapplicableItems.refs, inapplicableItems.i,
                        inapplicableItems.size);
                restStructs.putClient(client, new ClientStructs(rest, rest.length));
                clientsStructRefs.remove(client);
                // the current target may be these refs: leave nothing in them to integrate
                inapplicableItems.clear();
            } else {
                // the struct was the last of its client, whose refs were cleared already
                ClientStructs rest = new ClientStructs();
                rest.add(item);
                restStructs.putClient(client, rest);
            }
            // so that the rest of the update does not apply the client's later structs
            removeClient(client);
        }
        stack.clear();
    }

    private void removeClient(long client) {
        int kept = 0;
        for (int i = 0; i < clientsLeft; i++) {
            if (clientIds[i] != client) {
                clientIds[kept++] = clientIds[i];
            }
        }
        clientsLeft = kept;
    }
}
