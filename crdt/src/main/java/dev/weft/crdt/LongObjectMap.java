package dev.weft.crdt;

import java.util.Arrays;

/**
 * A hash map from client ids to objects. Every struct lookup goes through a client id, and a {@code HashMap<Long, V>}
 * would box each one; this keeps the keys primitive. Open addressing with linear probing and backward-shift removal.
 * Client ids are never negative (they are var-uints on the wire), so -1 marks a free slot.
 */
final class LongObjectMap<V> {
    private static final long FREE = -1;

    private long[] keys;
    private Object[] values;
    private int size;
    /** The last key found and its value: lookups come in runs of one client (the structs of an update, ...). */
    private long lastKey = FREE;
    private Object lastValue;

    private static final long[] NO_KEYS = {FREE};
    private static final Object[] NO_VALUES = new Object[1];

    /** An empty map; its arrays are allocated on the first put, since many maps (delete sets) stay empty. */
    LongObjectMap() {
        keys = NO_KEYS;
        values = NO_VALUES;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == lastKey) {
            return (V) lastValue;
        }
        long[] k = keys;
        int mask = k.length - 1;
        for (int slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
            long found = k[slot];
            if (found == key) {
                lastKey = key;
                lastValue = values[slot];
                return (V) lastValue;
            }
            if (found == FREE) {
                return null;
            }
        }
    }

    /** Maps {@code key} to {@code value}, which must not be null. */
    void put(long key, V value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative client id " + key);
        }
        if (key == lastKey) {
            lastValue = value;
        }
        if (keys == NO_KEYS) {
            keys = new long[8];
            Arrays.fill(keys, FREE);
            values = new Object[8];
        }
        long[] k = keys;
        int mask = k.length - 1;
        int slot = slotOf(key, mask);
        while (k[slot] != FREE && k[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (k[slot] == FREE) {
            k[slot] = key;
            if (++size * 2 > k.length) {
                values[slot] = value;
                grow();
                return;
            }
        }
        values[slot] = value;
    }

    void remove(long key) {
        if (key == lastKey) {
            lastKey = FREE;
            lastValue = null;
        }
        long[] k = keys;
        int mask = k.length - 1;
        int slot = slotOf(key, mask);
        while (k[slot] != key) {
            if (k[slot] == FREE) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        size--;
        // shift back the entries of the probe run after the hole so that every entry stays reachable
        int hole = slot;
        for (int next = (hole + 1) & mask; k[next] != FREE; next = (next + 1) & mask) {
            int home = slotOf(k[next], mask);
            boolean homeIsOutsideHoleToNext = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (homeIsOutsideHoleToNext) {
                k[hole] = k[next];
                values[hole] = values[next];
                hole = next;
            }
        }
        k[hole] = FREE;
        values[hole] = null;
    }

    /** The keys in ascending order: the wire format writes clients sorted, and sorting primitives boxes nothing. */
    long[] sortedKeys() {
        long[] result = new long[size];
        int n = 0;
        for (long key : keys) {
            if (key != FREE) {
                result[n++] = key;
            }
        }
        Arrays.sort(result);
        return result;
    }

    void forEach(Entry<V> action) {
        long[] k = keys;
        Object[] v = values;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != FREE) {
                @SuppressWarnings("unchecked")
                V value = (V) v[i];
                action.accept(k[i], value);
            }
        }
    }

    /** Receives one entry of the map. */
    @FunctionalInterface
    interface Entry<V> {
        void accept(long key, V value);
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        values = new Object[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = slotOf(oldKeys[i], mask);
                while (keys[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int slotOf(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
