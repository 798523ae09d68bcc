/**
 * y-webrtc signalling on Weft's port: {@link dev.weft.server.signaling.Signaling} keeps the topics (y-webrtc room
 * names) and their subscribers, relays each publish to every subscriber of its topic, the sender included, with
 * {@code clients} added, and answers pings. A closed connection leaves all its topics; a topic without subscribers
 * is dropped.
 *
 * <p>Contract: a topic names the document its room edits, and may be joined or published to only with a token
 * that covers that document ({@link dev.weft.server.signaling.TopicAccess}), unless it is one of the configured
 * open topics. Refusals (a malformed message, a forbidden topic, too many topics, a full topic, too many publishes
 * per second) are error frames {@code {"type":"error","error":{"code","message"}}} that leave the connection and
 * everyone else as they were; a message over the size limit closes the connection with 1009. Wire format in
 * {@code dev.weft.protocol.signaling}; the WebSocket handshake, keepalive pings and slow-consumer guard are the
 * HTTP layer's, shared with sync.
 */
package dev.weft.server.signaling;
