package dev.weft.protocol;

import java.util.Objects;

/**
 * One y-websocket message, as y-protocols and y-websocket frame it: a var-uint message type, then its payload.
 * Read with {@link MessageReader}, written with {@link MessageWriter}.
 *
 * <p>Byte arrays are neither copied nor compared by content: a message holds the array it was given, and the
 * reader hands each message arrays of its own.
 */
public sealed interface SyncProtocolMessage {

    /** Sync step 1 (type 0, subtype 0): the sender's encoded state vector, asking for everything it lacks. */
    record SyncStep1(byte[] stateVector) implements SyncProtocolMessage {
        public SyncStep1 {
            Objects.requireNonNull(stateVector, "stateVector");
        }
    }

    /** Sync step 2 (type 0, subtype 1): an update (format V1) answering a step 1 with what its sender lacked. */
    record SyncStep2(byte[] update) implements SyncProtocolMessage {
        public SyncStep2 {
            Objects.requireNonNull(update, "update");
        }
    }

    /** Sync update (type 0, subtype 2): an update (format V1) made after the sync, relayed as it happens. */
    record SyncUpdate(byte[] update) implements SyncProtocolMessage {
        public SyncUpdate {
            Objects.requireNonNull(update, "update");
        }
    }

    /** Awareness (type 1): an encoded awareness update, which {@link Awareness#apply} reads. */
    record AwarenessMessage(byte[] awarenessUpdate) implements SyncProtocolMessage {
        public AwarenessMessage {
            Objects.requireNonNull(awarenessUpdate, "awarenessUpdate");
        }
    }

    /** Auth permission denied (type 2, subtype 0): the server refused something; y-websocket logs the reason. */
    record AuthPermissionDenied(String reason) implements SyncProtocolMessage {
        public AuthPermissionDenied {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Query awareness (type 3, no payload): asks for every awareness state the receiver knows. */
    record QueryAwareness() implements SyncProtocolMessage {
    }
}
