package dev.weft.crdt;

import static dev.weft.crdt.YTextTest.attrs;
import static dev.weft.crdt.YTextTest.bytes;
import static dev.weft.crdt.YTextTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two clients format overlapping ranges at the same time. Each applies the other's changes, so the updates meet
 * in both orders; both must end with Yjs's text, and must clean up the now redundant format markers exactly as
 * Yjs does, since those cleanups are edits that travel to the other peers. Expected values were printed by Yjs
 * 13.6.33 in Node (client-js) running the snippet in the class comment below.
 */
class YTextConcurrentFormattingTest {
    /*
     * const a = new Y.Doc(); a.clientID = 1
     * const b = new Y.Doc(); b.clientID = 2
     * const ta = a.getText('t'); const tb = b.getText('t')
     * ta.insert(0, 'abcdefghijkl')
     * ta.format(0, 2, { italic: true })
     * const base = Y.encodeStateAsUpdate(a)
     * Y.applyUpdate(b, base)
     * const svA = Y.encodeStateVector(a); const svB = Y.encodeStateVector(b)
     * ta.format(2, 6, { bold: true })
     * ta.delete(9, 1)
     * ta.format(1, 2, { italic: null })
     * tb.format(4, 6, { bold: true, color: 'red' })
     * tb.format(0, 3, { italic: true })
     * tb.insert(5, 'XY', { bold: true })
     * tb.delete(0, 1)
     * const ua = Y.encodeStateAsUpdate(a, svA); const ub = Y.encodeStateAsUpdate(b, svB)   // UPDATE_A, UPDATE_B
     * const eventsB = []
     * tb.observe(e => eventsB.push(e.delta))
     * const cleanupsA = []; a.on('update', (u, origin) => { if (origin !== 'remote') cleanupsA.push(hex(u)) })
     * const cleanupsB = []; b.on('update', (u, origin) => { if (origin !== 'remote') cleanupsB.push(hex(u)) })
     * Y.applyUpdate(a, ub, 'remote'); Y.applyUpdate(b, ua, 'remote')
     * JSON.stringify(ta.toDelta())   // DELTA (tb.toDelta() is the same)
     * hex(Y.encodeStateAsUpdate(a)); hex(Y.encodeStateAsUpdate(b))   // STATE_A, STATE_B
     * JSON.stringify(cleanupsA); JSON.stringify(cleanupsB); JSON.stringify(eventsB)
     * // inside a local transaction the updates bring no automatic cleanup: cleanupYTextFormatting does it
     * const c = new Y.Doc(); c.clientID = 3
     * c.transact(() => { Y.applyUpdate(c, base); Y.applyUpdate(c, ua); Y.applyUpdate(c, ub) })
     * const tc = c.getText('t')
     * JSON.stringify(tc.toDelta()); Y.cleanupYTextFormatting(tc); hex(Y.encodeStateAsUpdate(c))
     */
    private static final String UPDATE_A = "0103010ec6010d010204626f6c640474727565c60107010804626f6c64046e756c6cc601000101066974616c6963046e756c"
            + "6c01010209010d01";
    private static final String UPDATE_B = "01080200c60103010404626f6c640474727565c60200010405636f6c6f72052272656422c60109010a04626f6c64046e756c"
            + "6cc60202010a05636f6c6f72046e756c6cc601020103066974616c6963046e756c6cc60104010505636f6c6f72046e756c6c"
            + "c402050105025859c60207010505636f6c6f7205227265642201010200010d01";
    private static final String DELTA = "[{\"insert\":\"b\"},{\"insert\":\"c\",\"attributes\":{\"bold\":true}},{\"insert\":\"d\",\"attributes"
            + "\":{\"bold\":true}},{\"insert\":\"e\",\"attributes\":{\"bold\":true,\"color\":\"red\"}},{\"insert\":"
            + "\"XY\",\"attributes\":{\"bold\":true}},{\"insert\":\"fgh\",\"attributes\":{\"bold\":true,\"color\":\""
            + "red\"}},{\"insert\":\"i\",\"attributes\":{\"color\":\"red\"}},{\"insert\":\"kl\"}]";
    private static final String STATE_A = "02080200c60103010404626f6c640474727565c60200010405636f6c6f72052272656422c60109010a04626f6c64046e756c"
            + "6cc60202010a05636f6c6f72046e756c6cc601020103066974616c6963046e756c6cc60104010505636f6c6f72046e756c6c"
            + "c402050105025859c60207010505636f6c6f720522726564220e010001010174018401000162840101016384010201648401"
            + "03016584010403666768840107016981010801840109026b6c41010001c10101010201c6010d010204626f6c640474727565"
            + "c60107010804626f6c64046e756c6cc10100010101010104000109010c021001";
    private static final String STATE_B = "02080200c10103010401c60200010405636f6c6f72052272656422c60109010a04626f6c64046e756c6cc60202010a05636f"
            + "6c6f72046e756c6cc601020103066974616c6963046e756c6cc60104010505636f6c6f72046e756c6cc402050105025859c6"
            + "0207010505636f6c6f720522726564220e010001010174018401000162840101016384010201648401030165840104036667"
            + "68840107016981010801840109026b6c41010001c10101010201c6010d010204626f6c640474727565c60107010804626f6c"
            + "64046e756c6cc1010001010102020100010104000109010c021001";
    private static final String CLEANUP_UPDATES_A = "[\"000101020c011001\"]";
    private static final String CLEANUP_UPDATES_B = "[\"000102010001\",\"000101020c011001\"]";
    private static final String EVENT_DELTAS_B = "[[{\"retain\":1,\"attributes\":{\"italic\":null}},{\"retain\":8,\"attributes\":{\"italic\":null,\"bo"
            + "ld\":true}},{\"retain\":1,\"attributes\":{\"italic\":null,\"bold\":null}},{\"delete\":1},{\"retain\""
            + ":2,\"attributes\":{\"italic\":null,\"bold\":null}}],[],[{\"retain\":12,\"attributes\":{\"italic\":nu"
            + "ll}}]]";
    private static final String UNCLEANED_DELTA = "[{\"insert\":\"b\"},{\"insert\":\"c\",\"attributes\":{\"bold\":true}},{\"insert\":\"d\",\"attributes"
            + "\":{\"bold\":true}},{\"insert\":\"e\",\"attributes\":{\"bold\":true,\"color\":\"red\"}},{\"insert\":"
            + "\"XY\",\"attributes\":{\"bold\":true}},{\"insert\":\"fgh\",\"attributes\":{\"bold\":true,\"color\":\""
            + "red\"}},{\"insert\":\"i\",\"attributes\":{\"color\":\"red\"}},{\"insert\":\"kl\"}]";
    private static final String CLEANED_STATE = "02080200c60103010404626f6c640474727565c60200010405636f6c6f72052272656422c60109010a04626f6c64046e756c"
            + "6cc60202010a05636f6c6f72046e756c6cc601020103066974616c6963046e756c6cc60104010505636f6c6f72046e756c6c"
            + "c402050105025859c60207010505636f6c6f720522726564220e010001010174018401000162840101016384010201648401"
            + "03016584010403666768840107016981010801840109026b6c41010001c10101010201c6010d010204626f6c640474727565"
            + "c60107010804626f6c64046e756c6cc10100010101010104000109010c021001";
    /* Y.cleanupYTextFormatting(tc) in the snippet above */
    private static final int CLEANUP_COUNT = 2;

    private final Doc a = Doc.builder().clientId(1).build();
    private final Doc b = Doc.builder().clientId(2).build();
    private final YText ta = a.getText("t");
    private final YText tb = b.getText("t");
    private byte[] base;
    private byte[] updateA;
    private byte[] updateB;

    private void editConcurrently() {
        ta.insert(0, "abcdefghijkl");
        ta.format(0, 2, attrs("italic", true));
        base = a.encodeStateAsUpdate();
        b.applyUpdate(base);
        byte[] svA = a.encodeStateVector();
        byte[] svB = b.encodeStateVector();
        ta.format(2, 6, attrs("bold", true));
        ta.delete(9, 1);
        ta.format(1, 2, attrs("italic", null));
        tb.format(4, 6, attrs("bold", true, "color", "red"));
        tb.format(0, 3, attrs("italic", true));
        tb.insert(5, "XY", attrs("bold", true));
        tb.delete(0, 1);
        updateA = a.encodeStateAsUpdate(svA);
        updateB = b.encodeStateAsUpdate(svB);
    }

    @Test
    void concurrentFormattingConvergesAndCleansUpLikeYjs() {
        editConcurrently();
        assertThat(hex(updateA)).isEqualTo(UPDATE_A);
        assertThat(hex(updateB)).isEqualTo(UPDATE_B);

        List<Object> eventsB = new ArrayList<>();
        tb.observe((event, txn) -> eventsB.add(event.delta()));
        List<String> cleanupsA = new ArrayList<>();
        List<String> cleanupsB = new ArrayList<>();
        a.onUpdate((update, origin, txn) -> {
            if (!"remote".equals(origin)) {
                cleanupsA.add(hex(update));
            }
        });
        b.onUpdate((update, origin, txn) -> {
            if (!"remote".equals(origin)) {
                cleanupsB.add(hex(update));
            }
        });
        a.applyUpdate(updateB, "remote");
        b.applyUpdate(updateA, "remote");

        assertThat(Json.stringify(ta.toDelta())).isEqualTo(DELTA);
        assertThat(Json.stringify(tb.toDelta())).isEqualTo(DELTA);
        assertThat(hex(a.encodeStateAsUpdate())).isEqualTo(STATE_A);
        assertThat(hex(b.encodeStateAsUpdate())).isEqualTo(STATE_B);
        assertThat(Json.stringify(cleanupsA)).isEqualTo(CLEANUP_UPDATES_A);
        assertThat(Json.stringify(cleanupsB)).isEqualTo(CLEANUP_UPDATES_B);
        assertThat(Json.stringify(eventsB)).isEqualTo(EVENT_DELTAS_B);
    }

    @Test
    void cleanupYTextFormattingRemovesRedundantMarkersLikeYjs() {
        editConcurrently();
        Doc c = Doc.builder().clientId(3).build();
        c.transact(null, txn -> {
            c.applyUpdate(base);
            c.applyUpdate(updateA);
            c.applyUpdate(updateB);
        });
        YText tc = c.getText("t");
        assertThat(Json.stringify(tc.toDelta())).isEqualTo(UNCLEANED_DELTA);

        assertThat(FormattingCleanup.cleanupYTextFormatting(tc)).isEqualTo(CLEANUP_COUNT);
        assertThat(hex(c.encodeStateAsUpdate())).isEqualTo(CLEANED_STATE);
    }

    /*
     * The feed is three updates a randomized session against Yjs produced (fuzz seed 7333, minimized): the third
     * deletes content of two clients, so the cleanup after it depends on the order the deleted structs are visited.
     * const feed = [[FEED_1, 'V2'], [FEED_2, 'V1'], [FEED_3, 'V2']]
     * const d = new Y.Doc({ gc: false }); d.clientID = 1087663428
     * const t = d.getText('text')
     * const cleanups = []; d.on('update', (u, origin) => { if (origin !== 'remote') cleanups.push(hex(u)) })
     * feed.forEach(([u, f]) => f === 'V1' ? Y.applyUpdate(d, u, 'remote') : Y.applyUpdateV2(d, u, 'remote'))
     * JSON.stringify(cleanups); hex(Y.encodeStateAsUpdate(d)); JSON.stringify(t.toDelta())
     */
    private static final String FEED_1_V2 = "000300030568a0d1a3bc0fcde29db50902a0d1a3bc0f8de29db509a0d1a3bc0fcde29db50900a0d1a3bc0f8de29db509a0d1"
            + "a3bc0f8de29db509a0d1a3bc0f8de29db509a0d1a3bc0f8de29db509a0d1a3bc0fcde29db50900a0d1a3bc0f8de29db509a0"
            + "d1a3bc0fcde29db50907100006420204030148084e185a06084e140c124a0100480102080a00500021c100c600c500c60046"
            + "00c600c500c6028600c100c4000100810084008100c400c14338636f6c6f72636f6c6f726c696e6b626f6c646c696e6b626f"
            + "6c646974616c69636974616c6963c39f74657874f09f918df09f8fbde4b8ad79450044024600014400020101000642000103"
            + "4100020d00770423663030760205766964656f7602037372637705762e6d7034046c6f6f707905726174696f7c3f4000007e"
            + "76010468726566771668747470733a2f2f6578616d706c652e636f6d2fc3bc78760105696d6167657705612e706e677e7e78"
            + "7e060002e0e891de070200010a018df1ceda0403000304000200";
    private static final String FEED_2_V1 = "01058df1ceda040cc6e0e891de0703e0e891de070405636f6c6f7206222330306622c58df1ceda040ce0e891de0704117b22"
            + "696d616765223a22612e706e67227dc68df1ceda040de0e891de070405636f6c6f7206222366303022c68df1ceda04078df1"
            + "ceda040805636f6c6f7206222366303022868df1ceda040805636f6c6f72046e756c6c00";
    private static final String FEED_3_V2 = "000006e0d1a3bc0f0202080e011403c50084050378c3a90200000001020f760207666f726d756c61770962f09f918df09f8f"
            + "bd0473697a657d0702e0e891de07010a018df1ceda04010403";
    private static final String ORDER_CLEANUPS = "[]";
    private static final String ORDER_STATE = "020fe0e891de0700c18df1ceda04008df1ceda040902c68df1ceda04038df1ceda040405636f6c6f7206222366303022c5e0"
            + "e891de07028df1ceda0404337b22766964656f223a7b22737263223a22762e6d7034222c226c6f6f70223a66616c73657d2c"
            + "22726174696f223a302e37357dc6e0e891de07038df1ceda040405636f6c6f72046e756c6c468df1ceda0400046c696e6b21"
            + "7b2268726566223a2268747470733a2f2f6578616d706c652e636f6d2fc3bc227dc6e0e891de07058df1ceda040004626f6c"
            + "640474727565c5e0e891de07068df1ceda0400117b22696d616765223a22612e706e67227dc6e0e891de07078df1ceda0400"
            + "046c696e6b046e756c6cc6e0e891de07088df1ceda040004626f6c64046e756c6cc6e0e891de07048df1ceda040406697461"
            + "6c69630474727565868df1ceda0408066974616c6963046e756c6cc1e0e891de07018df1ceda040902c4e0e891de070d8df1"
            + "ceda040902c39fc5e0e891de0704e0e891de070a207b22666f726d756c61223a2262f09f918df09f8fbd222c2273697a6522"
            + "3a377d84e0e891de070b0378c3a90b8df1ceda04000101047465787401818df1ceda040003848df1ceda040308f09f918df0"
            + "9f8fbd818df1ceda040701c48df1ceda04008df1ceda040104e4b8ad79c18df1ceda040a8df1ceda040101c6e0e891de0703"
            + "e0e891de070405636f6c6f7206222330306622c58df1ceda040ce0e891de0704117b22696d616765223a22612e706e67227d"
            + "c68df1ceda040de0e891de070405636f6c6f7206222366303022c68df1ceda04078df1ceda040805636f6c6f720622236630"
            + "3022868df1ceda040805636f6c6f72046e756c6c02e0e891de070200020a048df1ceda040200090b01";
    private static final String ORDER_DELTA = "[{\"insert\":{\"image\":\"a.png\"},\"attributes\":{\"link\":{\"href\":\"https://example.com/ü\"},\"b"
            + "old\":true}},{\"insert\":\"ß中y\"},{\"insert\":{\"video\":{\"src\":\"v.mp4\",\"loop\":false},\"ratio\""
            + ":0.75},\"attributes\":{\"color\":\"#f00\"}},{\"insert\":{\"image\":\"a.png\"},\"attributes\":{\"colo"
            + "r\":\"#00f\"}},{\"insert\":{\"formula\":\"b👍🏽\",\"size\":7}},{\"insert\":\"xé\"}]";

    @Test
    void cleanupAfterARemoteDeletionVisitsClientsInYjsOrder() {
        Doc doc = Doc.builder().clientId(1087663428L).gc(false).build();
        YText text = doc.getText("text");
        List<String> cleanups = new ArrayList<>();
        doc.onUpdate((update, origin, txn) -> {
            if (!"remote".equals(origin)) {
                cleanups.add(hex(update));
            }
        });
        doc.applyUpdateV2(bytes(FEED_1_V2), "remote");
        doc.applyUpdate(bytes(FEED_2_V1), "remote");
        doc.applyUpdateV2(bytes(FEED_3_V2), "remote");

        assertThat(Json.stringify(cleanups)).isEqualTo(ORDER_CLEANUPS);
        assertThat(hex(doc.encodeStateAsUpdate())).isEqualTo(ORDER_STATE);
        assertThat(Json.stringify(text.toDelta())).isEqualTo(ORDER_DELTA);
    }
}
