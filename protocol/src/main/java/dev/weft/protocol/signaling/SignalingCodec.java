package dev.weft.protocol.signaling;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.protocol.ProtocolException;
import dev.weft.protocol.ProtocolException.Kind;
import dev.weft.protocol.signaling.SignalingMessage.Error;
import dev.weft.protocol.signaling.SignalingMessage.Ping;
import dev.weft.protocol.signaling.SignalingMessage.Pong;
import dev.weft.protocol.signaling.SignalingMessage.Publish;
import dev.weft.protocol.signaling.SignalingMessage.Subscribe;
import dev.weft.protocol.signaling.SignalingMessage.Unsubscribe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * y-webrtc's signalling messages to and from JSON (UTF-8 bytes, as text frames carry them). Stateless and
 * thread-safe.
 *
 * <p>Decoding is strict where y-webrtc's own server is lenient: the text must be one JSON object with a string
 * {@code type} Weft knows; {@code topics} an array of non-empty strings; a publish needs a non-empty string
 * {@code topic} and a {@code data}. Anything else is a {@link ProtocolException} ({@link Kind#MALFORMED}, or
 * {@link Kind#UNSUPPORTED_TYPE} for a type Weft does not speak) whose message says what was wrong. Fields Weft
 * does not know are accepted, and relayed with a publish.
 */
public final class SignalingCodec {
    static final String TYPE = "type";
    static final String TOPICS = "topics";
    static final String TOPIC = "topic";
    static final String DATA = "data";
    static final String CLIENTS = "clients";

    /** As JSON.parse reads: one value and nothing after it; the last of duplicate keys wins. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final byte[] PONG = encode(new Pong());

    private SignalingCodec() {
    }

    /**
     * Reads one message.
     *
     * @throws ProtocolException if it is not a signalling message, saying why
     */
    public static SignalingMessage decode(byte[] utf8) {
        JsonNode tree;
        try {
            tree = JSON.readTree(utf8);
        } catch (IOException e) {
            throw new ProtocolException(Kind.MALFORMED, "not JSON: " + originalMessage(e), e);
        }
        if (!(tree instanceof ObjectNode message)) {
            throw new ProtocolException(Kind.MALFORMED, "a signalling message is a JSON object, not "
                    + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType().name().toLowerCase()));
        }
        JsonNode type = message.get(TYPE);
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(Kind.MALFORMED, "a signalling message needs a string \"type\"");
        }
        return switch (type.textValue()) {
            case "subscribe" -> new Subscribe(topics(message));
            case "unsubscribe" -> new Unsubscribe(topics(message));
            case "publish" -> publish(message);
            case "ping" -> new Ping();
            case "pong" -> new Pong();
            case "error" -> error(message);
            default -> throw new ProtocolException(Kind.UNSUPPORTED_TYPE, "unknown type \"" + type.textValue()
                    + "\": expected subscribe, unsubscribe, publish or ping");
        };
    }

    /** Writes one message as JSON. A publish is written as it was parsed, {@code clients} included if it had one. */
    public static byte[] encode(SignalingMessage message) {
        if (message instanceof Publish publish) {
            return write(publish.message());
        }
        ObjectNode json = JSON.createObjectNode();
        switch (message) {
            case Subscribe s -> json.put(TYPE, "subscribe").putPOJO(TOPICS, s.topics());
            case Unsubscribe u -> json.put(TYPE, "unsubscribe").putPOJO(TOPICS, u.topics());
            case Ping p -> json.put(TYPE, "ping");
            case Pong p -> json.put(TYPE, "pong");
            case Error e -> json.put(TYPE, "error").putObject("error")
                    .put("code", e.code()).put("message", e.message());
            case Publish p -> throw new AssertionError("written above");
        }
        return write(json);
    }

    /** {@code {"type":"pong"}}, shared: callers must not modify it. */
    public static byte[] pong() {
        return PONG;
    }

    /**
     * A publish as the server relays it: every field as it came, in order, but {@code clients} (set to
     * {@code clients}, last). Encoded once and sent to every subscriber.
     */
    public static byte[] relay(Publish publish, int clients) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : publish.message().properties()) {
                if (!field.getKey().equals(CLIENTS)) {
                    generator.writeFieldName(field.getKey());
                    generator.writeTree(field.getValue());
                }
            }
            generator.writeNumberField(CLIENTS, clients);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a relayed publish", e);
        }
        return out.toByteArray();
    }

    private static List<String> topics(ObjectNode message) {
        JsonNode topics = message.get(TOPICS);
        if (topics == null || !topics.isArray()) {
            throw new ProtocolException(Kind.MALFORMED,
                    "a " + message.get(TYPE).textValue() + " needs \"topics\", an array of topic names");
        }
        List<String> names = new ArrayList<>(topics.size());
        for (JsonNode topic : topics) {
            names.add(topicName(topic, "\"topics\""));
        }
        return names;
    }

    private static Publish publish(ObjectNode message) {
        JsonNode topic = message.get(TOPIC);
        if (topic == null) {
            throw new ProtocolException(Kind.MALFORMED, "a publish needs a \"topic\"");
        }
        if (!message.has(DATA)) {
            throw new ProtocolException(Kind.MALFORMED, "a publish needs \"data\"");
        }
        return new Publish(topicName(topic, "\"topic\""), message);
    }

    private static String topicName(JsonNode topic, String where) {
        if (!topic.isTextual() || topic.textValue().isEmpty()) {
            throw new ProtocolException(Kind.MALFORMED, where + " must hold non-empty strings, not " + topic);
        }
        return topic.textValue();
    }

    private static Error error(ObjectNode message) {
        JsonNode error = message.path("error");
        if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
            throw new ProtocolException(Kind.MALFORMED, "an error needs \"error\": {\"code\", \"message\"}");
        }
        return new Error(error.get("code").textValue(), error.get("message").textValue());
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a signalling message", e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }
}
