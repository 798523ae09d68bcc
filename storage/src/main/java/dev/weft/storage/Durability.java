package dev.weft.storage;

/**
 * What a committed write survives: the promise behind "an update is committed before anyone else sees it".
 * Both keep the database consistent whatever happens; they differ in how much a power loss can take back.
 */
public enum Durability {
    /**
     * Every commit is synced to the disk before it completes (SQLite {@code synchronous=FULL}): a committed write
     * survives a crash of the process, of the operating system, and a power loss. Each commit costs a sync.
     */
    POWER_LOSS,
    /**
     * Every commit is handed to the operating system before it completes, and the log is synced at checkpoints
     * ({@code synchronous=NORMAL} in WAL mode): a committed write survives a crash of the process; a crash of the
     * machine or a power loss may take back the last commits before it. No sync per commit: several times less
     * CPU and latency per write, as the peers that never sync at all.
     */
    PROCESS_CRASH
}
