package dev.weft.protocol.extension;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.crdt.lib0.Lib0Encoder;
import dev.weft.protocol.ProtocolException;
import java.util.Objects;

/**
 * A Weft extension message on the y-websocket socket: {@code varUint(}{@value #MESSAGE_TYPE}{@code )}, then
 * {@code varString(extension)}, then {@code varString(json)}, in lib0's encoding like every y-websocket message.
 * The extension names the feature ({@code comments}, ...); the JSON is that feature's event, documented with it.
 *
 * <p>Only the server sends them, and only to a client that asked for the extension when it connected
 * ({@code ?ext=comments}): a plain y-websocket client never receives a message type it does not know. The type
 * number is clear of y-websocket's (0 to 3) and of Hocuspocus's (up to 8), so a client can route it with
 * {@code provider.messageHandlers[}{@value #MESSAGE_TYPE}{@code ]}.
 *
 * @param extension the feature the message belongs to
 * @param json the event, a JSON text
 */
public record ExtensionMessage(String extension, String json) {
    /** The y-websocket message type of extension messages. */
    public static final int MESSAGE_TYPE = 20;

    public ExtensionMessage {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(json, "json");
        if (extension.isEmpty()) {
            throw new IllegalArgumentException("an extension message needs an extension name");
        }
    }

    /** The message as one WebSocket frame's bytes. */
    public byte[] encode() {
        Lib0Encoder encoder = new Lib0Encoder(json.length() + extension.length() + 8);
        encoder.writeVarUint(MESSAGE_TYPE);
        encoder.writeVarString(extension);
        encoder.writeVarString(json);
        return encoder.toByteArray();
    }

    /**
     * Reads one frame, strictly.
     *
     * @throws ProtocolException if the frame is not exactly one extension message
     */
    public static ExtensionMessage decode(byte[] frame) {
        Lib0Decoder decoder = new Lib0Decoder(frame);
        try {
            long type = decoder.readVarUint();
            if (type != MESSAGE_TYPE) {
                throw new ProtocolException(ProtocolException.Kind.UNSUPPORTED_TYPE,
                        "not an extension message: type " + type);
            }
            ExtensionMessage message = new ExtensionMessage(decoder.readVarString(), decoder.readVarString());
            if (decoder.hasContent()) {
                throw new ProtocolException(ProtocolException.Kind.MALFORMED,
                        "an extension message followed by " + decoder.remaining() + " stray bytes");
            }
            return message;
        } catch (DecodingException | IllegalArgumentException e) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED,
                    "a malformed extension message: " + e.getMessage());
        }
    }
}
