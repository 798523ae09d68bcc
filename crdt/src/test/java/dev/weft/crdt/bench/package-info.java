/**
 * Weft's side of the CRDT benchmark ({@code ./weft bench crdt}): {@link dev.weft.crdt.bench.CrdtBench} replays
 * prepared editing traces, loads and encodes their final documents and measures what a loaded document retains,
 * with the same protocol and output as the JavaScript peers in client-js/bench/crdt, which put the figures beside
 * Yjs's and ywasm's in docs/benchmarks.md. Benchmarks only: nothing here is a test, and no test measures speed.
 */
package dev.weft.crdt.bench;
