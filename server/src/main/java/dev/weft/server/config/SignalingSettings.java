package dev.weft.server.config;

import java.util.List;
import java.util.Objects;

/**
 * The y-webrtc signalling endpoint: where it listens, which topics are open to everyone, and what one connection
 * may do there.
 *
 * @param path the WebSocket path, {@code /signaling} by default; a document of that name is not reachable by sync
 * @param openTopics topic names or patterns ({@code *} for any run of characters) that any connection may join,
 *     with or without a token, when a secret is set; every other topic names a document and needs a token that
 *     covers it
 * @param maxTopicsPerConnection topics one connection may be subscribed to at once
 * @param maxSubscribersPerTopic connections one topic may hold
 * @param maxMessageBytes the largest signalling message; a larger one closes the connection with 1009
 * @param maxPublishesPerSecond publishes one connection may send per second (a burst of as many is allowed);
 *     more are refused with an error frame
 */
public record SignalingSettings(
        String path,
        List<String> openTopics,
        int maxTopicsPerConnection,
        int maxSubscribersPerTopic,
        int maxMessageBytes,
        int maxPublishesPerSecond) {

    public static final SignalingSettings DEFAULTS = new SignalingSettings("/signaling", List.of(), 64, 256,
            64 * 1024, 200);

    public SignalingSettings {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.length() < 2 || path.contains("?")) {
            throw new IllegalArgumentException("the signaling path must start with / and name something, like"
                    + " /signaling, not " + path);
        }
        openTopics = List.copyOf(openTopics);
        if (openTopics.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("an open topic pattern must not be empty");
        }
        positive("maxTopicsPerConnection", maxTopicsPerConnection);
        positive("maxSubscribersPerTopic", maxSubscribersPerTopic);
        positive("maxMessageBytes", maxMessageBytes);
        positive("maxPublishesPerSecond", maxPublishesPerSecond);
    }

    public SignalingSettings withOpenTopics(List<String> patterns) {
        return new SignalingSettings(path, patterns, maxTopicsPerConnection, maxSubscribersPerTopic,
                maxMessageBytes, maxPublishesPerSecond);
    }

    public SignalingSettings withLimits(int topicsPerConnection, int subscribersPerTopic, int messageBytes,
            int publishesPerSecond) {
        return new SignalingSettings(path, openTopics, topicsPerConnection, subscribersPerTopic, messageBytes,
                publishesPerSecond);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
