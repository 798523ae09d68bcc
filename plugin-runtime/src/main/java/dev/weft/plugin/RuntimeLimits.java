package dev.weft.plugin;

import java.time.Duration;

/**
 * The limits every plugin runs under. They hold whatever a plugin does: the deadline is enforced by a watchdog,
 * memory by refusing modules that could grow past the cap, sizes at every crossing of the sandbox's boundary,
 * load by a bounded queue and per-plugin rate limits.
 *
 * @param runDeadline     wall time a run may take, instantiation included; then it is interrupted and its context closed
 * @param maxMemoryBytes  the most linear memory a module may declare as its maximum (a module with no maximum is refused)
 * @param maxTableElements the most elements a module's tables may declare as their maximum
 * @param maxModuleBytes  the largest {@code .wasm} accepted
 * @param maxInputBytes   the largest run input (its JSON, variables included, in UTF-8)
 * @param maxOutputBytes  the largest result, and the largest string a plugin may pass to one host call
 * @param maxHostCalls    the most host calls one run may make (logs, comments, edits, ...)
 * @param workers         runs that execute at once
 * @param queueCapacity   runs that may wait for a worker; past that a run is refused as overloaded
 * @param runsPerMinute   runs one plugin may start per minute (a token bucket that refills continuously)
 * @param workerStackBytes the stack of each worker thread, which bounds how deep a plugin may recurse
 */
public record RuntimeLimits(
        Duration runDeadline,
        long maxMemoryBytes,
        long maxTableElements,
        int maxModuleBytes,
        int maxInputBytes,
        int maxOutputBytes,
        int maxHostCalls,
        int workers,
        int queueCapacity,
        int runsPerMinute,
        long workerStackBytes) {

    /** A wasm page, the unit of linear memory. */
    public static final long PAGE_BYTES = 65_536;

    public RuntimeLimits {
        if (runDeadline.isNegative() || runDeadline.isZero()) {
            throw new IllegalArgumentException("runDeadline must be positive");
        }
        if (maxMemoryBytes < PAGE_BYTES || maxTableElements < 0 || maxModuleBytes <= 0 || maxInputBytes <= 0
                || maxOutputBytes <= 0 || maxHostCalls < 0 || workers <= 0 || queueCapacity < 0
                || runsPerMinute <= 0 || workerStackBytes <= 0) {
            throw new IllegalArgumentException("plugin limits must be positive (memory at least one page): " + this);
        }
    }

    /** The defaults: 5 s per run, 32 MiB of memory, 1 MiB in and out, 2 workers, 64 waiting, 120 runs a minute. */
    public static RuntimeLimits defaults() {
        return new RuntimeLimits(
                Duration.ofSeconds(5), 32L << 20, 10_000, 8 << 20, 1 << 20, 1 << 20, 10_000, 2, 64, 120, 4L << 20);
    }

    /** The memory cap in wasm pages. */
    public long maxMemoryPages() {
        return maxMemoryBytes / PAGE_BYTES;
    }

    public RuntimeLimits withRunDeadline(Duration value) {
        return new RuntimeLimits(value, maxMemoryBytes, maxTableElements, maxModuleBytes, maxInputBytes,
                maxOutputBytes, maxHostCalls, workers, queueCapacity, runsPerMinute, workerStackBytes);
    }

    public RuntimeLimits withMaxMemoryBytes(long value) {
        return new RuntimeLimits(runDeadline, value, maxTableElements, maxModuleBytes, maxInputBytes,
                maxOutputBytes, maxHostCalls, workers, queueCapacity, runsPerMinute, workerStackBytes);
    }

    public RuntimeLimits withMaxOutputBytes(int value) {
        return new RuntimeLimits(runDeadline, maxMemoryBytes, maxTableElements, maxModuleBytes, maxInputBytes,
                value, maxHostCalls, workers, queueCapacity, runsPerMinute, workerStackBytes);
    }

    public RuntimeLimits withMaxInputBytes(int value) {
        return new RuntimeLimits(runDeadline, maxMemoryBytes, maxTableElements, maxModuleBytes, value,
                maxOutputBytes, maxHostCalls, workers, queueCapacity, runsPerMinute, workerStackBytes);
    }

    public RuntimeLimits withWorkers(int workersValue, int queueCapacityValue) {
        return new RuntimeLimits(runDeadline, maxMemoryBytes, maxTableElements, maxModuleBytes, maxInputBytes,
                maxOutputBytes, maxHostCalls, workersValue, queueCapacityValue, runsPerMinute, workerStackBytes);
    }

    public RuntimeLimits withRunsPerMinute(int value) {
        return new RuntimeLimits(runDeadline, maxMemoryBytes, maxTableElements, maxModuleBytes, maxInputBytes,
                maxOutputBytes, maxHostCalls, workers, queueCapacity, value, workerStackBytes);
    }
}
