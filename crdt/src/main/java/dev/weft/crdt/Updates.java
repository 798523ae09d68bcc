package dev.weft.crdt;

import dev.weft.crdt.lib0.Lib0Encoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Yjs's updates.js: work on encoded updates without loading them into a document, which is how a server merges
 * an update log, answers a sync request from stored updates, or converts between the V1 and V2 formats.
 *
 * <p>Every operation streams the structs through a {@link LazyStructReader} and a {@link LazyStructWriter} and
 * produces the same bytes as the Yjs function of the same name. Methods without a suffix take and return V1
 * updates, those ending in V2 take and return V2 updates. Input that cannot be decoded throws
 * {@link UpdateException}.
 */
public final class Updates {
    /**
     * The order in which the merge looks at the readers' next structs: higher clients first, then lower clocks.
     * The tie-break mirrors Yjs's comparator, including its treating two different non-Skip kinds at the same
     * clock as each less than the other; which of them comes first is then up to the sorting algorithm (see
     * {@link #sortReaders}).
     */
    private static int mergeOrder(LazyStructReader dec1, LazyStructReader dec2) {
        AbstractStruct s1 = dec1.curr;
        AbstractStruct s2 = dec2.curr;
        if (s1.id.client() != s2.id.client()) {
            return Long.compare(s2.id.client(), s1.id.client());
        }
        if (s1.id.clock() != s2.id.clock()) {
            return Long.compare(s1.id.clock(), s2.id.clock());
        }
        if (s1.getClass() == s2.getClass()) {
            return 0;
        }
        return s1 instanceof Skip ? 1 : -1;
    }

    private Updates() {
    }

    /**
     * Where each client's structs in an update begin and end.
     *
     * @param from client -> clock of its first struct in the update
     * @param to client -> clock after its last struct in the update
     */
    public record UpdateMeta(Map<Long, Long> from, Map<Long, Long> to) {
        public UpdateMeta {
            from = Collections.unmodifiableMap(from);
            to = Collections.unmodifiableMap(to);
        }
    }

    /**
     * Merges V1 updates into one that holds everything they hold, without a document: structs of the same client
     * are joined, overlaps written once, gaps between them kept as Skips, and the delete sets united. A single
     * update is returned as it is, without being decoded, like Yjs does.
     */
    public static byte[] mergeUpdates(List<byte[]> updates) {
        return UpdateException.decoding("update", () -> merge(updates, UpdateFormat.V1));
    }

    /** {@link #mergeUpdates} for V2 updates. */
    public static byte[] mergeUpdatesV2(List<byte[]> updates) {
        return UpdateException.decoding("update", () -> merge(updates, UpdateFormat.V2));
    }

    /** {@link #mergeUpdatesV2} for V2 updates this package wrote itself: read without the struct cap. */
    static byte[] mergeOwn(List<byte[]> updates) {
        return UpdateException.decoding("update", () -> merge(updates, UpdateFormat.OWN_V2));
    }

    /**
     * The part of a V1 update that a peer with the given state vector is missing: its structs from the state
     * vector's clocks on (the first one sliced if the clock falls inside it), and the whole delete set.
     */
    public static byte[] diffUpdate(byte[] update, byte[] stateVector) {
        return UpdateException.decoding("update", () -> diff(update, stateVector, UpdateFormat.V1));
    }

    /** {@link #diffUpdate} for a V2 update; the state vector is encoded the same way for both formats. */
    public static byte[] diffUpdateV2(byte[] update, byte[] stateVector) {
        return UpdateException.decoding("update", () -> diff(update, stateVector, UpdateFormat.V2));
    }

    /** {@link #diffUpdateV2} for a V2 update this package wrote itself: read without the struct cap. */
    static byte[] diffOwn(byte[] update, byte[] stateVector) {
        return UpdateException.decoding("update", () -> diff(update, stateVector, UpdateFormat.OWN_V2));
    }

    /** {@link #convertUpdateFormatV2ToV1} for a V2 update this package wrote itself. */
    static byte[] convertOwnToV1(byte[] update) {
        return UpdateException.decoding("update", () -> convert(update, UpdateFormat.OWN_V2, UpdateFormat.V1));
    }

    /**
     * The state vector a document would have after applying only this V1 update: for each client whose structs
     * start at clock 0, the clock up to which they are contiguous.
     */
    public static byte[] encodeStateVectorFromUpdate(byte[] update) {
        return UpdateException.decoding("update", () -> stateVectorFromUpdate(update, UpdateFormat.V1));
    }

    /** {@link #encodeStateVectorFromUpdate} for a V2 update; a state vector is encoded the same way for both. */
    public static byte[] encodeStateVectorFromUpdateV2(byte[] update) {
        return UpdateException.decoding("update", () -> stateVectorFromUpdate(update, UpdateFormat.V2));
    }

    /** The clock range each client's structs span in a V1 update, gaps included. */
    public static UpdateMeta parseUpdateMeta(byte[] update) {
        return UpdateException.decoding("update", () -> meta(update, UpdateFormat.V1));
    }

    /** {@link #parseUpdateMeta} for a V2 update. */
    public static UpdateMeta parseUpdateMetaV2(byte[] update) {
        return UpdateException.decoding("update", () -> meta(update, UpdateFormat.V2));
    }

    /** Re-encodes a V1 update as V2. */
    public static byte[] convertUpdateFormatV1ToV2(byte[] update) {
        return UpdateException.decoding("update", () -> convert(update, UpdateFormat.V1, UpdateFormat.V2));
    }

    /** Re-encodes a V2 update as V1. */
    public static byte[] convertUpdateFormatV2ToV1(byte[] update) {
        return UpdateException.decoding("update", () -> convert(update, UpdateFormat.V2, UpdateFormat.V1));
    }

    private static byte[] merge(List<byte[]> updates, UpdateFormat format) {
        if (updates.size() == 1) {
            return updates.get(0);
        }
        UpdateDecoder[] decoders = new UpdateDecoder[updates.size()];
        LazyStructReader[] readers = new LazyStructReader[decoders.length];
        for (int i = 0; i < decoders.length; i++) {
            decoders[i] = format.updateDecoder(updates.get(i));
            readers[i] = new LazyStructReader(decoders[i], true);
        }
        int readerCount = readers.length;
        UpdateEncoder encoder = format.updateEncoder();
        LazyStructWriter writer = new LazyStructWriter(encoder);
        // The struct held back so that the next one can be merged into it, sliced against it, or Skip-joined.
        AbstractStruct currWrite = null;
        while (true) {
            readerCount = dropFinished(readers, readerCount);
            if (readerCount == 0) {
                break;
            }
            sortReaders(readers, readerCount);
            LazyStructReader currReader = readers[0];
            long firstClient = currReader.curr.id.client();
            if (currWrite != null) {
                AbstractStruct curr = currReader.curr;
                boolean iterated = false;
                // Pass over what currWrite already covers (higher clients were written first).
                while (curr != null && curr.endClock() <= currWrite.endClock()
                        && curr.id.client() >= currWrite.id.client()) {
                    curr = currReader.next();
                    iterated = true;
                }
                if (curr == null
                        || curr.id.client() != firstClient
                        || (iterated && curr.id.clock() > currWrite.endClock())) {
                    // Another reader may hold what comes next for this client: sort again.
                    continue;
                }
                if (firstClient != currWrite.id.client()) {
                    writer.write(currWrite, 0);
                    currWrite = curr;
                    currReader.next();
                } else if (currWrite.endClock() < curr.id.clock()) {
                    if (currWrite instanceof Skip) {
                        currWrite.length = UpdateCodec.toLength(curr.endClock() - currWrite.id.clock());
                    } else {
                        writer.write(currWrite, 0);
                        long gap = curr.id.clock() - currWrite.endClock();
                        currWrite = new Skip(new ID(firstClient, currWrite.endClock()), UpdateCodec.toLength(gap));
                    }
                } else {
                    int overlap = (int) (currWrite.endClock() - curr.id.clock());
                    if (overlap > 0) {
                        if (currWrite instanceof Skip) {
                            // Shorten the Skip rather than the struct, which carries content.
                            currWrite.length -= overlap;
                        } else {
                            curr = sliceStruct(curr, overlap);
                        }
                    }
                    if (!currWrite.mergeWith(curr)) {
                        writer.write(currWrite, 0);
                        currWrite = curr;
                        currReader.next();
                    }
                }
            } else {
                currWrite = currReader.curr;
                currReader.next();
            }
            for (AbstractStruct next = currReader.curr;
                    next != null && next.id.client() == firstClient && next.id.clock() == currWrite.endClock()
                            && !(next instanceof Skip);
                    next = currReader.next()) {
                writer.write(currWrite, 0);
                currWrite = next;
            }
        }
        if (currWrite != null) {
            writer.write(currWrite, 0);
        }
        writer.finish();
        DeleteSet[] deleteSets = new DeleteSet[decoders.length];
        for (int i = 0; i < decoders.length; i++) {
            deleteSets[i] = DeleteSet.read(decoders[i]);
        }
        DeleteSet.merge(List.of(deleteSets)).write(encoder);
        return encoder.toBytes();
    }

    private static byte[] diff(byte[] update, byte[] stateVector, UpdateFormat format) {
        StateVector state = StateVector.decode(stateVector);
        UpdateEncoder encoder = format.updateEncoder();
        LazyStructWriter writer = new LazyStructWriter(encoder);
        UpdateDecoder decoder = format.updateDecoder(update);
        LazyStructReader reader = new LazyStructReader(decoder, false);
        while (reader.curr != null) {
            AbstractStruct curr = reader.curr;
            long client = curr.id.client();
            long known = state.get(client);
            if (curr instanceof Skip) {
                // An update never starts a client's run with a Skip.
                reader.next();
                continue;
            }
            if (curr.endClock() > known) {
                writer.write(curr, (int) Math.max(known - curr.id.clock(), 0));
                reader.next();
                while (reader.curr != null && reader.curr.id.client() == client) {
                    writer.write(reader.curr, 0);
                    reader.next();
                }
            } else {
                while (reader.curr != null && reader.curr.id.client() == client
                        && reader.curr.endClock() <= known) {
                    reader.next();
                }
            }
        }
        writer.finish();
        DeleteSet.read(decoder).write(encoder);
        return encoder.toBytes();
    }

    /**
     * Yjs's encodeStateVectorFromUpdateV2: a client counts only if its structs start at 0, up to the first gap.
     * Clients are written in the order of the update, after their count; a state vector's bytes are the rest stream
     * of a DS encoder, which V1 and V2 write alike.
     */
    private static byte[] stateVectorFromUpdate(byte[] update, UpdateFormat format) {
        LazyStructReader reader = new LazyStructReader(format.updateDecoder(update), false);
        Lib0Encoder entries = new Lib0Encoder();
        int size = 0;
        AbstractStruct curr = reader.curr;
        if (curr != null) {
            long client = curr.id.client();
            boolean stopCounting = curr.id.clock() != 0;
            long clock = 0;
            for (; curr != null; curr = reader.next()) {
                if (client != curr.id.client()) {
                    if (clock != 0) {
                        size++;
                        entries.writeVarUint(client);
                        entries.writeVarUint(clock);
                    }
                    client = curr.id.client();
                    clock = 0;
                    stopCounting = curr.id.clock() != 0;
                }
                if (curr instanceof Skip) {
                    stopCounting = true;
                }
                if (!stopCounting) {
                    clock = curr.endClock();
                }
            }
            if (clock != 0) {
                size++;
                entries.writeVarUint(client);
                entries.writeVarUint(clock);
            }
        }
        Lib0Encoder encoder = new Lib0Encoder(entries.length() + 8);
        encoder.writeVarUint(size);
        encoder.writeBinaryEncoder(entries);
        return encoder.toByteArray();
    }

    private static UpdateMeta meta(byte[] update, UpdateFormat format) {
        Map<Long, Long> from = new LinkedHashMap<>();
        Map<Long, Long> to = new LinkedHashMap<>();
        LazyStructReader reader = new LazyStructReader(format.updateDecoder(update), false);
        AbstractStruct curr = reader.curr;
        if (curr != null) {
            long client = curr.id.client();
            long clock = curr.id.clock();
            from.put(client, clock);
            for (; curr != null; curr = reader.next()) {
                if (client != curr.id.client()) {
                    to.put(client, clock);
                    from.put(curr.id.client(), curr.id.clock());
                    client = curr.id.client();
                }
                clock = curr.endClock();
            }
            to.put(client, clock);
        }
        return new UpdateMeta(from, to);
    }

    private static byte[] convert(byte[] update, UpdateFormat from, UpdateFormat to) {
        UpdateDecoder decoder = from.updateDecoder(update);
        LazyStructReader reader = new LazyStructReader(decoder, false);
        UpdateEncoder encoder = to.updateEncoder();
        LazyStructWriter writer = new LazyStructWriter(encoder);
        for (AbstractStruct curr = reader.curr; curr != null; curr = reader.next()) {
            writer.write(curr, 0);
        }
        writer.finish();
        DeleteSet.read(decoder).write(encoder);
        return encoder.toBytes();
    }

    /**
     * The right part of a struct from {@code diff} on, for the merge only: the left part is dropped, so unlike
     * splitting an integrated item this needs no neighbours and has no side effects.
     */
    private static AbstractStruct sliceStruct(AbstractStruct left, int diff) {
        ID id = new ID(left.id.client(), left.id.clock() + diff);
        return switch (left) {
            case GC gc -> new GC(id, gc.length - diff);
            case Skip skip -> new Skip(id, skip.length - diff);
            case Item item -> {
                Item right = new Item(id, null, new ID(id.client(), id.clock() - 1), null, item.rightOrigin, null,
                        item.parentSub, item.content.splice(diff));
                right.parentId = item.parentId;
                right.parentKey = item.parentKey;
                yield right;
            }
        };
    }

    /** Moves the readers with structs left to the front, in order, and returns how many there are. */
    private static int dropFinished(LazyStructReader[] readers, int count) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (readers[i].curr != null) {
                readers[kept++] = readers[i];
            }
        }
        return kept;
    }

    /**
     * Sorts the first {@code count} readers by {@link #mergeOrder} the way V8's {@code Array.prototype.sort} (a
     * TimSort) sorts fewer than 64 elements: the leading run, reversed if strictly descending, then binary insertion
     * of the rest. The order is not consistent for two kinds at one clock, so the algorithm decides which comes
     * first; this one picks what Yjs picks, and unlike {@code List.sort} it cannot fail on the inconsistency. For
     * many readers it stays quick, since the readers are sorted already but for the one that moved.
     */
    private static void sortReaders(LazyStructReader[] readers, int count) {
        if (count < 2) {
            return;
        }
        int run = 2;
        boolean descending = mergeOrder(readers[1], readers[0]) < 0;
        while (run < count) {
            int order = mergeOrder(readers[run], readers[run - 1]);
            if (descending ? order >= 0 : order < 0) {
                break;
            }
            run++;
        }
        if (descending) {
            for (int lo = 0, hi = run - 1; lo < hi; lo++, hi--) {
                LazyStructReader swap = readers[lo];
                readers[lo] = readers[hi];
                readers[hi] = swap;
            }
        }
        for (int start = run; start < count; start++) {
            LazyStructReader pivot = readers[start];
            int left = 0;
            int right = start;
            while (left < right) {
                int mid = (left + right) >>> 1;
                if (mergeOrder(pivot, readers[mid]) < 0) {
                    right = mid;
                } else {
                    left = mid + 1;
                }
            }
            System.arraycopy(readers, left, readers, left + 1, start - left);
            readers[left] = pivot;
        }
    }
}
