/**
 * The network side: one Netty pipeline per connection ({@link dev.weft.server.http.WeftChannelInitializer})
 * that serves HTTP ({@code /healthz}, {@code /metrics}, {@code /api/documents/...}, the editor page) or upgrades
 * to a y-websocket sync connection, whose frames go to a {@link dev.weft.server.sync.Session}.
 *
 * <p>Contract: handlers are small and do one job; nothing here blocks an event loop (file and database reads go
 * to the blocking executor) or knows how documents sync. Errors are JSON
 * {@code {"error": {"code": "...", "message": "..."}}} with the matching status; tokens are checked at the
 * upgrade and on every API request.
 */
package dev.weft.server.http;
