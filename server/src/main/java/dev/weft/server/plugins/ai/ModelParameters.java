package dev.weft.server.plugins.ai;

import java.util.List;

/**
 * How a model samples, as OpenAI's chat completions take it; {@code null} leaves a parameter to the provider.
 *
 * @param temperature 0 to 2
 * @param topP 0 to 1
 * @param frequencyPenalty -2 to 2
 * @param presencePenalty -2 to 2
 * @param maxTokens the most tokens the completion may have; also what a cost estimate assumes it will use
 * @param stop up to 4 sequences that end the completion
 */
public record ModelParameters(Double temperature, Double topP, Double frequencyPenalty, Double presencePenalty,
        Integer maxTokens, List<String> stop) {

    /** The completion length a cost estimate assumes when {@code maxTokens} is not set. */
    public static final int DEFAULT_MAX_TOKENS = 512;

    public ModelParameters {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** {@code maxTokens}, or {@link #DEFAULT_MAX_TOKENS} when not set. */
    public int completionBudget() {
        return maxTokens != null ? maxTokens : DEFAULT_MAX_TOKENS;
    }
}
