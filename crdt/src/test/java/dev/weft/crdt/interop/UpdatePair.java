package dev.weft.crdt.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/** One change encoded in both update formats, as the peers emitted it. */
public record UpdatePair(byte[] v1, byte[] v2) {
    static UpdatePair fromJson(JsonNode node) {
        return new UpdatePair(base64(node.get("v1")), base64(node.get("v2")));
    }

    public FedUpdate in(int format) {
        return new FedUpdate(format, format == 1 ? v1 : v2);
    }

    static byte[] base64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }
}
