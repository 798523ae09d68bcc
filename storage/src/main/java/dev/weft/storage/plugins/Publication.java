package dev.weft.storage.plugins;

import java.util.Optional;

/**
 * What came of a {@link PluginRepository#publish publish}.
 *
 * @param published whether the plugin was stored
 * @param previous the version that was there before, if any (when not published, what refused it)
 */
public record Publication(boolean published, Optional<PluginListing> previous) {
}
