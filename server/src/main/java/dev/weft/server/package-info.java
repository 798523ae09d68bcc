/**
 * The Weft server application: {@link dev.weft.server.WeftServer} (storage, rooms, and the Netty server on one
 * port) and its command line ({@link dev.weft.server.Weft}, {@code weft serve}).
 *
 * <p>Contract: this is the top of the module graph and the only module that knows Netty: it may use {@code crdt},
 * {@code protocol}, {@code storage} and {@code plugin-runtime}, and nothing uses it. Its code is organised in
 * packages by feature ({@code sync}, {@code auth}, {@code http}, {@code config}, {@code metrics}; later
 * {@code signaling}, {@code sharing}, {@code comments}, {@code notifications}, {@code canvas}, {@code plugins}),
 * each owning its routes, services and socket messages.
 */
package dev.weft.server;
