package dev.weft.server.sync;

import dev.weft.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * Why the server closes a connection: a WebSocket close code (RFC 6455, section 7.4.1) and a reason for people.
 * Every protocol failure maps to a close code here, in one place ({@link #of(ProtocolException)}).
 *
 * @param code the close code
 * @param reason at most 123 bytes of UTF-8, as a close frame allows; longer reasons are cut
 */
public record CloseReason(int code, String reason) {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    public static final int TRY_AGAIN_LATER = 1013;
    /** Private use (RFC 6455 allows 4000-4999), after HTTP's 401: reconnect with a fresh token. */
    public static final int TOKEN_EXPIRED = 4401;

    /** What a close frame's reason may hold: 125 bytes of payload less the 2-byte code. */
    private static final int MAX_REASON_BYTES = 123;

    public static final CloseReason SHUTTING_DOWN = new CloseReason(GOING_AWAY, "the server is shutting down");
    public static final CloseReason EXPIRED = new CloseReason(TOKEN_EXPIRED, "the access token has expired");

    public CloseReason {
        reason = truncate(reason);
    }

    /** The close for a frame that is not y-websocket protocol. */
    public static CloseReason of(ProtocolException e) {
        return switch (e.kind()) {
            case MALFORMED -> new CloseReason(INVALID_PAYLOAD, "malformed message: " + e.getMessage());
            case UNSUPPORTED_TYPE -> new CloseReason(UNSUPPORTED_DATA, "unsupported message: " + e.getMessage());
        };
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        // Cut at a character boundary: drop the bytes of a code point that would be split.
        int end = MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
