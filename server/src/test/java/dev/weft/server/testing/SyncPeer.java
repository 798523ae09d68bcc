package dev.weft.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One y-websocket client of {@link SyncPeers}: a Y.Doc with its provider, in Node. Edits are Yjs's own (each is one
 * transaction, sent to the server as one update); {@link #state()} reads what the peer has now, and
 * {@link #awaitState} waits until that satisfies a condition.
 */
public final class SyncPeer {
    /** Long enough for a loaded CI machine; a condition that holds returns as soon as it is seen. */
    public static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(20);

    private final NodePeer node;
    private final String name;

    SyncPeer(NodePeer node, String name) {
        this.node = node;
        this.name = name;
    }

    /** Inserts into the Y.Text "text". */
    public void insertText(int index, String content) {
        insertText("text", index, content);
    }

    public void insertText(String text, int index, String content) {
        call("insertText", fields().put("text", text).put("index", index).put("content", content));
    }

    /** Deletes from the Y.Text "text". */
    public void deleteText(int index, int length) {
        deleteText("text", index, length);
    }

    public void deleteText(String text, int index, int length) {
        call("deleteText", fields().put("text", text).put("index", index).put("length", length));
    }

    /** Sets a key of the Y.Map {@code map} to a JSON value. */
    public void setMapEntry(String map, String key, JsonNode value) {
        ObjectNode fields = fields().put("map", map).put("key", key);
        fields.set("value", value);
        call("setMapEntry", fields);
    }

    public void deleteMapEntry(String map, String key) {
        call("deleteMapEntry", fields().put("map", map).put("key", key));
    }

    /** Replaces the local awareness state (a JSON object); a null state leaves, as a closing tab does. */
    public void setAwareness(JsonNode state) {
        ObjectNode fields = fields();
        fields.set("state", state == null ? NodePeer.JSON.nullNode() : state);
        call("setAwareness", fields);
    }

    /** y-websocket's {@code provider.disconnect()}: closes the connection and stays offline; edits stay local. */
    public void disconnect() {
        call("disconnect", fields());
    }

    /** y-websocket's {@code provider.connect()}: connects again (and syncs both ways). */
    public void reconnect() {
        call("reconnect", fields());
    }

    /** Destroys the provider and its Y.Doc, closing the connection; the peer is gone. */
    public void destroy() {
        call("destroy", fields());
    }

    /**
     * Yjs's relative position at {@code index} of the Y.Text "text" ({@code Y.createRelativePositionFromTypeIndex}
     * with {@code assoc}), encoded with {@code Y.encodeRelativePosition}, in base64: what a client anchors a comment
     * with.
     */
    public String relativePosition(int index, int assoc) {
        return call("relativePosition", fields().put("text", "text").put("index", index).put("assoc", assoc))
                .get("position").asText();
    }

    /** The Weft extension messages received so far, oldest first, each {@code {"extension", "event"}}. */
    public List<JsonNode> extensionMessages() {
        List<JsonNode> messages = new ArrayList<>();
        call("extensionMessages", fields()).get("messages").forEach(messages::add);
        return messages;
    }

    public PeerState state() {
        try {
            return NodePeer.JSON.treeToValue(call("state", fields()), PeerState.class);
        } catch (JsonProcessingException e) {
            throw new NodePeer.NodePeerException("sync-peers.js reported a state this driver cannot read: " + e.getMessage());
        }
    }

    /**
     * Polls {@link #state()} until {@code condition} holds, and returns the state that satisfied it.
     *
     * @param description what is awaited, for the failure message (which also shows the last state)
     * @throws AssertionError after {@link #AWAIT_TIMEOUT}, showing the last state
     */
    public PeerState awaitState(String description, Predicate<PeerState> condition) {
        return Eventually.await(name + ": " + description, AWAIT_TIMEOUT, this::state, condition);
    }

    /** Waits until the peer is connected and synced with the server. */
    public PeerState awaitSynced() {
        return awaitState("synced", PeerState::synced);
    }

    /** Waits until the Y.Text "text" reads {@code expected}. */
    public PeerState awaitText(String expected) {
        return awaitState("text is \"" + expected + "\"", state -> expected.equals(state.text()));
    }

    private JsonNode call(String op, ObjectNode fields) {
        return node.call(op, fields);
    }

    private ObjectNode fields() {
        return NodePeer.fields().put("peer", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
