package dev.weft.protocol;

/** The message type and subtype numbers of y-websocket and y-protocols, shared by the reader and the writer. */
final class WireTypes {
    static final int MESSAGE_SYNC = 0;
    static final int MESSAGE_AWARENESS = 1;
    static final int MESSAGE_AUTH = 2;
    static final int MESSAGE_QUERY_AWARENESS = 3;

    static final int SYNC_STEP1 = 0;
    static final int SYNC_STEP2 = 1;
    static final int SYNC_UPDATE = 2;

    static final int AUTH_PERMISSION_DENIED = 0;

    private WireTypes() {
    }
}
