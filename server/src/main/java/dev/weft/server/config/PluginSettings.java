package dev.weft.server.config;

import dev.weft.plugin.RuntimeLimits;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plugins and the AI provider behind prompt-template plugins: where the provider is, what its models cost, what
 * each user may spend, and who may manage plugins for the whole server.
 *
 * @param aiBaseUrl the base URL of an OpenAI-compatible API ({@code https://api.openai.com/v1}); empty: no AI
 * @param aiApiKey the key sent to it as {@code Authorization: Bearer}, if it needs one
 * @param aiTimeout how long to wait for one completion
 * @param aiDefaultModel the model a wasm plugin's {@code ai.generate} calls
 * @param aiMaxConcurrent AI calls the server makes at once; more wait (up to {@code aiTimeout}), then fail with 503
 * @param aiPrices what each model costs, by model name
 * @param aiDefaultPrice what a model missing from {@code aiPrices} costs
 * @param startingCredits what each user may spend before anyone grants them more
 * @param admins subjects who may install plugins server-wide, unpublish anyone's plugin and grant credits (in
 *     the open development mode, everyone may)
 * @param runtime what one wasm plugin run may cost: deadline, memory, workers, queue, rate
 */
public record PluginSettings(
        Optional<URI> aiBaseUrl,
        Optional<String> aiApiKey,
        Duration aiTimeout,
        String aiDefaultModel,
        int aiMaxConcurrent,
        Map<String, Price> aiPrices,
        Price aiDefaultPrice,
        BigDecimal startingCredits,
        List<String> admins,
        RuntimeLimits runtime) {

    public static final PluginSettings DEFAULTS = new PluginSettings(Optional.empty(), Optional.empty(),
            Duration.ofSeconds(60), "gpt-4o-mini", 16, Map.of(), Price.parse("0.002"), new BigDecimal("10"),
            List.of(), RuntimeLimits.defaults());

    public PluginSettings {
        Objects.requireNonNull(aiBaseUrl, "aiBaseUrl");
        aiBaseUrl.ifPresent(url -> {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("the AI base URL must be an http or https URL, like"
                        + " https://api.openai.com/v1, not " + url);
            }
        });
        Objects.requireNonNull(aiApiKey, "aiApiKey");
        if (aiTimeout.isNegative() || aiTimeout.isZero()) {
            throw new IllegalArgumentException("the AI timeout must be positive");
        }
        if (aiDefaultModel.isBlank()) {
            throw new IllegalArgumentException("the default AI model must be named");
        }
        if (aiMaxConcurrent <= 0) {
            throw new IllegalArgumentException("the number of concurrent AI calls must be positive");
        }
        aiPrices = Map.copyOf(aiPrices);
        Objects.requireNonNull(aiDefaultPrice, "aiDefaultPrice");
        if (startingCredits.signum() < 0) {
            throw new IllegalArgumentException("the starting credits cannot be negative");
        }
        admins = List.copyOf(admins);
        Objects.requireNonNull(runtime, "runtime");
    }

    public PluginSettings withAi(URI baseUrl, String apiKey) {
        return new PluginSettings(Optional.of(baseUrl), Optional.ofNullable(apiKey), aiTimeout, aiDefaultModel,
                aiMaxConcurrent, aiPrices, aiDefaultPrice, startingCredits, admins, runtime);
    }

    public PluginSettings withAiTimeout(Duration timeout) {
        return new PluginSettings(aiBaseUrl, aiApiKey, timeout, aiDefaultModel, aiMaxConcurrent, aiPrices,
                aiDefaultPrice, startingCredits, admins, runtime);
    }

    public PluginSettings withPrices(Map<String, Price> prices, Price defaultPrice) {
        return new PluginSettings(aiBaseUrl, aiApiKey, aiTimeout, aiDefaultModel, aiMaxConcurrent, prices,
                defaultPrice, startingCredits, admins, runtime);
    }

    public PluginSettings withStartingCredits(BigDecimal credits) {
        return new PluginSettings(aiBaseUrl, aiApiKey, aiTimeout, aiDefaultModel, aiMaxConcurrent, aiPrices,
                aiDefaultPrice, credits, admins, runtime);
    }

    public PluginSettings withAdmins(List<String> subjects) {
        return new PluginSettings(aiBaseUrl, aiApiKey, aiTimeout, aiDefaultModel, aiMaxConcurrent, aiPrices,
                aiDefaultPrice, startingCredits, subjects, runtime);
    }

    public PluginSettings withRuntime(RuntimeLimits limits) {
        return new PluginSettings(aiBaseUrl, aiApiKey, aiTimeout, aiDefaultModel, aiMaxConcurrent, aiPrices,
                aiDefaultPrice, startingCredits, admins, limits);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "PluginSettings[aiBaseUrl=" + aiBaseUrl + ", aiApiKey=" + (aiApiKey.isPresent() ? "(set)" : "(none)")
                + ", aiTimeout=" + aiTimeout + ", aiDefaultModel=" + aiDefaultModel + ", aiMaxConcurrent="
                + aiMaxConcurrent + ", aiPrices=" + aiPrices + ", aiDefaultPrice=" + aiDefaultPrice
                + ", startingCredits=" + startingCredits + ", admins=" + admins + ", runtime=" + runtime + "]";
    }

    /**
     * What a model costs, in credits per 1,000 tokens.
     *
     * @param input per 1,000 prompt tokens
     * @param output per 1,000 completion tokens
     */
    public record Price(BigDecimal input, BigDecimal output) {

        public Price {
            if (input.signum() < 0 || output.signum() < 0) {
                throw new IllegalArgumentException("a price cannot be negative");
            }
        }

        /**
         * Reads {@code INPUT[:OUTPUT]}, credits per 1,000 tokens ({@code 0.5} or {@code 0.15:0.6}).
         *
         * @throws IllegalArgumentException naming the text, if it is not that
         */
        public static Price parse(String text) {
            String[] parts = text.strip().split(":", -1);
            try {
                if (parts.length == 1) {
                    BigDecimal both = new BigDecimal(parts[0].strip());
                    return new Price(both, both);
                }
                if (parts.length == 2) {
                    return new Price(new BigDecimal(parts[0].strip()), new BigDecimal(parts[1].strip()));
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException("a price is INPUT[:OUTPUT] credits per 1000 tokens, like 0.5 or"
                    + " 0.15:0.6, not " + text);
        }
    }
}
