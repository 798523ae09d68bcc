/**
 * Sharing: documents as records with an owner and collaborators' roles ({@link dev.weft.server.sharing.Role}),
 * share links that readers open into read-only reader sessions, presence, and the audit log of sharing and role
 * changes.
 *
 * <p>Contract: {@link dev.weft.server.sharing.DocumentAccess} is the one place that decides what a token may do
 * with a document; every feature authorizes through it ({@code require} on the API, {@code resolve} for a grant),
 * and the WebSocket upgrade takes a connection's access from it. The tables live in
 * {@code dev.weft.storage.sharing}.
 */
package dev.weft.server.sharing;
