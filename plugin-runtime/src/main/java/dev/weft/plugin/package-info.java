/**
 * The sandbox that runs WebAssembly plugins on GraalWasm.
 *
 * <p>Contract: a plugin is a manifest plus a {@code .wasm} module. The module is validated before it is
 * instantiated (a declared memory maximum under the cap, only known imports), then runs in a constrained polyglot
 * context with WASI off, under a deadline enforced by a watchdog, with only the host calls its manifest's
 * permissions allow. A plugin proposes edits, comments or canvas elements; it never mutates a document itself.
 *
 * <p>Nothing here knows Netty or rooms.
 *
 * <p>Status: no code yet; the CRDT engine comes first.
 */
package dev.weft.plugin;
