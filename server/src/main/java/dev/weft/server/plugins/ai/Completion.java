package dev.weft.server.plugins.ai;

/**
 * What the provider answered.
 *
 * @param text the completion's text
 * @param model the model that answered, as the provider names it
 * @param promptTokens tokens the provider counted in the request
 * @param completionTokens tokens the provider counted in the answer
 */
public record Completion(String text, String model, long promptTokens, long completionTokens) {
}
