package dev.weft.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.weft.protocol.ProtocolException.Kind;
import java.util.Comparator;

/**
 * Awareness states as the JS peers see them: the JSON text they send, read as {@code JSON.parse} reads it and
 * compared as lib0's {@code equalityDeep} compares what it returns.
 *
 * <p>Why parse at all when Weft relays the text as it came: a text that is not JSON would make every other client's
 * {@code JSON.parse} throw, and two texts that differ only in key order, spacing or the spelling of a number are
 * the same state to the peers, a renewal rather than a change.
 */
final class JsonState {
    /** Strict JSON, as JSON.parse: no comments, no trailing content; the last of duplicate keys wins. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Scalars compared as JS does with {@code ===}: every JSON number is a double, so 1, 1.0 and 1e0 are equal
     * (and -0 equals 0), while Jackson keeps them as different node types.
     */
    private static final Comparator<JsonNode> JS_SCALARS = (a, b) -> {
        boolean equal = a.isNumber() && b.isNumber() ? a.doubleValue() == b.doubleValue() : a.equals(b);
        return equal ? 0 : 1;
    };

    private JsonState() {
    }

    /**
     * Parses a state's JSON text; a JSON {@code null} comes back as a null node, the removal of a state.
     *
     * @throws ProtocolException {@link Kind#MALFORMED} if the text is not one JSON value
     */
    static JsonNode parse(String text) {
        JsonNode value;
        try {
            value = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(Kind.MALFORMED, "An awareness state is not JSON: " + e.getOriginalMessage(), e);
        }
        if (value.isMissingNode()) {
            throw new ProtocolException(Kind.MALFORMED, "An awareness state is empty where JSON was expected");
        }
        return value;
    }

    /**
     * Whether the value is falsy in JS (false, 0, -0, the empty string or null), which y-protocols' encoder writes
     * as null: {@code states.get(clientID) || null}.
     */
    static boolean isFalsy(JsonNode value) {
        return value.isNull()
                || value.isBoolean() && !value.booleanValue()
                || value.isNumber() && value.doubleValue() == 0
                || value.isTextual() && value.textValue().isEmpty();
    }

    /** Whether two states are the same JS value: objects regardless of key order, arrays in order. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(JS_SCALARS, b);
    }
}
