package dev.weft.storage;

/**
 * Observes the storage writer's transactions, for metrics: commit latency and how many writes each commit
 * carried. Both methods run on the writer thread between two transactions, so they must return quickly and must
 * not block (recording into a meter registry is fine); an exception thrown by them is logged and ignored.
 */
public interface StorageListener {
    /** A listener that ignores everything. */
    StorageListener NONE = new StorageListener() {
    };

    /** A transaction committed; the futures of its writes complete after this returns. */
    default void committed(CommitStats commit) {
    }

    /**
     * A write failed and was rolled back; its future fails with {@code failure}. Reported once per failed write.
     */
    default void writeFailed(StorageException failure) {
    }
}
