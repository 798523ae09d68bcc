package dev.weft.protocol;

import static dev.weft.protocol.AwarenessEntries.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.protocol.AwarenessEntries.Entry;
import dev.weft.protocol.ProtocolException.Kind;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Awareness updates that are not well formed are rejected whole, where y-protocols applies entries up to the
 * first error (lib0 reading past the end as zeros, JSON.parse throwing halfway). A state must be JSON as JSON.parse
 * reads it, or every other client would throw on it.
 */
class AwarenessInputTest {
    private static final HexFormat HEX = HexFormat.of();

    private final ManualTime time = new ManualTime();
    private final Awareness awareness = new Awareness(time);

    @Test
    void everyUpdateCutShortIsMalformedAndChangesNothing() {
        awareness.apply(entries(new Entry(10, 1, "{\"n\":1}")));
        byte[] update = entries(new Entry(10, 2, "{\"n\":2}"), new Entry(20, 1, "{\"cursor\":{\"x\":1}}"));

        for (int length = 0; length < update.length; length++) {
            byte[] prefix = Arrays.copyOf(update, length);
            assertMalformed(prefix);
        }
        assertThat(awareness.states()).containsExactly(Map.entry(10L, "{\"n\":1}"));
    }

    @Test
    void bytesAfterTheLastEntryAreMalformed() {
        byte[] update = entries(new Entry(10, 1, "{}"));
        byte[] withTrailingByte = Arrays.copyOf(update, update.length + 1);

        assertMalformed(withTrailingByte);
        assertThat(awareness.isEmpty()).isTrue();
    }

    @Test
    void aCountOfEntriesTheBytesCannotHoldIsMalformed() {
        // 2^40 entries announced in a few bytes: refused before anything is allocated for them
        assertMalformed(HEX.parseHex("80808080802000"));
        assertMalformed(HEX.parseHex("02" + "0a01027b7d"));
    }

    @Test
    void aStateThatIsNotUtf8IsMalformed() {
        assertMalformed(HEX.parseHex("010a0102c328"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "", " ", "undefined", "{'a':1}", "{} {}", "NaN", "01", "1.", ".5", "+1", "[1,]",
        "{\"a\":1,}", "\u00a0{}", "\"a\u0001\"", "// c\n{}", "tru", "Infinity"})
    void aStateThatJsonParseRejectsIsMalformed(String text) {
        // Node 20 prints false for each: for (const t of texts) { let ok; try { JSON.parse(t); ok = true } catch
        // { ok = false } console.log(JSON.stringify(t), ok) }
        awareness.apply(entries(new Entry(10, 1, "{}")));

        assertMalformed(entries(new Entry(20, 1, "{}"), new Entry(10, 2, text)));
        assertThat(awareness.states()).containsOnlyKeys(10L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t{}\n", "\"\\ud800\"", "1e400", "-0", "[]", "\"text\"", "{\"a\":1,\"a\":2}", "7"})
    void aStateJsonParseAcceptsIsAStateWhateverItsType(String text) {
        // Node 20 prints true for each (the snippet above), and awareness.js keeps any value but null as a state.
        assertThat(awareness.apply(entries(new Entry(10, 1, text))).added()).containsExactly(10L);
        assertThat(awareness.states()).containsExactly(Map.entry(10L, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "null ", " null", "\nnull\t"})
    void aStateThatParsesToNullIsARemoval(String text) {
        awareness.apply(entries(new Entry(10, 1, "{}")));

        assertThat(awareness.apply(entries(new Entry(10, 1, text))).removed()).containsExactly(10L);
    }

    /*
     * The verdicts of lib0's equalityDeep on what JSON.parse makes of the texts, in client-js:
     * import { equalityDeep } from 'lib0/function';
     * const same = (a, b) => equalityDeep(JSON.parse(a), JSON.parse(b));
     * same('{"x":[1,-0,100,0.5,12345678901234567890]}', '{"x":[1.0,0,1e2,5e-1,12345678901234567891]}') -> true
     * same('{"x":[1.0,0,1e2,5e-1,12345678901234567891]}', '{"x":[1,0,100,0.5,12345678901234569999]}') -> false
     */
    @Test
    void numbersAreComparedAsJsNumbers() {
        awareness.apply(entries(new Entry(10, 1, "{\"x\":[1,-0,100,0.5,12345678901234567890]}")));

        AwarenessChange renewal = awareness.apply(entries(new Entry(10, 2, "{\"x\":[1.0,0,1e2,5e-1,12345678901234567891]}")));
        assertThat(renewal.renewed()).containsExactly(10L);

        AwarenessChange change = awareness.apply(entries(new Entry(10, 3, "{\"x\":[1,0,100,0.5,12345678901234569999]}")));
        assertThat(change.renewed()).isEmpty();
        assertThat(change.statesChanged()).isTrue();
    }

    /*
     * const seq = ['{"a":[1,2],"b":null}', '{"a":[1,2]}', '{"a":[1,2],"b":null}', '{"a":[2,1],"b":null}',
     *   '{"a":[2,1],"b":false}', '{"b":false,"a":[2,1]}'];
     * for (let i = 1; i < seq.length; i++) console.log(same(seq[i - 1], seq[i])) -> false false false false true
     */
    @Test
    void keysMustMatchOneForOneAndArraysInOrder() {
        awareness.apply(entries(new Entry(10, 1, "{\"a\":[1,2],\"b\":null}")));

        assertThat(awareness.apply(entries(new Entry(10, 2, "{\"a\":[1,2]}"))).renewed()).isEmpty();
        assertThat(awareness.apply(entries(new Entry(10, 3, "{\"a\":[1,2],\"b\":null}"))).renewed()).isEmpty();
        assertThat(awareness.apply(entries(new Entry(10, 4, "{\"a\":[2,1],\"b\":null}"))).renewed()).isEmpty();
        assertThat(awareness.apply(entries(new Entry(10, 5, "{\"a\":[2,1],\"b\":false}"))).renewed()).isEmpty();
        assertThat(awareness.apply(entries(new Entry(10, 6, "{\"b\":false,\"a\":[2,1]}"))).renewed()).containsExactly(10L);
    }

    private void assertMalformed(byte[] update) {
        assertThatThrownBy(() -> awareness.apply(update))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
    }
}
