package dev.weft.protocol.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExtensionMessageTest {

    /**
     * lib0, as a client reads it: {@code encoding.writeVarUint(e, 20); encoding.writeVarString(e, 'comments');
     * encoding.writeVarString(e, '{"a":1}')}.
     */
    @Test
    void encodesAsLib0VarUintAndTwoVarStrings() {
        byte[] expected = concat(new byte[] {20, 8}, ascii("comments"), new byte[] {7}, ascii("{\"a\":1}"));

        assertThat(new ExtensionMessage("comments", "{\"a\":1}").encode()).isEqualTo(expected);
    }

    @Test
    void decodesWhatItEncodesWithUnicode() {
        ExtensionMessage message = new ExtensionMessage("comments", "{\"body\":\"naïve 💬\"}");

        assertThat(ExtensionMessage.decode(message.encode())).isEqualTo(message);
    }

    @Test
    void decodingIsStrict() {
        byte[] frame = new ExtensionMessage("comments", "{}").encode();

        assertThatThrownBy(() -> ExtensionMessage.decode(Arrays.copyOf(frame, frame.length - 1)))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
        assertThatThrownBy(() -> ExtensionMessage.decode(Arrays.copyOf(frame, frame.length + 1)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ExtensionMessage.decode(new byte[] {0, 0, 1, 0}))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.UNSUPPORTED_TYPE);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
