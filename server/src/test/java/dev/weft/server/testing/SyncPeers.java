package dev.weft.server.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * Real y-websocket clients for the server's interop tests: one Node process (client-js/peers/sync-peers.js) holding
 * any number of peers, each a Y.Doc synced by an unmodified y-websocket 3 {@code WebsocketProvider} (cross-tab
 * BroadcastChannel off, {@code ws} as its WebSocket). Start one per test class and close it when done:
 *
 * <pre>{@code
 * try (SyncPeers peers = SyncPeers.start()) {
 *     SyncPeer alice = peers.connect(server, "doc");
 *     SyncPeer bob = peers.connect(server, "doc");
 *     alice.insertText(0, "hello");
 *     bob.awaitState("bob has alice's text", s -> "hello".equals(s.text()));
 * }
 * }</pre>
 */
public final class SyncPeers implements AutoCloseable {
    private final NodePeer node;

    private SyncPeers(NodePeer node) {
        this.node = node;
    }

    public static SyncPeers start() {
        return new SyncPeers(NodePeer.start("sync-peers.js"));
    }

    /**
     * Creates a peer on the document {@code doc} of the server at {@code server}, with {@link PeerOptions#defaults()}.
     *
     * @param server the server's WebSocket address without a path, e.g. {@code ws://127.0.0.1:34567}
     */
    public SyncPeer connect(URI server, String doc) {
        return connect(server, doc, PeerOptions.defaults());
    }

    public SyncPeer connect(URI server, String doc, PeerOptions options) {
        ObjectNode fields = NodePeer.fields().put("url", server.toString()).put("doc", doc).put("connect", options.connect());
        ObjectNode params = fields.putObject("params");
        options.params().forEach(params::put);
        if (options.clientId() != null) {
            fields.put("clientId", options.clientId());
        }
        options.texts().forEach(fields.putArray("texts")::add);
        options.maps().forEach(fields.putArray("maps")::add);
        if (options.awareness() != null) {
            fields.set("awareness", options.awareness());
        }
        return new SyncPeer(node, node.call("create", fields).get("peer").asText());
    }

    /** Ends every peer's connection (destroying its provider) and the Node process. */
    @Override
    public void close() {
        node.close();
    }
}
