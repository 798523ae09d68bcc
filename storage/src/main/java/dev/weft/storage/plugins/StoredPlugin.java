package dev.weft.storage.plugins;

import java.util.Objects;
import java.util.Optional;

/**
 * A published plugin whole: its listing, its manifest as published (JSON, UTF-8) and, for a wasm plugin, its module.
 */
public record StoredPlugin(PluginListing listing, byte[] manifest, Optional<byte[]> module) {

    public StoredPlugin {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(module, "module");
        if (module.isPresent() != (listing.kind() == PluginKind.WASM)) {
            throw new IllegalArgumentException("a wasm plugin has a module, a prompt plugin has none");
        }
    }

    public String name() {
        return listing.name();
    }
}
