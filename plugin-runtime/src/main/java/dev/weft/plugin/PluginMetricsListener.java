package dev.weft.plugin;

/**
 * Told about every run, refused ones included, once it is over: runs, failures, time and memory per plugin. The
 * server bridges it to Micrometer. Called on the run's worker thread (or the caller's, for a refused run): keep it
 * quick, and do not throw.
 */
@FunctionalInterface
public interface PluginMetricsListener {
    PluginMetricsListener NONE = metrics -> {};

    void runFinished(PluginRunMetrics metrics);
}
