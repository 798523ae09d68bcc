package dev.weft.storage.plugins;

import java.time.Instant;

/**
 * A plugin installed on one document, or on every document of the server.
 *
 * @param document the document's name; empty for a server-wide installation
 * @param plugin the plugin's name
 * @param installedBy the subject who installed it
 * @param installedAt when
 */
public record PluginInstall(String document, String plugin, String installedBy, Instant installedAt) {

    /** The {@code document} of a server-wide installation. */
    public static final String SERVER_WIDE = "";

    public boolean serverWide() {
        return document.equals(SERVER_WIDE);
    }
}
