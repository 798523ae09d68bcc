package dev.weft.server.plugins.ai;

import dev.weft.server.config.PluginSettings;
import java.util.Map;

/** What a call costs, in micro-credits, by the configured price of its model. */
public final class Pricing {
    private final Map<String, PluginSettings.Price> prices;
    private final PluginSettings.Price defaultPrice;

    public Pricing(Map<String, PluginSettings.Price> prices, PluginSettings.Price defaultPrice) {
        this.prices = Map.copyOf(prices);
        this.defaultPrice = defaultPrice;
    }

    /** The cost of {@code promptTokens} in and {@code completionTokens} out of {@code model}, rounded up. */
    public long cost(String model, long promptTokens, long completionTokens) {
        PluginSettings.Price price = prices.getOrDefault(model, defaultPrice);
        long perThousandIn = Credits.toMicros(price.input());
        long perThousandOut = Credits.toMicros(price.output());
        return Math.ceilDiv(Math.multiplyExact(promptTokens, perThousandIn), 1000)
                + Math.ceilDiv(Math.multiplyExact(completionTokens, perThousandOut), 1000);
    }
}
