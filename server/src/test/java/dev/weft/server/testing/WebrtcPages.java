package dev.weft.server.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pages in real headless Chromium that share a Y.Text peer to peer over y-webrtc (client-js/peers/webrtc-pages.js),
 * each in a browser context of its own: two pages are two people in two browsers, with nothing between them but
 * the signalling server and their WebRTC data channel. Start one per test class and close it when done.
 */
public final class WebrtcPages implements AutoCloseable {
    private final NodePeer node;

    private WebrtcPages(NodePeer node) {
        this.node = node;
    }

    /** Starts the Node side (which bundles the page script); the browser starts with the first page. */
    public static WebrtcPages start() {
        return new WebrtcPages(NodePeer.start("webrtc-pages.js"));
    }

    /**
     * Opens a page on {@code origin}'s origin (served by the driver, not by the server) and joins {@code room}
     * through the signalling server at {@code signaling}, a {@code ws://} URL with its query (the token).
     */
    public Page open(String origin, String signaling, String room) {
        String page = node.call("open", NodePeer.fields().put("origin", origin).put("signaling", signaling)
                .put("room", room)).get("page").asText();
        return new Page(page);
    }

    @Override
    public void close() {
        node.close();
    }

    /** One page. */
    public final class Page {
        private final String name;

        private Page(String name) {
            this.name = name;
        }

        public void insert(int index, String text) {
            node.call("insert", NodePeer.fields().put("page", name).put("index", index).put("text", text));
        }

        /** {@code text}, {@code webrtcPeers}, {@code connectedPeers}, {@code signalingConnected}, {@code errors}. */
        public JsonNode read() {
            return node.call("read", NodePeer.fields().put("page", name));
        }

        public void close() {
            node.call("close", NodePeer.fields().put("page", name));
        }
    }
}
