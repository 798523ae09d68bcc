/**
 * The AI provider behind prompt-template plugins and the {@code ai.generate} host call:
 * {@link dev.weft.server.plugins.ai.AiProvider} (one chat completion), its OpenAI-compatible HTTP client
 * {@link dev.weft.server.plugins.ai.OpenAiCompatibleProvider}, and what a call costs
 * ({@link dev.weft.server.plugins.ai.Pricing}, with token counts from {@link dev.weft.server.plugins.ai.TokenCounter}).
 * Failures are {@link dev.weft.server.plugins.ai.AiException}s whose kind says what the user can do about them.
 */
package dev.weft.server.plugins.ai;
