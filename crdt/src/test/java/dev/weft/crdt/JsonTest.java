package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.Undefined;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Json against JS's own JSON.stringify and JSON.parse: the tables in src/test/resources/dev/weft/crdt were written
 * by json-tables.mjs beside them (run it with node to regenerate).
 */
class JsonTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void stringifiesNumbersAndStringsLikeJs() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (String[] row : table("json-stringify.tsv")) {
            String actual = Json.stringify(tableValue(row));
            if (!actual.equals(row[2])) {
                mismatches.add(String.join(" ", row) + " but was " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void parsesWhatJsWritesBackToTheSameValue() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (String[] row : table("json-stringify.tsv")) {
            Object expected = tableValue(row);
            if (expected instanceof Double d && (!Double.isFinite(d) || d == 0)) {
                continue; // JSON has no NaN or infinities, and writes -0 as 0
            }
            // JSON.stringify escapes lone surrogates, so even those come back unchanged
            Object parsed = Json.parse(row[2]);
            Object actual = parsed instanceof Number n && expected instanceof Double ? (Object) n.doubleValue() : parsed;
            if (!actual.equals(expected)) {
                mismatches.add(String.join(" ", row) + " parsed as " + parsed);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static Object tableValue(String[] row) {
        return row[0].equals("number")
                ? (Object) Double.longBitsToDouble(Long.parseUnsignedLong(row[1], 16))
                : utf16(row[1]);
    }

    static Stream<Arguments> parseTable() throws IOException {
        return table("json-parse.tsv").stream()
                .map(row -> Arguments.of(row[0], new String(HEX.parseHex(row[1]), StandardCharsets.UTF_8),
                        row.length > 2 ? row[2] : null));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("parseTable")
    void parsesAndRejectsWhatJsonParseDoes(String kind, String input, String restringified) {
        if (kind.equals("valid")) {
            assertThat(Json.stringify(Json.parse(input))).isEqualTo(restringified);
        } else {
            assertThatThrownBy(() -> Json.parse(input)).isInstanceOf(DecodingException.class);
        }
    }

    @Test
    void parsesNumbersIntoTheValueModel() {
        assertThat(Json.parse("[1, -2147483647, 2147483648, 1.5, -0, 1e2]"))
                .isEqualTo(List.of(1, -2147483647, 2147483648.0, 1.5, -0.0, 100));
    }

    /*
     * node: JSON.stringify({b: 1, '1': 2, '0': 3, a: undefined, c: [undefined, null, true, 'x'],
     *         d: new Uint8Array([1, 255]), e: {}, f: [], g: -0, h: 0.5})
     */
    private static final String OBJECT_JSON =
            "{\"0\":3,\"1\":2,\"b\":1,\"c\":[null,null,true,\"x\"],\"d\":{\"0\":1,\"1\":255},\"e\":{},\"f\":[],\"g\":0,\"h\":0.5}";

    @Test
    void stringifiesObjectsInJsKeyOrderSkippingUndefined() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", 1);
        object.put("1", 2);
        object.put("0", 3);
        object.put("a", Undefined.INSTANCE);
        object.put("c", Arrays.asList(Undefined.INSTANCE, null, true, "x"));
        object.put("d", new byte[] {1, (byte) 255});
        object.put("e", Map.of());
        object.put("f", List.of());
        object.put("g", -0.0);
        object.put("h", 0.5f);
        assertThat(Json.stringify(object)).isEqualTo(OBJECT_JSON);
    }

    /* node: [JSON.stringify(new Uint8Array([])), JSON.stringify(2 ** 60), JSON.stringify(-(2 ** 53))] */
    @Test
    void stringifiesEveryJavaNumberAsTheJsNumberItStandsFor() {
        assertThat(Json.stringify(new byte[0])).isEqualTo("{}");
        assertThat(Json.stringify(1L << 60)).isEqualTo("1152921504606847000");
        assertThat(Json.stringify(-(1L << 53))).isEqualTo("-9007199254740992");
        assertThat(Json.stringify((short) -7)).isEqualTo("-7");
    }

    /* node: JSON.stringify(undefined) === undefined; JSON.stringify(1n) throws TypeError */
    @Test
    void refusesWhatJsonStringifyCannotWrite() {
        assertThatThrownBy(() -> Json.stringify(Undefined.INSTANCE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.stringify(BigInteger.ONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.stringify(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.stringify(Map.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesJsonNestedTooDeeply() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(DecodingException.class).hasMessageContaining("deeper");
    }

    private static String utf16(String commaSeparatedHex) {
        if (commaSeparatedHex.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (String unit : commaSeparatedHex.split(",")) {
            s.append((char) Integer.parseInt(unit, 16));
        }
        return s.toString();
    }

    private static List<String[]> table(String name) throws IOException {
        try (InputStream in = JsonTest.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                rows.add(line.split("\t", -1));
            }
            return rows;
        }
    }
}
