package dev.weft.plugin;

import org.graalvm.polyglot.Source;

/**
 * A plugin checked and ready to run on the {@link PluginRuntime} that loaded it: its manifest held to the rules,
 * its module to the limits and the ABI, and parsed once (later runs reuse the engine's code).
 */
public final class LoadedPlugin {
    private final PluginManifest manifest;
    private final Source source;
    private final long maxMemoryBytes;
    private final PluginRuntime runtime;

    LoadedPlugin(PluginManifest manifest, Source source, long maxMemoryBytes, PluginRuntime runtime) {
        this.manifest = manifest;
        this.source = source;
        this.maxMemoryBytes = maxMemoryBytes;
        this.runtime = runtime;
    }

    public PluginManifest manifest() {
        return manifest;
    }

    /** The memory maximum the module declares, in bytes (at most {@link RuntimeLimits#maxMemoryBytes()}). */
    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    Source source() {
        return source;
    }

    PluginRuntime runtime() {
        return runtime;
    }

    @Override
    public String toString() {
        return manifest.id();
    }
}
