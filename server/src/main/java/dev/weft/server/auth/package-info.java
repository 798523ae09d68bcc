/**
 * Who may open which document: {@link dev.weft.server.auth.Authenticator} turns an access token (HS256 JWT
 * signed with the configured secret; claims {@code sub}, {@code docs}, {@code scope}, {@code exp}) into a
 * {@link dev.weft.server.auth.Grant}, or refuses it with an {@link dev.weft.server.auth.AuthException} whose kind
 * the HTTP layer maps to 401 or 403.
 *
 * <p>Contract: tokens are checked once, at the WebSocket upgrade or per HTTP request; what a grant allows inside
 * a connection (read-only refusals) is enforced by the sync feature. Without a secret the server runs in the
 * open development mode ({@link dev.weft.server.auth.Authenticator#open()}).
 */
package dev.weft.server.auth;
