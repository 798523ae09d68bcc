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
}
