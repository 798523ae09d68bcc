/**
 * The wire formats Weft speaks, as pure encoders and decoders with no I/O and no Netty.
 *
 * <p>Contract: each y-websocket message is one frame, {@code varUint(type)} then its payload: sync 0 (step 1
 * carrying a state vector; step 2 and update carrying an update), awareness 1, auth 2 (permission denied 0 plus a
 * reason), query awareness 3. Weft's extension messages (comments, notifications, plugin results) share the same
 * socket but are only ever encoded for clients that asked for them, so a plain y-websocket client never receives a
 * type it does not know. y-webrtc signalling is JSON text: {@code subscribe}, {@code unsubscribe}, {@code publish}
 * and {@code ping}/{@code pong}.
 *
 * <p>Decoders are strict: a truncated or malformed message is a typed protocol error, never a short read. This
 * module depends on {@code dev.weft.crdt} and nothing above it.
 *
 * <p>Status: no code yet; the CRDT engine comes first.
 */
package dev.weft.protocol;
