package dev.weft.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Storage#open} sets up the database; start from {@link #defaults()} and change what you need.
 *
 * @param readerPoolSize connections in the read pool ({@link DocumentStore#load} and the other reads)
 * @param maxBatchSize the most writes group commit puts into one transaction; 1 commits every write alone
 * @param maxQueuedWrites writes accepted but not yet committed, above which a write is refused at once with a
 *     {@link StorageException} instead of queueing without bound
 * @param busyTimeout how long a connection waits for a lock held by another process before its statement fails
 * @param clock the time recorded as a document's creation and last modification
 * @param listener observes commits and failed writes (metrics)
 * @param durability what a committed write survives
 */
public record StorageSettings(
        int readerPoolSize,
        int maxBatchSize,
        int maxQueuedWrites,
        Duration busyTimeout,
        Clock clock,
        StorageListener listener,
        Durability durability) {

    public StorageSettings {
        requirePositive(readerPoolSize, "readerPoolSize");
        requirePositive(maxBatchSize, "maxBatchSize");
        requirePositive(maxQueuedWrites, "maxQueuedWrites");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(durability, "durability");
    }

    /**
     * Four readers, up to 1024 writes per commit, 65,536 queued writes, a 5 s busy timeout, the UTC clock, every
     * commit synced to the disk.
     */
    public static StorageSettings defaults() {
        return new StorageSettings(4, 1024, 65_536, Duration.ofSeconds(5), Clock.systemUTC(), StorageListener.NONE,
                Durability.POWER_LOSS);
    }

    public StorageSettings withReaderPoolSize(int readerPoolSize) {
        return new StorageSettings(readerPoolSize, maxBatchSize, maxQueuedWrites, busyTimeout, clock, listener,
                durability);
    }

    public StorageSettings withMaxBatchSize(int maxBatchSize) {
        return new StorageSettings(readerPoolSize, maxBatchSize, maxQueuedWrites, busyTimeout, clock, listener,
                durability);
    }

    public StorageSettings withMaxQueuedWrites(int maxQueuedWrites) {
        return new StorageSettings(readerPoolSize, maxBatchSize, maxQueuedWrites, busyTimeout, clock, listener,
                durability);
    }

    public StorageSettings withBusyTimeout(Duration busyTimeout) {
        return new StorageSettings(readerPoolSize, maxBatchSize, maxQueuedWrites, busyTimeout, clock, listener,
                durability);
    }

    public StorageSettings withClock(Clock clock) {
        return new StorageSettings(readerPoolSize, maxBatchSize, maxQueuedWrites, busyTimeout, clock, listener,
                durability);
    }

    public StorageSettings withListener(StorageListener listener) {
        return new StorageSettings(readerPoolSize, maxBatchSize, maxQueuedWrites, busyTimeout, clock, listener,
                durability);
    }

    public StorageSettings withDurability(Durability durability) {
        return new StorageSettings(readerPoolSize, maxBatchSize, maxQueuedWrites, busyTimeout, clock, listener,
                durability);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
