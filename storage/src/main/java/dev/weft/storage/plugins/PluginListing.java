package dev.weft.storage.plugins;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the marketplace shows of a plugin: everything but its manifest's body and its module.
 *
 * @param name the plugin's unique name
 * @param version the latest published version (semantic versioning)
 * @param kind wasm module or prompt template
 * @param description what it does
 * @param author who wrote it, as the manifest says
 * @param license its license, as the manifest says
 * @param category one category, for browsing
 * @param tags free tags, for search
 * @param publisher the subject who published it: only they may publish new versions or unpublish it
 * @param publishedAt when the latest version was published
 */
public record PluginListing(String name, String version, PluginKind kind, String description, String author,
        String license, String category, List<String> tags, String publisher, Instant publishedAt) {

    public PluginListing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(category, "category");
        tags = List.copyOf(tags);
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
