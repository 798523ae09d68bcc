package dev.weft.server.plugins.ai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Optional;

/**
 * Counts the tokens of a prompt before it is sent, for cost estimates: with the model's own encoding when JTokkit
 * knows the model (OpenAI's), else with {@code o200k_base}, which is close for other modern models. Providers
 * count the real usage; this only has to be near enough to refuse a run a user cannot afford.
 */
public final class TokenCounter {
    /** What the chat format adds: a few tokens per message, and the reply's priming. */
    private static final int PER_MESSAGE = 4;
    private static final int PER_REPLY = 3;

    private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    private final Encoding fallback = registry.getEncoding(EncodingType.O200K_BASE);

    /** The tokens of a chat request made of {@code system} (if any) and {@code prompt}, sent to {@code model}. */
    public long promptTokens(String model, Optional<String> system, String prompt) {
        Encoding encoding = registry.getEncodingForModel(model).orElse(fallback);
        long tokens = PER_REPLY + PER_MESSAGE + encoding.countTokens(prompt);
        if (system.isPresent()) {
            tokens += PER_MESSAGE + encoding.countTokens(system.get());
        }
        return tokens;
    }

    /** The tokens of {@code text} alone, in {@code model}'s encoding: what a completion of it counts. */
    public long textTokens(String model, String text) {
        return registry.getEncodingForModel(model).orElse(fallback).countTokens(text);
    }
}
