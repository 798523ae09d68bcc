package dev.weft.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;
import dev.weft.protocol.ProtocolException.Kind;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The awareness states of one room (who is there, their cursors and names), kept by the server as y-protocols'
 * {@code awareness.js} keeps them for a peer, less the peer's own local state.
 *
 * <p>Each client id has a clock and, until it is removed, a state: the JSON text its client sent, relayed as it
 * came (but for a state JS deems falsy, such as {@code false} or {@code 0}, which y-protocols writes as null). An entry of an awareness update wins over what is known when its clock is newer; a null state with the
 * same clock removes a state. A removed client keeps its clock, so that a late copy of its last state (clients
 * relay what they receive) cannot bring it back. Every state not renewed within the timeout (30 s by default;
 * clients renew every 15 s) is removed by {@link #expire()}.
 *
 * <p>Where this departs from awareness.js: an update that is not entirely well formed is rejected whole, where
 * awareness.js applies its entries up to the first error; and awareness.js remembers the clock of every client it
 * ever saw for as long as the peer lives, while here, once more than {@value #REMEMBERED_REMOVALS} removed clients
 * are remembered, those removed a timeout ago or more are forgotten, so that a long-lived room's memory does not
 * grow with every client that ever joined it.
 *
 * <p>Not thread-safe: the room's thread owns it. Time comes from the {@link InstantSource} given, so that tests
 * control it.
 */
public final class Awareness {
    /** How long a state lives without being renewed: y-protocols' {@code outdatedTimeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How many removed clients' clocks are kept before those removed a timeout ago or more are forgotten. */
    public static final int REMEMBERED_REMOVALS = 1024;

    /**
     * Every client id seen and not yet forgotten, in the order it was first seen: the order of y-protocols' meta
     * map, in which {@link #expire()} removes states.
     */
    private final Map<Long, ClientEntry> clients = new LinkedHashMap<>();
    private final InstantSource time;
    private final long timeoutMillis;
    private int stateCount;
    /** Numbers states in the order y-protocols' states map holds them: a client back after a removal goes last. */
    private long stateSequence;

    /** An awareness registry whose states expire after {@link #DEFAULT_TIMEOUT}. */
    public Awareness(InstantSource time) {
        this(time, DEFAULT_TIMEOUT);
    }

    /** An awareness registry whose states expire when not renewed within {@code timeout}. */
    public Awareness(InstantSource time, Duration timeout) {
        this.time = Objects.requireNonNull(time, "time");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * Applies an encoded awareness update (the payload of an awareness message), as y-protocols'
     * {@code applyAwarenessUpdate}.
     *
     * @return what changed, with the update to relay to the room's other connections
     * @throws ProtocolException {@link Kind#MALFORMED} if the update does not decode to the end or a state is not
     *     JSON; nothing is applied then
     */
    public AwarenessChange apply(byte[] awarenessUpdate) {
        List<IncomingState> incoming = decode(awarenessUpdate);
        long now = time.millis();
        List<Long> added = new ArrayList<>();
        List<Long> updated = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        List<Long> renewed = new ArrayList<>();
        for (IncomingState in : incoming) {
            ClientEntry entry = clients.get(in.clientId());
            boolean seen = entry != null;
            boolean removal = in.value().isNull();
            String previous = seen ? entry.state : null;
            long currentClock = seen ? entry.clock : 0;
            boolean newer = currentClock < in.clock();
            boolean removesAtSameClock = currentClock == in.clock() && removal && previous != null;
            if (!newer && !removesAtSameClock) {
                continue;
            }
            if (!seen) {
                entry = new ClientEntry();
                clients.put(in.clientId(), entry);
            }
            if (removal) {
                clearState(entry);
            } else {
                setState(entry, in.text());
                entry.writtenAsNull = JsonState.isFalsy(in.value());
            }
            entry.clock = in.clock();
            entry.lastUpdated = now;
            // The same classification as awareness.js, quirks included: a null for a client already removed
            // counts as a removal again, and a state for a client seen before counts as an update.
            if (!seen && !removal) {
                added.add(in.clientId());
            } else if (seen && removal) {
                removed.add(in.clientId());
            } else if (!removal) {
                updated.add(in.clientId());
                if (previous != null && sameState(previous, in)) {
                    renewed.add(in.clientId());
                }
            }
        }
        return change(added, updated, removed, renewed);
    }

    /**
     * Removes the states of these clients, as y-protocols' {@code removeAwarenessStates} (for a closed
     * connection's clients); ids without a state are skipped. Their clocks stay as they are: the removal update
     * carries a null state at the current clock, which y-protocols peers accept as a removal.
     *
     * @return the clients removed, with the update to broadcast to the room
     */
    public AwarenessChange remove(Collection<Long> clientIds) {
        return removeStates(clientIds, time.millis());
    }

    /**
     * Removes every state not renewed within the timeout, as the periodic check of awareness.js (which runs every
     * tenth of the timeout: call this as often). Past {@value #REMEMBERED_REMOVALS} removed clients, also forgets
     * the clocks of those removed a timeout ago or more.
     *
     * @return the clients removed, with the update to broadcast to the room
     */
    public AwarenessChange expire() {
        long now = time.millis();
        boolean forgetOldRemovals = clients.size() - stateCount > REMEMBERED_REMOVALS;
        List<Long> outdated = new ArrayList<>();
        for (Iterator<Map.Entry<Long, ClientEntry>> it = clients.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, ClientEntry> client = it.next();
            if (now - client.getValue().lastUpdated < timeoutMillis) {
                continue;
            }
            if (client.getValue().state != null) {
                outdated.add(client.getKey());
            } else if (forgetOldRemovals) {
                it.remove();
            }
        }
        return removeStates(outdated, now);
    }

    /**
     * Encodes an awareness update for these clients with their current clocks and states, as y-protocols'
     * {@code encodeAwarenessUpdate}: a JSON null for a removed one, and for a state JS deems falsy (false, 0, "").
     *
     * @throws IllegalArgumentException if a client id is not known
     */
    public byte[] encode(Collection<Long> clientIds) {
        Lib0Encoder encoder = new Lib0Encoder();
        encoder.writeVarUint(clientIds.size());
        for (Long clientId : clientIds) {
            ClientEntry entry = clients.get(clientId);
            if (entry == null) {
                throw new IllegalArgumentException("No awareness entry for client " + clientId);
            }
            encoder.writeVarUint(clientId);
            encoder.writeVarUint(entry.clock);
            encoder.writeVarString(entry.state == null || entry.writtenAsNull ? "null" : entry.state);
        }
        return encoder.toByteArray();
    }

    /** Encodes every current state, what a newly connected client or a query-awareness message is sent. */
    public byte[] encodeAll() {
        return encode(states().keySet());
    }

    /**
     * The current states by client id, as JSON text, in the order {@link #encodeAll()} writes them: y-protocols'
     * order, that of a JS Map from which a removed state is deleted and to which a returning one is added anew.
     */
    public Map<Long, String> states() {
        List<Map.Entry<Long, ClientEntry>> withState = new ArrayList<>(stateCount);
        for (Map.Entry<Long, ClientEntry> client : clients.entrySet()) {
            if (client.getValue().state != null) {
                withState.add(client);
            }
        }
        withState.sort(Comparator.comparingLong(client -> client.getValue().stateOrder));
        Map<Long, String> states = new LinkedHashMap<>();
        for (Map.Entry<Long, ClientEntry> client : withState) {
            states.put(client.getKey(), client.getValue().state);
        }
        return Collections.unmodifiableMap(states);
    }

    /** The number of current states. */
    public int size() {
        return stateCount;
    }

    /** Whether no client has a state. */
    public boolean isEmpty() {
        return stateCount == 0;
    }

    private AwarenessChange removeStates(Collection<Long> clientIds, long now) {
        List<Long> removed = new ArrayList<>();
        for (Long clientId : clientIds) {
            ClientEntry entry = clients.get(clientId);
            if (entry != null && entry.state != null) {
                clearState(entry);
                // Not a clock (awareness.js leaves it as it was): the time of removal, to forget it after.
                entry.lastUpdated = now;
                removed.add(clientId);
            }
        }
        return change(List.of(), List.of(), removed, List.of());
    }

    /** Sets a state; a client that had none goes last in the states' order, as a JS Map does with a new key. */
    private void setState(ClientEntry entry, String state) {
        if (entry.state == null) {
            entry.stateOrder = ++stateSequence;
            stateCount++;
        }
        entry.state = state;
    }

    private void clearState(ClientEntry entry) {
        if (entry.state != null) {
            entry.state = null;
            stateCount--;
        }
    }

    private static boolean sameState(String previous, IncomingState in) {
        return previous.equals(in.text()) || JsonState.sameValue(JsonState.parse(previous), in.value());
    }

    private AwarenessChange change(List<Long> added, List<Long> updated, List<Long> removed, List<Long> renewed) {
        List<Long> relayed = new ArrayList<>(added.size() + updated.size() + removed.size());
        relayed.addAll(added);
        relayed.addAll(updated);
        relayed.addAll(removed);
        return new AwarenessChange(added, updated, removed, renewed, encode(relayed));
    }

    /** Reads the whole update before anything is applied, so that a malformed one changes nothing. */
    private static List<IncomingState> decode(byte[] awarenessUpdate) {
        Lib0Decoder decoder = new Lib0Decoder(awarenessUpdate);
        try {
            long count = decoder.readVarUint();
            // An entry takes three bytes at least: a hostile count fails here, before anything is allocated.
            if (count > decoder.remaining() / 3) {
                throw new ProtocolException(Kind.MALFORMED, "An awareness update of " + awarenessUpdate.length
                        + " bytes cannot hold the " + count + " entries it announces");
            }
            List<IncomingState> states = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                long clientId = decoder.readVarUint();
                long clock = decoder.readVarUint();
                String text = decoder.readVarString();
                states.add(new IncomingState(clientId, clock, text, JsonState.parse(text)));
            }
            if (decoder.hasContent()) {
                throw new ProtocolException(Kind.MALFORMED, "An awareness update has " + decoder.remaining()
                        + " bytes left after its " + count + " entries");
            }
            return states;
        } catch (DecodingException e) {
            throw new ProtocolException(Kind.MALFORMED, "Malformed awareness update: " + e.getMessage(), e);
        }
    }

    /** One entry of an update being applied: its state's text (relayed as is) and the JS value it stands for. */
    private record IncomingState(long clientId, long clock, String text, JsonNode value) {
    }

    /** y-protocols' meta (clock, last update) and state of one client; a null state once removed. */
    private static final class ClientEntry {
        long clock;
        long lastUpdated;
        String state;
        /** Where the state stands in the states' order; meaningless while the state is null. */
        long stateOrder;
        /** A falsy state (false, 0, ""): kept, but written as null, as y-protocols' encoder writes it. */
        boolean writtenAsNull;
    }
}
