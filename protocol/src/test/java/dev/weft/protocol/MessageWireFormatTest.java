package dev.weft.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.protocol.SyncProtocolMessage.AuthPermissionDenied;
import dev.weft.protocol.SyncProtocolMessage.AwarenessMessage;
import dev.weft.protocol.SyncProtocolMessage.QueryAwareness;
import dev.weft.protocol.SyncProtocolMessage.SyncStep1;
import dev.weft.protocol.SyncProtocolMessage.SyncStep2;
import dev.weft.protocol.SyncProtocolMessage.SyncUpdate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every y-websocket message, read from and written to the bytes y-protocols 1.0.7 writes.
 *
 * <p>Each golden was printed by a snippet run in client-js with {@code node --input-type=module -e}, after:
 * <pre>{@code
 * import * as Y from 'yjs'; import * as encoding from 'lib0/encoding'; import * as sync from 'y-protocols/sync';
 * import * as auth from 'y-protocols/auth'; import * as awareness from 'y-protocols/awareness';
 * const hex = (u) => Buffer.from(u).toString('hex');
 * const frame = (write) => { const e = encoding.createEncoder(); write(e); return hex(encoding.toUint8Array(e)) };
 * const d = new Y.Doc(); d.clientID = 7; d.getText('t').insert(0, 'hello');
 * }</pre>
 * The frames are built as y-websocket's provider and server build them: the message type, then y-protocols' writer.
 */
class MessageWireFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    // hex(Y.encodeStateVector(d))
    private static final byte[] STATE_VECTOR = HEX.parseHex("010705");
    // frame(e => { encoding.writeVarUint(e, 0); sync.writeSyncStep1(e, d) })
    private static final byte[] STEP1 = HEX.parseHex("000003010705");

    // hex(Y.encodeStateAsUpdate(d))
    private static final byte[] STATE = HEX.parseHex("01010700040101740568656c6c6f00");
    // frame(e => { encoding.writeVarUint(e, 0); sync.writeSyncStep2(e, d, Y.encodeStateVector(new Y.Doc())) })
    private static final byte[] STEP2 = HEX.parseHex("00010f01010700040101740568656c6c6f00");

    // const big = new Y.Doc(); big.clientID = 7; big.getText('t').insert(0, 'x'.repeat(130));
    // hex(Y.encodeStateAsUpdate(big)): 141 bytes, so that the message's length takes two bytes
    private static final byte[] BIG_UPDATE = HEX.parseHex("01010700040101748201" + "78".repeat(130) + "00");
    // frame(e => { encoding.writeVarUint(e, 0); sync.writeUpdate(e, Y.encodeStateAsUpdate(big)) })
    private static final byte[] UPDATE = HEX.parseHex("00028d01" + "01010700040101748201" + "78".repeat(130) + "00");

    // const a = new awareness.Awareness(d); a.setLocalStateField('user', { name: 'Ada', color: '#30bced' });
    // hex(awareness.encodeAwarenessUpdate(a, [d.clientID]))
    private static final byte[] AWARENESS_UPDATE = HEX.parseHex(
            "010701297b2275736572223a7b226e616d65223a22416461222c22636f6c6f72223a2223333062636564227d7d");
    // frame(e => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, awareness.encodeAwarenessUpdate(a, [d.clientID])) })
    private static final byte[] AWARENESS = HEX.parseHex(
            "012d010701297b2275736572223a7b226e616d65223a22416461222c22636f6c6f72223a2223333062636564227d7d");

    private static final String REASON = "read-only: updates refused — lecture seule";
    // frame(e => { encoding.writeVarUint(e, 2); auth.writePermissionDenied(e, 'read-only: updates refused — lecture seule') })
    private static final byte[] PERMISSION_DENIED = HEX.parseHex(
            "02002c726561642d6f6e6c793a2075706461746573207265667573656420e28094206c656374757265207365756c65");

    // frame(e => encoding.writeVarUint(e, 3))
    private static final byte[] QUERY_AWARENESS = HEX.parseHex("03");

    @Test
    void syncStep1CarriesTheStateVector() {
        assertThat(readOne(STEP1)).isInstanceOfSatisfying(SyncStep1.class,
                m -> assertThat(m.stateVector()).isEqualTo(STATE_VECTOR));
        assertThat(MessageWriter.write(new SyncStep1(STATE_VECTOR))).isEqualTo(STEP1);
    }

    @Test
    void syncStep2CarriesAnUpdate() {
        assertThat(readOne(STEP2)).isInstanceOfSatisfying(SyncStep2.class,
                m -> assertThat(m.update()).isEqualTo(STATE));
        assertThat(MessageWriter.write(new SyncStep2(STATE))).isEqualTo(STEP2);
    }

    @Test
    void syncUpdateCarriesAnUpdateWhoseLengthTakesTwoBytes() {
        assertThat(readOne(UPDATE)).isInstanceOfSatisfying(SyncUpdate.class,
                m -> assertThat(m.update()).isEqualTo(BIG_UPDATE));
        assertThat(MessageWriter.write(new SyncUpdate(BIG_UPDATE))).isEqualTo(UPDATE);
    }

    @Test
    void awarenessCarriesAnAwarenessUpdate() {
        assertThat(readOne(AWARENESS)).isInstanceOfSatisfying(AwarenessMessage.class,
                m -> assertThat(m.awarenessUpdate()).isEqualTo(AWARENESS_UPDATE));
        assertThat(MessageWriter.write(new AwarenessMessage(AWARENESS_UPDATE))).isEqualTo(AWARENESS);
    }

    @Test
    void permissionDeniedCarriesItsReasonInUtf8() {
        assertThat(readOne(PERMISSION_DENIED)).isEqualTo(new AuthPermissionDenied(REASON));
        assertThat(MessageWriter.write(new AuthPermissionDenied(REASON))).isEqualTo(PERMISSION_DENIED);
    }

    @Test
    void queryAwarenessIsItsTypeAlone() {
        assertThat(readOne(QUERY_AWARENESS)).isEqualTo(new QueryAwareness());
        assertThat(MessageWriter.write(new QueryAwareness())).isEqualTo(QUERY_AWARENESS);
    }

    @Test
    void aFrameMayHoldSeveralMessagesBackToBack() {
        byte[] frame = concat(STEP1, AWARENESS, QUERY_AWARENESS, UPDATE);

        List<SyncProtocolMessage> messages = MessageReader.readAll(frame);

        assertThat(messages).hasSize(4);
        assertThat(messages.get(0)).isInstanceOf(SyncStep1.class);
        assertThat(messages.get(1)).isInstanceOf(AwarenessMessage.class);
        assertThat(messages.get(2)).isInstanceOf(QueryAwareness.class);
        assertThat(messages.get(3)).isInstanceOfSatisfying(SyncUpdate.class,
                m -> assertThat(m.update()).isEqualTo(BIG_UPDATE));
        assertThat(messages.stream().map(MessageWriter::write).toList())
                .containsExactly(STEP1, AWARENESS, QUERY_AWARENESS, UPDATE);
    }

    @Test
    void aFrameCanBeReadFromARangeOfALargerArrayAndItsPayloadsAreCopies() {
        byte[] bytes = concat(new byte[] {9, 9}, STEP1, new byte[] {9});

        SyncProtocolMessage message = MessageReader.readAll(bytes, 2, STEP1.length).getFirst();
        java.util.Arrays.fill(bytes, (byte) 0);

        assertThat(message).isInstanceOfSatisfying(SyncStep1.class,
                m -> assertThat(m.stateVector()).isEqualTo(STATE_VECTOR));
    }

    private static SyncProtocolMessage readOne(byte[] frame) {
        List<SyncProtocolMessage> messages = MessageReader.readAll(frame);
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, pos, part.length);
            pos += part.length;
        }
        return all;
    }
}
