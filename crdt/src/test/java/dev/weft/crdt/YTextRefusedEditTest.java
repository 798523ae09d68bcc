package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An edit of a text that is refused (a value the update format V1 cannot write, a malformed delta op) must be
 * refused before its first item is integrated: otherwise the format markers written ahead of the bad value, or
 * the delta ops before the bad one, would stay in the document and travel to the peers.
 */
class YTextRefusedEditTest {
    private static final Map<String, Object> BIG = Map.of("n", BigInteger.TEN);

    @Test
    void anEmbedV1CannotWriteLeavesNoFormatMarker() {
        assertRefusedWithoutChange(text -> text.insertEmbed(1, BIG, ordered("italic", true)));
        assertRefusedWithoutChange(text -> text.insertEmbed(1, Undefined.INSTANCE, ordered("italic", true)));
    }

    @Test
    void anAttributeV1CannotWriteLeavesNoEarlierMarker() {
        assertRefusedWithoutChange(text -> text.insert(1, "x", ordered("italic", true, "big", BigInteger.ONE)));
        assertRefusedWithoutChange(text -> text.insertEmbed(1, Map.of("image", "a.png"),
                ordered("italic", true, "big", List.of(BigInteger.ONE))));
        assertRefusedWithoutChange(text -> text.format(0, 2, ordered("italic", true, "big", BigInteger.ONE)));
        assertRefusedWithoutChange(text -> text.format(0, 2, ordered("italic", true, "gone", Undefined.INSTANCE)));
    }

    @Test
    void aDeltaIsCheckedWholeBeforeItsFirstOp() {
        assertRefusedWithoutChange(text -> text.applyDelta(List.of(Map.of("insert", "xy"), Map.of("insert", BIG))));
        assertRefusedWithoutChange(text -> text.applyDelta(List.of(Map.of("delete", 1),
                Map.of("retain", 1, "attributes", Map.of("big", BigInteger.ONE)))));
        assertRefusedWithoutChange(text -> text.applyDelta(List.of(Map.of("insert", "xy"),
                Map.of("insert", "z", "attributes", Map.of("big", BigInteger.ONE)))));
        assertRefusedWithoutChange(text -> text.applyDelta(List.of(Map.of("insert", "xy"), Map.of("retain", "1"))));
        assertRefusedWithoutChange(text -> text.applyDelta(List.of(Map.of("insert", "xy"), Map.of("delete", "1"))));
        assertRefusedWithoutChange(text -> text.applyDelta(List.of(Map.of("insert", "xy"),
                Map.of("retain", 1, "attributes", Map.of(1, true)))));
    }

    @Test
    void anEmbeddedTypeAlreadyInADocumentLeavesNoFormatMarker() {
        Doc other = new Doc();
        YArray placed = new YArray();
        other.getArray("a").insert(0, List.of(placed));

        assertRefusedWithoutChange(text -> text.insertEmbed(1, placed, ordered("italic", true)));
    }

    @Test
    void aRefusedEditOfATextNotYetInADocumentIsRefusedAtOnce() {
        YText prelim = new YText("ab");

        assertThatThrownBy(() -> prelim.insertEmbed(1, BIG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prelim.format(0, 1, ordered("big", BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prelim.applyDelta(List.of(Map.of("insert", BIG))))
                .isInstanceOf(IllegalArgumentException.class);

        Doc d = new Doc();
        d.getArray("a").insert(0, List.of(prelim));
        assertThat(prelim.toString()).isEqualTo("ab");
    }

    /**
     * An undefined attribute of an insertion means "not set", as Yjs takes it for an attribute in effect at the
     * cursor; for one that is not (where Yjs would write a marker V1 cannot encode) it writes nothing.
     */
    @Test
    void anUndefinedInsertAttributeIsNotSet() {
        Doc withUndefined = docWithBoldAb();
        withUndefined.getText("t").insert(1, "x", ordered("bold", Undefined.INSTANCE, "gone", Undefined.INSTANCE));
        Doc withoutIt = docWithBoldAb();
        withoutIt.getText("t").insert(1, "x", Map.of());

        assertThat(hex(withUndefined)).isEqualTo(hex(withoutIt));
        assertThat(withUndefined.getText("t").toDelta()).isEqualTo(List.of(
                Map.of("insert", "a", "attributes", Map.of("bold", true)), Map.of("insert", "x"),
                Map.of("insert", "b", "attributes", Map.of("bold", true))));
    }

    /** Runs a refused edit in both forms (own transaction, caller's transaction) on a formatted text. */
    private static void assertRefusedWithoutChange(Consumer<YText> edit) {
        Doc d = docWithBoldAb();
        String before = hex(d);
        List<byte[]> updates = new ArrayList<>();
        d.onUpdate((update, origin, txn) -> updates.add(update));

        assertThatThrownBy(() -> edit.accept(d.getText("t"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> {
            try (Transaction txn = d.transact()) {
                edit.accept(d.getText("t"));
            }
        }).isInstanceOf(IllegalArgumentException.class);

        assertThat(hex(d)).isEqualTo(before);
        assertThat(updates).isEmpty();
    }

    private static Doc docWithBoldAb() {
        Doc d = Doc.builder().clientId(1).build();
        d.getText("t").insert(0, "ab", Map.of("bold", true));
        return d;
    }

    private static String hex(Doc d) {
        return HexFormat.of().formatHex(d.encodeStateAsUpdate());
    }

    /** A map in the given key order: the order in which the markers would be written. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
