/**
 * y-webrtc's signalling protocol: JSON objects in WebSocket text frames, one message each.
 * {@link dev.weft.protocol.signaling.SignalingMessage} names them ({@code subscribe}, {@code unsubscribe},
 * {@code publish}, {@code ping}, {@code pong}, and Weft's {@code error}); {@link
 * dev.weft.protocol.signaling.SignalingCodec} reads them strictly, each failure a
 * {@link dev.weft.protocol.ProtocolException} that says what was wrong, and writes them, a relayed publish with
 * {@code clients} added.
 *
 * <p>Pure values and functions: no I/O, no Netty, no state. Topics, access and limits are the server's.
 */
package dev.weft.protocol.signaling;
