/**
 * The Weft server application and its command line ({@link dev.weft.server.Weft}).
 *
 * <p>Contract: this is the top of the module graph and the only module that knows Netty: it may use {@code crdt},
 * {@code protocol}, {@code storage} and {@code plugin-runtime}, and nothing uses it. Its code is
 * organised in packages by feature ({@code sync}, {@code signaling}, {@code sharing}, {@code comments},
 * {@code notifications}, {@code canvas}, {@code plugins}, {@code auth}, {@code http}, {@code config}), each owning
 * its HTTP routes, services and socket messages.
 *
 * <p>Status: only the command line exists; {@code weft serve} reports that the sync server is not implemented
 * yet.
 */
package dev.weft.server;
