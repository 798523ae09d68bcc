/**
 * The server's meters ({@link dev.weft.server.metrics.ServerMetrics}), kept in a Micrometer Prometheus registry
 * and served as text at {@code /metrics}.
 *
 * <p>Contract: features report events (a connection opened, an update stored, a document evicted) through
 * methods named for them; only this package knows meter names.
 */
package dev.weft.server.metrics;
