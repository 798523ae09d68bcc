package dev.weft.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A plugin as it is distributed: its manifest and the module the manifest's {@code entry} names. Holding one
 * means the manifest is valid; the module is checked by {@link PluginRuntime#load(PluginPackage)}.
 */
public record PluginPackage(PluginManifest manifest, byte[] module) {

    /** A package from a manifest's JSON and the module's bytes. @throws InvalidPluginException if the manifest is invalid */
    public static PluginPackage of(byte[] manifestJson, byte[] module) {
        return new PluginPackage(PluginManifest.parse(manifestJson), module.clone());
    }

    /**
     * A package from a directory holding {@code plugin.json} and the module it names.
     *
     * @throws InvalidPluginException if the manifest is invalid or the module is missing
     */
    public static PluginPackage fromDirectory(Path directory) {
        try {
            PluginManifest manifest = PluginManifest.parse(Files.readAllBytes(directory.resolve("plugin.json")));
            return new PluginPackage(manifest, Files.readAllBytes(directory.resolve(manifest.entry())));
        } catch (NoSuchFileException e) {
            throw new InvalidPluginException("the package has no " + Path.of(e.getFile()).getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] module() {
        return module.clone();
    }
}
