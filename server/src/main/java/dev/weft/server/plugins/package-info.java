/**
 * Plugins on documents: the marketplace (publish, search, install per document or server-wide), runs of wasm
 * plugins in the {@code plugin-runtime} sandbox and of prompt-template plugins through an OpenAI-compatible AI
 * provider, the seed list of variables read from a document and its Story Bible, and each user's AI credits.
 * {@link dev.weft.server.plugins.Plugins} assembles it; {@link dev.weft.server.plugins.PluginsApi} is its HTTP
 * API. What a run proposes is applied only with its manifest's permission and the caller's access: edits and
 * canvas elements (through {@link dev.weft.server.canvas.Canvas}) through the room (committed, then broadcast, like
 * any update), comments through the comments feature.
 */
package dev.weft.server.plugins;
