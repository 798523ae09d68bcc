package dev.weft.storage;

import java.time.Duration;

/**
 * One transaction committed by the storage writer: group commit puts every write that was waiting when the
 * transaction began into it.
 *
 * @param writes the writes committed together (appends, deletions, compactions)
 * @param bytes the update bytes appended by them
 * @param latency from the start of the transaction until COMMIT returned, the disk's sync included
 */
public record CommitStats(int writes, long bytes, Duration latency) {
}
