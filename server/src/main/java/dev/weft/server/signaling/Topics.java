package dev.weft.server.signaling;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every topic with at least one subscriber, and its subscribers. Thread-safe: connections on every event loop
 * join, leave and publish at once.
 *
 * <p>A topic's subscribers are an array replaced whole under the map's per-key lock when someone joins or leaves,
 * so that a publish, far more frequent, reads a consistent snapshot without locking. A topic whose last
 * subscriber leaves is dropped.
 */
final class Topics {
    private static final SignalingConnection[] NONE = {};

    /** What a join did. */
    enum Joined { JOINED, ALREADY_SUBSCRIBED, FULL }

    private final int maxSubscribers;
    private final ConcurrentHashMap<String, SignalingConnection[]> subscribers = new ConcurrentHashMap<>();

    Topics(int maxSubscribers) {
        this.maxSubscribers = maxSubscribers;
    }

    Joined subscribe(String topic, SignalingConnection connection) {
        Joined[] result = new Joined[1];
        subscribers.compute(topic, (name, current) -> {
            if (current == null) {
                result[0] = Joined.JOINED;
                return new SignalingConnection[] {connection};
            }
            if (indexOf(current, connection) >= 0) {
                result[0] = Joined.ALREADY_SUBSCRIBED;
                return current;
            }
            if (current.length >= maxSubscribers) {
                result[0] = Joined.FULL;
                return current;
            }
            result[0] = Joined.JOINED;
            SignalingConnection[] joined = Arrays.copyOf(current, current.length + 1);
            joined[current.length] = connection;
            return joined;
        });
        return result[0];
    }

    void unsubscribe(String topic, SignalingConnection connection) {
        subscribers.computeIfPresent(topic, (name, current) -> {
            int at = indexOf(current, connection);
            if (at < 0) {
                return current;
            }
            if (current.length == 1) {
                return null;
            }
            SignalingConnection[] left = new SignalingConnection[current.length - 1];
            System.arraycopy(current, 0, left, 0, at);
            System.arraycopy(current, at + 1, left, at, current.length - at - 1);
            return left;
        });
    }

    /** The subscribers of {@code topic} now; not to be modified. */
    SignalingConnection[] subscribers(String topic) {
        return subscribers.getOrDefault(topic, NONE);
    }

    /** The topics with at least one subscriber. */
    int count() {
        return subscribers.size();
    }

    private static int indexOf(SignalingConnection[] connections, SignalingConnection connection) {
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] == connection) {
                return i;
            }
        }
        return -1;
    }
}
