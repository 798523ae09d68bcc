package dev.weft.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * How {@link SyncPeers#connect} creates a y-websocket client.
 *
 * @param params the URL parameters y-websocket appends to the document's address, e.g. {@code token}
 * @param clientId the Y.Doc's client id, or null for Yjs's random one
 * @param texts the Y.Text names declared before connecting (their content is in {@link PeerState#texts()})
 * @param maps the Y.Map names declared before connecting
 * @param awareness the local awareness state sent on connecting, or null for y-websocket's default ({@code {}}),
 *     which others never see: y-protocols ignores a state at clock 0 from a client it does not know yet, so only a
 *     peer that set a state (clock 1 or more) shows in the others' awareness
 * @param connect whether to connect at once (else call {@link SyncPeer#reconnect()})
 */
public record PeerOptions(
        Map<String, String> params, Long clientId, List<String> texts, List<String> maps, JsonNode awareness, boolean connect) {

    /** Connects at once, with a Y.Text "text" and a Y.Map "map", no parameters and Yjs's defaults otherwise. */
    public static PeerOptions defaults() {
        return new PeerOptions(Map.of(), null, List.of("text"), List.of("map"), null, true);
    }

    /** The same, with the token passed as y-websocket's {@code ?token=} parameter. */
    public PeerOptions token(String token) {
        return new PeerOptions(Map.of("token", token), clientId, texts, maps, awareness, connect);
    }

    public PeerOptions clientId(long clientId) {
        return new PeerOptions(params, clientId, texts, maps, awareness, connect);
    }

    /** The same, with this local awareness state (a JSON object, e.g. {@code {"user": {"name": "Ada"}}}). */
    public PeerOptions awareness(JsonNode state) {
        return new PeerOptions(params, clientId, texts, maps, state, connect);
    }

    /** The same, but created disconnected: edits stay local until {@link SyncPeer#reconnect()}. */
    public PeerOptions disconnected() {
        return new PeerOptions(params, clientId, texts, maps, awareness, false);
    }
}
