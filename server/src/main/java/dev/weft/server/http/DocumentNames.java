package dev.weft.server.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;

/**
 * Document names as URLs carry them: the WebSocket path without its leading {@code /} (y-websocket's room name)
 * and the {@code {name}} of {@code /api/documents/{name}}, percent-decoded, so that {@code my%20notes} in either
 * place names the document {@code my notes}.
 */
public final class DocumentNames {
    /** Long enough for any sensible name, short enough to keep keys and logs small. */
    public static final int MAX_LENGTH = 512;

    private DocumentNames() {
    }

    /** The document named by a raw (still percent-encoded) path segment, or empty if it is not a valid name. */
    static Optional<String> decode(String rawName) {
        String name;
        try {
            // A path keeps '+' as it is, where query decoding would turn it into a space.
            name = QueryStringDecoder.decodeComponent(rawName.replace("+", "%2B"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return isValid(name) ? Optional.of(name) : Optional.empty();
    }

    /** Whether {@code name}, decoded, is a valid document name: 1 to {@value #MAX_LENGTH} characters, no controls. */
    public static boolean isValid(String name) {
        return !name.isEmpty() && name.length() <= MAX_LENGTH && name.chars().noneMatch(Character::isISOControl);
    }
}
