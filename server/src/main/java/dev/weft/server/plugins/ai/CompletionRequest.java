package dev.weft.server.plugins.ai;

import java.util.Objects;
import java.util.Optional;

/**
 * One chat completion to ask for: an optional system message, then the user's prompt.
 *
 * @param model the provider's model name
 * @param system the system message, if any
 * @param prompt the user message
 * @param parameters how to sample
 */
public record CompletionRequest(String model, Optional<String> system, String prompt, ModelParameters parameters) {

    public CompletionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(parameters, "parameters");
    }
}
