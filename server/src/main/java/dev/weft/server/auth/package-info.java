/**
 * Who may open which document: {@link dev.weft.server.auth.Authenticator} turns an access token (HS256 JWT
 * signed with the configured secret; claims {@code sub}, {@code docs}, {@code scope}, {@code exp}, optional
 * {@code name}), or a share-link reader's token that Weft minted itself ({@link dev.weft.server.auth.ReaderTokens}),
 * into a {@link dev.weft.server.auth.Grant}, or refuses it with an {@link dev.weft.server.auth.AuthException} whose
 * kind the HTTP layer maps to 401 or 403.
 *
 * <p>Contract: tokens are checked once, at the WebSocket upgrade or per HTTP request, and a connection is closed
 * when its token expires. What a grant may do with a given document is decided by a
 * {@link dev.weft.server.auth.DocumentAccessPolicy} (the sharing feature's document roles); inside a connection
 * the sync feature enforces it (read-only refusals), and a change of role reaches open connections at once.
 * Without a secret the server runs in the open development mode ({@link dev.weft.server.auth.Authenticator#open()}).
 */
package dev.weft.server.auth;
