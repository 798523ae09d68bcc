package dev.weft.protocol.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.protocol.ProtocolException;
import dev.weft.protocol.ProtocolException.Kind;
import dev.weft.protocol.signaling.SignalingMessage.Error;
import dev.weft.protocol.signaling.SignalingMessage.Ping;
import dev.weft.protocol.signaling.SignalingMessage.Pong;
import dev.weft.protocol.signaling.SignalingMessage.Publish;
import dev.weft.protocol.signaling.SignalingMessage.Subscribe;
import dev.weft.protocol.signaling.SignalingMessage.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalingCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SignalingMessage decode(String text) {
        return SignalingCodec.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode tree(byte[] json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void readsWhatYWebrtcSends() {
        assertThat(decode("{\"type\":\"subscribe\",\"topics\":[\"notes\",\"plans\"]}"))
                .isEqualTo(new Subscribe(List.of("notes", "plans")));
        assertThat(decode("{\"type\":\"subscribe\",\"topics\":[]}")).isEqualTo(new Subscribe(List.of()));
        assertThat(decode("{\"type\":\"unsubscribe\",\"topics\":[\"notes\"]}"))
                .isEqualTo(new Unsubscribe(List.of("notes")));
        assertThat(decode(" {\"type\":\"ping\"} ")).isEqualTo(new Ping());
        Publish publish = (Publish) decode("{\"type\":\"publish\",\"topic\":\"notes\",\"data\":{\"type\":\"announce\",\"from\":\"a1\"}}");
        assertThat(publish.topic()).isEqualTo("notes");
        assertThat(publish.data().get("from").textValue()).isEqualTo("a1");
        assertThat(publish.clients()).isEmpty();
    }

    @Test
    void aRelayKeepsEveryFieldAndSetsClientsLastOverAnyTheSenderWrote() throws Exception {
        Publish publish = (Publish) decode(
                "{\"type\":\"publish\",\"clients\":99,\"topic\":\"t\",\"data\":\"b64==\",\"extra\":[1,{\"x\":null}]}");
        byte[] relayed = SignalingCodec.relay(publish, 3);
        assertThat(new String(relayed, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"publish\",\"topic\":\"t\",\"data\":\"b64==\",\"extra\":[1,{\"x\":null}],\"clients\":3}");
        assertThat(((Publish) SignalingCodec.decode(relayed)).clients()).hasValue(3);
    }

    @Test
    void writesPongAndErrorsWithTheTypeFirst() throws Exception {
        assertThat(new String(SignalingCodec.pong(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"pong\"}");
        byte[] error = SignalingCodec.encode(new Error("forbidden", "no \"grant\""));
        assertThat(new String(error, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"error\",\"error\":{\"code\":\"forbidden\",\"message\":\"no \\\"grant\\\"\"}}");
        assertThat(SignalingCodec.decode(error)).isEqualTo(new Error("forbidden", "no \"grant\""));
    }

    @Test
    void everyMessageReadsBackAsWritten() {
        List<SignalingMessage> messages = List.of(new Subscribe(List.of("a", "b c")), new Unsubscribe(List.of("a")),
                new Ping(), new Pong(), new Error("rate_limited", "slow down"));
        for (SignalingMessage message : messages) {
            assertThat(SignalingCodec.decode(SignalingCodec.encode(message))).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"ping\"                          | not JSON",
        "{\"type\":\"ping\"} {}                      | not JSON",
        "''                                          | a JSON object, not nothing",
        "[1]                                         | a JSON object, not array",
        "\"ping\"                                    | a JSON object, not string",
        "{\"topics\":[]}                             | a string \"type\"",
        "{\"type\":7}                                | a string \"type\"",
        "{\"type\":\"subscribe\"}                    | needs \"topics\"",
        "{\"type\":\"subscribe\",\"topics\":\"a\"}   | needs \"topics\"",
        "{\"type\":\"unsubscribe\",\"topics\":[1]}   | non-empty strings, not 1",
        "{\"type\":\"subscribe\",\"topics\":[\"\"]}  | non-empty strings",
        "{\"type\":\"publish\",\"data\":1}           | needs a \"topic\"",
        "{\"type\":\"publish\",\"topic\":[],\"data\":1} | non-empty strings, not []",
        "{\"type\":\"publish\",\"topic\":\"t\"}      | needs \"data\"",
    })
    void refusesWhatIsNotASignallingMessageSayingWhy(String text, String why) {
        assertThatThrownBy(() -> decode(text))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                .hasMessageContaining(why);
    }

    @Test
    void anUnknownTypeIsUnsupported() {
        assertThatThrownBy(() -> decode("{\"type\":\"shout\"}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_TYPE))
                .hasMessageContaining("unknown type \"shout\"");
    }
}
