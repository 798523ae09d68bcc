package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.plugin.LoadedPlugin;
import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.storage.plugins.PluginInstall;
import dev.weft.storage.plugins.PluginKind;
import dev.weft.storage.plugins.PluginListing;
import dev.weft.storage.plugins.PluginQuery;
import dev.weft.storage.plugins.PluginRepository;
import dev.weft.storage.plugins.Publication;
import dev.weft.storage.plugins.StoredPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * The marketplace: publishing checks a package whole before it is stored (a prompt plugin's manifest here, a wasm
 * plugin's manifest and module by the plugin runtime), and a new version must be newer than the one it replaces
 * and come from the same publisher (or an administrator). Installing needs the plugin to exist.
 */
final class PluginRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginRepository repository;
    private final WasmPlugins wasm;

    PluginRegistry(PluginRepository repository, WasmPlugins wasm) {
        this.repository = repository;
        this.wasm = wasm;
    }

    /** A plugin read back for a run: its listing with the definition to run. */
    record Loaded(PluginListing listing, Optional<PromptPlugin> prompt, Optional<LoadedPlugin> module) {
    }

    /**
     * Checks and stores a package: {@code "kind": "prompt"} in the manifest makes a prompt plugin (no module);
     * anything else is a wasm plugin's {@code plugin.json}, which needs its module.
     *
     * @return the publication: {@code previous} empty for a new plugin
     * @throws ApiException 400 {@code invalid_plugin} listing every problem, 403 when another publisher owns the
     *     name, 409 {@code version_not_newer}
     */
    Publication publish(JsonNode manifest, Optional<byte[]> module, Grant publisher, boolean admin) {
        StoredPlugin plugin = prepare(manifest, module, publisher.subject());
        Semver version = Semver.parse(plugin.listing().version());
        Publication publication = repository.publish(plugin, previous ->
                (previous.publisher().equals(publisher.subject()) || admin)
                        && version.isGreaterThan(previous.version())).join();
        if (!publication.published()) {
            PluginListing previous = publication.previous().orElseThrow();
            if (!previous.publisher().equals(publisher.subject()) && !admin) {
                throw ApiException.forbidden("the plugin " + previous.name() + " belongs to its publisher "
                        + previous.publisher() + "; publish under another name");
            }
            throw ApiException.conflict("version_not_newer", "the plugin " + previous.name() + " is at version "
                    + previous.version() + "; publish a higher version than that");
        }
        return publication;
    }

    private StoredPlugin prepare(JsonNode manifest, Optional<byte[]> module, String publisher) {
        byte[] manifestBytes = bytes(manifest);
        if (manifest != null && "prompt".equals(manifest.path("kind").asText())) {
            if (module.isPresent()) {
                throw ApiException.badRequest("invalid_plugin", "a prompt plugin has no module: leave out \"module\"");
            }
            PromptPlugin prompt = parsePrompt(manifest);
            return new StoredPlugin(new PluginListing(prompt.name(), prompt.version(), PluginKind.PROMPT,
                    prompt.description(), prompt.author(), prompt.license(), prompt.category(), prompt.tags(),
                    publisher, Instant.now()), manifestBytes, Optional.empty());
        }
        if (module.isEmpty()) {
            throw ApiException.badRequest("invalid_plugin", "a wasm plugin needs its module: \"module\" in base64"
                    + " (a prompt plugin says \"kind\": \"prompt\" in its manifest)");
        }
        WasmPlugins.Checked checked = wasm.check(manifestBytes, module.get());
        return new StoredPlugin(new PluginListing(checked.name(), checked.version(), PluginKind.WASM,
                checked.description(), checked.author(), checked.license(), checked.category(), checked.tags(),
                publisher, Instant.now()), manifestBytes, module);
    }

    static PromptPlugin parsePrompt(JsonNode manifest) {
        try {
            return PromptPlugin.parse(manifest);
        } catch (InvalidManifestException e) {
            throw ApiException.badRequest("invalid_plugin", e.getMessage());
        }
    }

    List<PluginListing> search(PluginQuery query) {
        return repository.search(query);
    }

    Optional<StoredPlugin> find(String name) {
        return repository.find(name);
    }

    /** The plugin named {@code name}, ready to run. @throws ApiException 404 if there is none */
    Loaded load(String name) {
        StoredPlugin stored = repository.find(name)
                .orElseThrow(() -> ApiException.notFound("no plugin named " + name + " is published"));
        if (stored.listing().kind() == PluginKind.PROMPT) {
            return new Loaded(stored.listing(), Optional.of(PromptPlugin.parse(manifest(stored))),
                    Optional.empty());
        }
        return new Loaded(stored.listing(), Optional.empty(),
                Optional.of(wasm.load(stored.manifest(), stored.module().orElseThrow())));
    }

    /** Unpublishes a plugin its caller published (or any, for an administrator). */
    void unpublish(String name, Grant caller, boolean admin) {
        PluginListing listing = repository.listing(name)
                .orElseThrow(() -> ApiException.notFound("no plugin named " + name + " is published"));
        if (!listing.publisher().equals(caller.subject()) && !admin) {
            throw ApiException.forbidden("only its publisher " + listing.publisher()
                    + " or an administrator may unpublish " + name);
        }
        repository.unpublish(name).join();
    }

    PluginInstall install(String document, String plugin, String installedBy) {
        return repository.install(document, plugin, installedBy).join()
                .orElseThrow(() -> ApiException.notFound("no plugin named " + plugin + " is published"));
    }

    void uninstall(String document, String plugin) {
        if (!repository.uninstall(document, plugin).join()) {
            throw ApiException.notFound("the plugin " + plugin + " is not installed "
                    + (document.equals(PluginInstall.SERVER_WIDE) ? "server-wide" : "on " + document));
        }
    }

    List<PluginInstall> installs(String document) {
        return repository.installs(document);
    }

    Optional<PluginInstall> installation(String document, String plugin) {
        return repository.installation(document, plugin);
    }

    private static byte[] bytes(JsonNode manifest) {
        if (manifest == null || !manifest.isObject()) {
            throw ApiException.badRequest("invalid_plugin",
                    "\"manifest\" must be the plugin's manifest, a JSON object");
        }
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest a plugin was published with. */
    static JsonNode manifest(StoredPlugin plugin) {
        try {
            return JSON.readTree(plugin.manifest());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored manifest is not JSON", e);
        }
    }
}
