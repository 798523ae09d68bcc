/**
 * Comments: threads anchored to passages of a document by Yjs relative positions, their replies, and the live
 * events that tell every client allowed to see them, on the sync WebSocket (extension messages, for clients that
 * asked with {@code ?ext=comments}) and as server-sent events.
 *
 * <p>{@link dev.weft.server.comments.CommentsApi} is the HTTP surface, authorized through the sharing feature's
 * {@code DocumentAccess}; {@link dev.weft.server.comments.CommentThreads} holds the rules (who sees, writes, edits,
 * deletes, resolves); {@link dev.weft.server.comments.LiveEvents} fans events out; anchors are resolved on the
 * document's room thread, through the rooms' read API. Storage is {@code dev.weft.storage.comments}.
 */
package dev.weft.server.comments;
