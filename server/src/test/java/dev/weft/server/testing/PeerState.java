package dev.weft.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SyncPeer} knows at one moment, as its y-websocket provider and Y.Doc report it.
 *
 * @param clientId the Y.Doc's client id (the key of its own awareness state)
 * @param status y-websocket's connection status: "connecting", "connected" or "disconnected"
 * @param synced whether the provider received the server's sync step 2 on the current connection
 * @param connections how many times it has connected so far
 * @param texts the content of every Y.Text it declared, by name
 * @param maps the content ({@code toJSON}) of every Y.Map it declared, by name
 * @param awareness the awareness states it holds, its own included, by client id
 * @param closes the closes of its connections that it did not make itself, oldest first
 * @param terminalClose the close after which y-websocket stopped reconnecting (codes 4400-4499), or null
 * @param connectionErrors how many WebSocket errors its connections reported
 * @param permissionDenied the reasons of the permission-denied messages it received, oldest first
 * @param stateVector {@code Y.encodeStateVector(doc)}
 * @param update {@code Y.encodeStateAsUpdate(doc)}
 */
public record PeerState(
        long clientId,
        String status,
        boolean synced,
        int connections,
        Map<String, String> texts,
        Map<String, JsonNode> maps,
        Map<Long, JsonNode> awareness,
        List<Close> closes,
        Close terminalClose,
        int connectionErrors,
        List<String> permissionDenied,
        byte[] stateVector,
        byte[] update) {

    /** The content of the Y.Text of that name (declared by the peer), or null. */
    public String text(String name) {
        return texts.get(name);
    }

    /** The content of the Y.Text "text". */
    public String text() {
        return text("text");
    }

    /** The content of the Y.Map of that name (declared by the peer), or null. */
    public JsonNode map(String name) {
        return maps.get(name);
    }

    public boolean connected() {
        return status.equals("connected");
    }

    /** Everything but the encoded state, which says nothing in an assertion message. */
    @Override
    public String toString() {
        return "PeerState[clientId=" + clientId + ", status=" + status + ", synced=" + synced + ", connections=" + connections
                + ", texts=" + texts + ", maps=" + maps + ", awareness=" + awareness + ", closes=" + closes
                + ", terminalClose=" + terminalClose + ", connectionErrors=" + connectionErrors
                + ", permissionDenied=" + permissionDenied + ", update=" + update.length + " bytes]";
    }

    /** A WebSocket close as the client saw it: the code and reason of the close frame (1006 when there was none). */
    public record Close(int code, String reason) {
    }
}
