/**
 * The story-planning canvas: a board of cards, notes, groups and connectors kept in the document itself, so that
 * every y-websocket client sees it live and edits it like the text. {@link dev.weft.server.canvas.CanvasDocument}
 * is the document model (README, section "The canvas document model"): the root {@code Y.Map} named
 * {@value dev.weft.server.canvas.CanvasDocument#ROOT} maps each element's id to a {@code Y.Map} of its fields.
 * {@link dev.weft.server.canvas.CanvasElement} is a proposed element, validated;
 * {@link dev.weft.server.canvas.Canvas} adds elements to a document through its room (committed, then broadcast,
 * like any update), as plugins propose them.
 */
package dev.weft.server.canvas;
