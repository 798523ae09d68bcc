/**
 * The server's settings: {@link dev.weft.server.config.ServerConfig} (where to listen, the data directory, the
 * token secret) and {@link dev.weft.server.config.Limits} (every bound a client is held to).
 *
 * <p>Contract: plain immutable values, validated when built; nothing here reads the environment or flags (the
 * command line does) and nothing here starts anything.
 */
package dev.weft.server.config;
