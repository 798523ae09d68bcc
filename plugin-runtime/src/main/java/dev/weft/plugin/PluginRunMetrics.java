package dev.weft.plugin;

import java.time.Duration;
import java.util.Optional;

/**
 * One finished or refused run, for metrics.
 *
 * @param plugin      the manifest's name
 * @param version     the manifest's version
 * @param failure     why it failed, empty when it succeeded
 * @param elapsed     wall time of the run (zero for a run refused before it started)
 * @param memoryBytes linear memory at the end of the run (0 when it never got an instance)
 */
public record PluginRunMetrics(
        String plugin, String version, Optional<PluginException.Reason> failure, Duration elapsed, long memoryBytes) {

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
