/**
 * The wire formats Weft speaks, as pure encoders and decoders over byte arrays, with no I/O and no Netty.
 *
 * <p>y-websocket: a binary frame holds a {@link dev.weft.protocol.SyncProtocolMessage}, {@code varUint(type)} then
 * its payload: sync 0 (subtype step 1 with a state vector, step 2 or update with an update), awareness 1 (an
 * awareness update), auth 2 (permission denied 0 plus a reason), query awareness 3 (nothing). y-websocket sends one
 * message per frame; {@link dev.weft.protocol.MessageReader} also reads several back to back, and
 * {@link dev.weft.protocol.MessageWriter} writes one, byte for byte as y-protocols does.
 *
 * <p>{@link dev.weft.protocol.Awareness} keeps a room's awareness states as y-protocols' awareness.js does (clocks,
 * removal by a null state, 30 s expiry), reporting each call's effect as an
 * {@link dev.weft.protocol.AwarenessChange} that carries the update to relay.
 *
 * <p>Decoding is strict: an empty frame, a message or awareness update cut short or followed by stray bytes, an
 * out-of-range number, invalid UTF-8, an awareness state that is not JSON, or an unknown message type is a
 * {@link dev.weft.protocol.ProtocolException} of a {@link dev.weft.protocol.ProtocolException.Kind}, thrown before
 * anything is applied; never a short read. Nothing here is thread-safe unless it says so: a room's thread owns its
 * awareness, and the reader and writer are stateless.
 *
 * <p>Weft's extension messages ({@link dev.weft.protocol.extension}: comments, notifications), which share the
 * socket but are only sent to clients that asked for them, so that a plain y-websocket client never receives a type
 * it does not know. y-webrtc signalling ({@link dev.weft.protocol.signaling}): JSON text frames {@code subscribe},
 * {@code unsubscribe}, {@code publish} and {@code ping}/{@code pong}.
 *
 * <p>Depends on {@code dev.weft.crdt} (lib0's codec) and Jackson (awareness states), nothing above them.
 */
package dev.weft.protocol;
