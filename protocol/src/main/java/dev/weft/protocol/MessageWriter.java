package dev.weft.protocol;

import static dev.weft.protocol.WireTypes.AUTH_PERMISSION_DENIED;
import static dev.weft.protocol.WireTypes.MESSAGE_AUTH;
import static dev.weft.protocol.WireTypes.MESSAGE_AWARENESS;
import static dev.weft.protocol.WireTypes.MESSAGE_QUERY_AWARENESS;
import static dev.weft.protocol.WireTypes.MESSAGE_SYNC;
import static dev.weft.protocol.WireTypes.SYNC_STEP1;
import static dev.weft.protocol.WireTypes.SYNC_STEP2;
import static dev.weft.protocol.WireTypes.SYNC_UPDATE;

import dev.weft.crdt.lib0.Lib0Encoder;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.QueryAwareness;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;

/**
 * Writes one y-websocket message as the bytes of one frame, byte for byte as y-protocols writes it (y-websocket
 * sends one message per frame). Encode a message once and send the same bytes to every connection.
 */
public final class MessageWriter {
    /** Room for the type, the subtype and a payload length, which a var-uint writes in at most 8 bytes. */
    private static final int HEADER_ROOM = 16;

    private MessageWriter() {
    }

    /** The frame carrying {@code message}. */
    public static byte[] write(SyncProtocolMessage message) {
        return switch (message) {
            case SyncStep1 m -> sync(SYNC_STEP1, m.stateVector());
            case SyncStep2 m -> sync(SYNC_STEP2, m.update());
            case SyncUpdate m -> sync(SYNC_UPDATE, m.update());
            case AwarenessMessage m -> awareness(m.awarenessUpdate());
            case AuthPermissionDenied m -> permissionDenied(m.reason());
            case QueryAwareness m -> new byte[] {MESSAGE_QUERY_AWARENESS};
        };
    }

    private static byte[] sync(int subtype, byte[] payload) {
        Lib0Encoder encoder = new Lib0Encoder(payload.length + HEADER_ROOM);
        encoder.writeVarUint(MESSAGE_SYNC);
        encoder.writeVarUint(subtype);
        encoder.writeVarUint8Array(payload);
        return encoder.toByteArray();
    }

    private static byte[] awareness(byte[] awarenessUpdate) {
        Lib0Encoder encoder = new Lib0Encoder(awarenessUpdate.length + HEADER_ROOM);
        encoder.writeVarUint(MESSAGE_AWARENESS);
        encoder.writeVarUint8Array(awarenessUpdate);
        return encoder.toByteArray();
    }

    private static byte[] permissionDenied(String reason) {
        Lib0Encoder encoder = new Lib0Encoder();
        encoder.writeVarUint(MESSAGE_AUTH);
        encoder.writeVarUint(AUTH_PERMISSION_DENIED);
        encoder.writeVarString(reason);
        return encoder.toByteArray();
    }
}
