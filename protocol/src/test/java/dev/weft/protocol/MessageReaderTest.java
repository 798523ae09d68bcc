package dev.weft.protocol;

import static dev.weft.protocol.MessageWireFormatTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.protocol.ProtocolException.Kind;
import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.QueryAwareness;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader rejects what is not a sequence of whole, known messages, where y-protocols would read on. */
class MessageReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    /** One frame of every kind of message, as the writer (proven against y-protocols) writes it. */
    static Stream<byte[]> singleMessageFrames() {
        return Stream.of(
                new SyncStep1(HEX.parseHex("010705")),
                new SyncStep2(HEX.parseHex("01010700040101740568656c6c6f00")),
                new SyncUpdate(new byte[200]),
                new AwarenessMessage(HEX.parseHex("0107010f7b7d")),
                new AuthPermissionDenied("read-only ✓"),
                new QueryAwareness())
                .map(MessageWriter::write);
    }

    @Test
    void readsWhatTheWriterWrites() {
        List<byte[]> frames = singleMessageFrames().toList();
        for (byte[] frame : frames) {
            assertThat(MessageWriter.write(MessageReader.readAll(frame).getFirst())).isEqualTo(frame);
        }
    }

    @ParameterizedTest
    @MethodSource("singleMessageFrames")
    void everyMessageCutShortIsMalformed(byte[] frame) {
        for (int length = 1; length < frame.length; length++) {
            byte[] prefix = Arrays.copyOf(frame, length);
            assertThatThrownBy(() -> MessageReader.readAll(prefix))
                    .as("the first %d of %d bytes", length, frame.length)
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                        assertThat(e).hasCauseInstanceOf(DecodingException.class);
                    });
        }
    }

    @Test
    void anEmptyFrameIsMalformed() {
        assertMalformed(new byte[0]);
        assertMalformed(new byte[] {3, 3}, 1, 0);
    }

    @Test
    void anUnknownMessageTypeIsUnsupported() {
        assertUnsupported(HEX.parseHex("04"), "message type 4");
        // 2^35 as a var-uint: beyond every int, still not an error of framing
        assertUnsupported(HEX.parseHex("8080808080 01".replace(" ", "")), "message type 34359738368");
    }

    @Test
    void anUnknownSyncSubtypeIsUnsupported() {
        assertUnsupported(HEX.parseHex("0003010705"), "sync message subtype 3");
    }

    @Test
    void anAuthMessageOtherThanPermissionDeniedIsUnsupported() {
        // y-protocols' readAuthMessage skips unknown subtypes and leaves their payload unread
        assertUnsupported(HEX.parseHex("0201026f6b"), "auth message subtype 1");
    }

    @Test
    void bytesAfterTheLastMessageAreReadAsAnotherMessage() {
        byte[] step1 = HEX.parseHex("000003010705");

        assertUnsupported(concat(step1, new byte[] {7}), "message type 7");
        assertMalformed(concat(step1, new byte[] {0}));
        assertMalformed(concat(step1, new byte[] {1, 5, 1}));
    }

    @Test
    void aPayloadLongerThanTheFrameIsMalformed() {
        assertMalformed(HEX.parseHex("0002ffffff0f00"));
        assertMalformed(HEX.parseHex("01030000"));
    }

    @Test
    void aVarUintLongerThanLib0WritesIsMalformed() {
        assertMalformed(HEX.parseHex("808080808080808001"));
        assertMalformed(HEX.parseHex("0000ffffffffffffffff01"));
    }

    @Test
    void aReasonThatIsNotUtf8IsMalformed() {
        assertMalformed(HEX.parseHex("020002c328"));
    }

    @Test
    void oneBadMessageRejectsTheWholeFrame() {
        byte[] frame = concat(MessageWriter.write(new QueryAwareness()), HEX.parseHex("0002"));

        assertMalformed(frame);
        assertThat(MessageReader.readAll(frame, 0, 1)).containsExactly(new QueryAwareness());
    }

    @Test
    void theErrorSaysWhereTheBadMessageStarts() {
        assertThatThrownBy(() -> MessageReader.readAll(HEX.parseHex("03030002")))
                .hasMessageContaining("offset 2");
    }

    private static void assertMalformed(byte[] frame) {
        assertMalformed(frame, 0, frame.length);
    }

    private static void assertMalformed(byte[] bytes, int offset, int length) {
        assertThatThrownBy(() -> MessageReader.readAll(bytes, offset, length))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
    }

    private static void assertUnsupported(byte[] frame, String what) {
        assertThatThrownBy(() -> MessageReader.readAll(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_TYPE);
                    assertThat(e).hasMessageContaining(what);
                });
    }
}
