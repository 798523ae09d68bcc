package dev.weft.protocol;

import static dev.weft.protocol.WireTypes.AUTH_PERMISSION_DENIED;
import static dev.weft.protocol.WireTypes.MESSAGE_AUTH;
import static dev.weft.protocol.WireTypes.MESSAGE_AWARENESS;
import static dev.weft.protocol.WireTypes.MESSAGE_QUERY_AWARENESS;
import static dev.weft.protocol.WireTypes.MESSAGE_SYNC;
import static dev.weft.protocol.WireTypes.SYNC_STEP1;
import static dev.weft.protocol.WireTypes.SYNC_STEP2;
import static dev.weft.protocol.WireTypes.SYNC_UPDATE;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Lib0Decoder;
import dev.weft.protocol.ProtocolException.Kind;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.QueryAwareness;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the y-websocket messages of one binary WebSocket frame.
 *
 * <p>y-websocket sends one message per frame, but other clients put several back to back, so a frame is read as a
 * sequence of whole messages up to its last byte. The reader is strict where y-protocols is lenient: lib0 reads
 * past the end of its array as zeros and y-protocols ignores unknown auth subtypes and bytes after a message, while
 * here an empty frame, a message cut short, a number out of range, invalid UTF-8 or an unknown type rejects the
 * whole frame with a {@link ProtocolException}, before any of its messages is acted on. Payloads (state vectors,
 * updates, awareness updates) are only framed here; their contents are read by the CRDT engine and by
 * {@link Awareness}.
 */
public final class MessageReader {
    private MessageReader() {
    }

    /**
     * Reads every message of a frame.
     *
     * @return the messages in frame order, at least one
     * @throws ProtocolException {@link Kind#MALFORMED} if the frame is empty or does not end where its last message
     *     ends, {@link Kind#UNSUPPORTED_TYPE} if a message type or subtype is unknown
     */
    public static List<SyncProtocolMessage> readAll(byte[] frame) {
        return readAll(frame, 0, frame.length);
    }

    /**
     * Reads every message of a frame held in {@code length} bytes of {@code bytes} from {@code offset}, as
     * {@link #readAll(byte[])}. The messages' payloads are copies: the array may be reused afterwards.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public static List<SyncProtocolMessage> readAll(byte[] bytes, int offset, int length) {
        Lib0Decoder decoder = new Lib0Decoder(bytes, offset, length);
        if (!decoder.hasContent()) {
            throw new ProtocolException(Kind.MALFORMED, "Empty frame: a frame holds at least one message");
        }
        List<SyncProtocolMessage> messages = new ArrayList<>(1);
        do {
            int start = decoder.position();
            try {
                messages.add(readMessage(decoder));
            } catch (DecodingException e) {
                throw new ProtocolException(Kind.MALFORMED,
                        "Malformed message at offset " + start + " of the frame: " + e.getMessage(), e);
            }
        } while (decoder.hasContent());
        return messages;
    }

    private static SyncProtocolMessage readMessage(Lib0Decoder decoder) {
        long type = decoder.readVarUint();
        return switch (asSwitchable(type)) {
            case MESSAGE_SYNC -> readSyncMessage(decoder);
            case MESSAGE_AWARENESS -> new AwarenessMessage(decoder.readVarUint8Array());
            case MESSAGE_AUTH -> readAuthMessage(decoder);
            case MESSAGE_QUERY_AWARENESS -> new QueryAwareness();
            default -> throw unsupported("message type " + type, decoder);
        };
    }

    private static SyncProtocolMessage readSyncMessage(Lib0Decoder decoder) {
        long subtype = decoder.readVarUint();
        return switch (asSwitchable(subtype)) {
            case SYNC_STEP1 -> new SyncStep1(decoder.readVarUint8Array());
            case SYNC_STEP2 -> new SyncStep2(decoder.readVarUint8Array());
            case SYNC_UPDATE -> new SyncUpdate(decoder.readVarUint8Array());
            default -> throw unsupported("sync message subtype " + subtype, decoder);
        };
    }

    private static SyncProtocolMessage readAuthMessage(Lib0Decoder decoder) {
        long subtype = decoder.readVarUint();
        if (subtype != AUTH_PERMISSION_DENIED) {
            throw unsupported("auth message subtype " + subtype, decoder);
        }
        return new AuthPermissionDenied(decoder.readVarString());
    }

    /** A var-uint as a switch label: every value above the int range is as unknown as -1. */
    private static int asSwitchable(long value) {
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private static ProtocolException unsupported(String what, Lib0Decoder decoder) {
        return new ProtocolException(Kind.UNSUPPORTED_TYPE,
                "Unsupported " + what + " ending at offset " + decoder.position() + " of the frame");
    }
}
