package dev.weft.server.plugins.ai;

/**
 * A source of chat completions. Called from virtual threads: an implementation may block on the network.
 */
@FunctionalInterface
public interface AiProvider {

    /**
     * Asks for one completion.
     *
     * @throws AiException if there is none; its kind says why
     */
    Completion complete(CompletionRequest request);

    /** A provider for a server without one: every call fails with {@link AiException.Kind#NOT_CONFIGURED}. */
    static AiProvider none() {
        return request -> {
            throw new AiException(AiException.Kind.NOT_CONFIGURED,
                    "no AI provider is configured on this server (--ai-base-url, WEFT_AI_BASE_URL)");
        };
    }
}
