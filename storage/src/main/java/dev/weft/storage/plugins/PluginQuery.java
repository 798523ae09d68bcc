package dev.weft.storage.plugins;

import java.util.Optional;

/**
 * A marketplace search; every criterion given must hold. Category and tag match whole, ignoring case; the text
 * matches part of the name or the description, ignoring case.
 */
public record PluginQuery(Optional<String> category, Optional<String> tag, Optional<String> text, int limit) {

    public PluginQuery {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Every plugin, up to {@code limit}. */
    public static PluginQuery all(int limit) {
        return new PluginQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
