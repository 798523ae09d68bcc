package dev.weft.storage.plugins;

import java.time.Instant;
import java.util.Objects;

/**
 * One AI call a plugin run made, and what it cost its user.
 *
 * @param subject the user who ran the plugin
 * @param document the document it ran on
 * @param plugin the plugin's name
 * @param model the model called
 * @param promptTokens tokens sent, as the provider counted them
 * @param completionTokens tokens received, as the provider counted them
 * @param cost what it cost, in micro-credits
 * @param at when (ignored when recording: the time of the write is stored)
 */
public record AiUsage(String subject, String document, String plugin, String model, long promptTokens,
        long completionTokens, long cost, Instant at) {

    public AiUsage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(model, "model");
        if (promptTokens < 0 || completionTokens < 0 || cost < 0) {
            throw new IllegalArgumentException("tokens and cost cannot be negative");
        }
    }
}
