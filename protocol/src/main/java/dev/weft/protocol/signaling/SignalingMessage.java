package dev.weft.protocol.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One y-webrtc signalling message, a JSON object in a text frame whose {@code type} says which. Clients send
 * {@link Subscribe}, {@link Unsubscribe}, {@link Publish} and {@link Ping}; the server sends {@link Publish} (a
 * relay, with {@code clients} added), {@link Pong} and Weft's {@link Error}, which y-webrtc ignores as it ignores
 * every type it does not know.
 */
public sealed interface SignalingMessage {

    /** {@code {"type":"subscribe","topics":[...]}}: join these topics (y-webrtc's room names). */
    record Subscribe(List<String> topics) implements SignalingMessage {
        public Subscribe {
            topics = List.copyOf(topics);
        }
    }

    /** {@code {"type":"unsubscribe","topics":[...]}}: leave these topics. */
    record Unsubscribe(List<String> topics) implements SignalingMessage {
        public Unsubscribe {
            topics = List.copyOf(topics);
        }
    }

    /**
     * {@code {"type":"publish","topic":"...","data":...}}: relayed to every subscriber of the topic, the sender
     * included. The server relays the object whole, fields it does not know included, with {@code clients} set to
     * the number of subscribers.
     *
     * @param topic the topic relayed to
     * @param message the whole message as it was parsed; not to be modified
     */
    record Publish(String topic, ObjectNode message) implements SignalingMessage {
        public Publish {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(message, "message");
        }

        /** What the publisher sends its peers: y-webrtc's announce or signal, or a base64 string if encrypted. */
        public JsonNode data() {
            return message.path(SignalingCodec.DATA);
        }

        /** The number of subscribers the server counted when it relayed this; empty in what a client sends. */
        public OptionalInt clients() {
            JsonNode clients = message.get(SignalingCodec.CLIENTS);
            return clients != null && clients.canConvertToInt() ? OptionalInt.of(clients.intValue()) : OptionalInt.empty();
        }
    }

    /** {@code {"type":"ping"}}: y-webrtc's keepalive; answered with {@link Pong}. */
    record Ping() implements SignalingMessage {
    }

    /** {@code {"type":"pong"}}: the answer to {@link Ping}. */
    record Pong() implements SignalingMessage {
    }

    /**
     * {@code {"type":"error","error":{"code":"...","message":"..."}}}: Weft's answer to a message it refused, in
     * the shape of the HTTP API's errors. The connection stays open; what was refused had no effect.
     *
     * @param code a stable, machine-readable code such as {@code forbidden} or {@code rate_limited}
     * @param message what went wrong, for people
     */
    record Error(String code, String message) implements SignalingMessage {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
