/**
 * Document sync, free of any transport: {@link dev.weft.server.sync.Rooms} holds the loaded documents, each a
 * {@code Room} (its {@code Doc}, awareness and connections) pinned to one thread; a
 * {@link dev.weft.server.sync.Session} is one connection to one document, fed frames by the transport and
 * answering through an {@link dev.weft.server.sync.Outbox}.
 *
 * <p>Contract: a room answers nothing before its stored state has loaded; it relays an update only once storage
 * has committed it, and sends a sync step 2 only once everything it may contain is committed; a connection that
 * sends something that is not y-websocket protocol is closed with a {@link dev.weft.server.sync.CloseReason},
 * the one place protocol failures map to close codes. Rooms are evicted when nobody holds them and no write is
 * pending. Other features reach open documents only through {@link dev.weft.server.sync.Rooms}: access changes and
 * revocations, extension messages, presence, and server-side edits, each run on the room's thread.
 */
package dev.weft.server.sync;
