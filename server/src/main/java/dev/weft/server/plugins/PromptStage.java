package dev.weft.server.plugins;

import dev.weft.server.plugins.ai.ModelParameters;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to the model in a prompt plugin.
 *
 * @param model the provider's model name
 * @param system the system message's template, if any
 * @param prompt the user message's template
 * @param parameters how the model samples
 */
public record PromptStage(String model, Optional<PromptTemplate> system, PromptTemplate prompt,
        ModelParameters parameters) {

    public PromptStage {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(parameters, "parameters");
    }
}
