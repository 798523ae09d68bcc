package dev.weft.server.plugins;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.plugin.InvalidPluginException;
import dev.weft.plugin.LoadedPlugin;
import dev.weft.plugin.PluginManifest;
import dev.weft.plugin.PluginPackage;
import dev.weft.plugin.PluginResult;
import dev.weft.plugin.PluginRun;
import dev.weft.plugin.PluginRuntime;
import dev.weft.server.http.ApiException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The server's side of the plugin runtime: checks published packages with it, and keeps the loaded (checked and
 * parsed) plugins in a small cache, keyed by the module's digest, so that a plugin run often is parsed once.
 */
final class WasmPlugins implements AutoCloseable {
    private static final int CACHED_PLUGINS = 64;

    private final PluginRuntime runtime;
    private final Cache<String, LoadedPlugin> loaded = Caffeine.newBuilder().maximumSize(CACHED_PLUGINS).build();

    WasmPlugins(PluginRuntime runtime) {
        this.runtime = runtime;
    }

    /** What the marketplace lists of a checked package. */
    record Checked(String name, String version, String description, String author, String license, String category,
            List<String> tags) {
    }

    /**
     * Checks a package whole, manifest and module, as the runtime would before running it.
     *
     * @throws ApiException 400 {@code invalid_plugin} listing every problem
     */
    Checked check(byte[] manifest, byte[] module) {
        PluginManifest checked = load(manifest, module).manifest();
        return new Checked(checked.name(), checked.version().toString(), checked.description(), checked.author(),
                checked.license(), checked.category(), checked.tags());
    }

    /** The package loaded in the runtime. @throws ApiException 400 {@code invalid_plugin} if it does not load */
    LoadedPlugin load(byte[] manifest, byte[] module) {
        try {
            return loaded.get(digest(manifest, module), key -> runtime.load(PluginPackage.of(manifest, module)));
        } catch (InvalidPluginException e) {
            throw ApiException.badRequest("invalid_plugin", e.getMessage());
        }
    }

    /** Runs a loaded plugin and waits. @throws dev.weft.plugin.PluginException saying why it failed */
    PluginResult run(LoadedPlugin plugin, PluginRun run) {
        return runtime.run(plugin, run);
    }

    @Override
    public void close() {
        loaded.invalidateAll();
        runtime.close();
    }

    private static String digest(byte[] manifest, byte[] module) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(manifest);
            sha.update((byte) 0);
            sha.update(module);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
