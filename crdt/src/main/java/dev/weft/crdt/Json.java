package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import dev.weft.crdt.lib0.JsPropertyOrder;
import dev.weft.crdt.lib0.Lib0Encoder;
import dev.weft.crdt.lib0.Undefined;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text exactly as JS writes and reads it, for the places where Yjs stores {@code JSON.stringify} output:
 * ContentJSON, and embeds and formats in the update format V1. Byte-identical updates need text identical to
 * V8's, down to number formatting ({@code 1e+21}, {@code 1.5e-7}, shortest round-trip digits), key order
 * ({@link JsPropertyOrder}) and string escaping (lone surrogates as {@code \ud800}).
 *
 * <p>Values follow the JS value model of {@link dev.weft.crdt.lib0.Lib0Encoder#writeAny}. Parsing is strict
 * ECMA-404 like {@code JSON.parse}, into unmodifiable lists and maps; a number parses to an Integer when lib0 would
 * write it as a var-int (integral, magnitude up to 2^31-1, not -0) and to a Double otherwise.
 */
final class Json {
    private static final int MAX_DEPTH = 1000;
    /** Below this, every integral double is printed by JS as its exact digits. */
    private static final double EXACT_INTEGER_LIMIT = 0x1p53;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * {@code JSON.stringify(value)}.
     *
     * @throws IllegalArgumentException where JSON.stringify returns undefined (for {@link Undefined} itself) or
     *     throws (for a bigint), or for a value outside the model
     */
    static String stringify(Object value) {
        if (value == Undefined.INSTANCE) {
            throw new IllegalArgumentException("JSON.stringify(undefined) is undefined, not JSON text");
        }
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * Refuses a value JSON.stringify cannot write: undefined itself, or a bigint anywhere in it. Embeds and formats
     * are written as JSON text in the update format V1, so taking such a value into a document (from a V2 update or
     * a local edit) would leave it unable to encode itself for V1 peers.
     *
     * @throws IllegalArgumentException for such a value
     */
    static void requireStringifiable(Object value) {
        if (!isStringifiable(value)) {
            throw new IllegalArgumentException("JSON cannot hold undefined or a bigint, as embeds and formats must: "
                    + value);
        }
    }

    /** Whether {@link #stringify} can write {@code value} of the value model. */
    static boolean isStringifiable(Object value) {
        return value != Undefined.INSTANCE && !containsBigInt(value);
    }

    private static boolean containsBigInt(Object value) {
        if (value instanceof BigInteger) {
            return true;
        }
        Iterable<?> children = value instanceof List<?> list ? list
                : value instanceof Map<?, ?> object ? object.values()
                : List.of();
        for (Object child : children) {
            if (containsBigInt(child)) {
                return true;
            }
        }
        return false;
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(s, out);
            case Boolean b -> out.append(b.booleanValue());
            case Integer i -> out.append(i.intValue());
            case Short s -> out.append(s.intValue());
            case Byte b -> out.append(b.intValue());
            case BigInteger big -> throw new IllegalArgumentException("JSON.stringify cannot serialize a BigInt");
            case Number n -> out.append(Double.isFinite(n.doubleValue()) ? numberToString(n.doubleValue()) : "null");
            case Undefined u -> out.append("null"); // only reached inside arrays: objects skip undefined members
            case byte[] bytes -> writeBytes(bytes, out);
            case List<?> list -> writeArray(list, out);
            case Doc subdoc -> writeObject(subdoc.toJson(), out); // JSON.stringify calls a Y.Doc's toJSON
            case Map<?, ?> object -> writeObject(object, out);
            default -> throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeArray(List<?> list, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Object element : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(element, out);
        }
        out.append(']');
    }

    private static void writeObject(Map<?, ?> object, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : JsPropertyOrder.entries(object)) {
            if (entry.getValue() == Undefined.INSTANCE) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(entry.getKey(), out);
            out.append(':');
            write(entry.getValue(), out);
        }
        out.append('}');
    }

    /** A Uint8Array is an object whose keys are its indices. */
    private static void writeBytes(byte[] bytes, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(i).append("\":").append(bytes[i] & 0xFF);
        }
        out.append('}');
    }

    /** JSON.stringify's QuoteJSONString, including the ES2019 escaping of lone surrogates. */
    private static void quote(String s, StringBuilder out) {
        out.append('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    /** JS's Number::toString(10) for a finite double. */
    static String numberToString(double value) {
        if (value == 0) {
            return "0"; // -0 too
        }
        if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGER_LIMIT) {
            return Long.toString((long) value);
        }
        ShortestDecimal decimal = ShortestDecimal.of(Math.abs(value));
        String digits = decimal.digits;
        int k = digits.length();
        int n = decimal.pointPosition;
        StringBuilder out = new StringBuilder(k + 8);
        if (value < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits).repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").repeat('0', -n).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as a positive double, as {@code 0.digits × 10^pointPosition}: the
     * digits and exponent of the ECMAScript Number::toString algorithm.
     */
    private record ShortestDecimal(String digits, int pointPosition) {
        static ShortestDecimal of(double value) {
            // Since JDK 19 Double.toString gives the shortest decimal that reads back as the same double, the one
            // closest to it among those. JS differs in one case: where a single digit suffices, Java may prefer
            // two digits that are closer (4.9E-324 where JS writes 5e-324). Hence the check for one digit.
            String text = Double.toString(value);
            int e = text.indexOf('E');
            String mantissa = e < 0 ? text : text.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            int point = mantissa.indexOf('.');
            String digits = mantissa.substring(0, point) + mantissa.substring(point + 1);
            int pointPosition = point + exponent;
            int leading = 0;
            while (digits.charAt(leading) == '0') {
                leading++;
            }
            int trailing = digits.length();
            while (digits.charAt(trailing - 1) == '0') {
                trailing--;
            }
            ShortestDecimal decimal = new ShortestDecimal(digits.substring(leading, trailing), pointPosition - leading);
            return decimal.digits.length() == 2 ? decimal.oneDigitIfExact(value) : decimal;
        }

        private ShortestDecimal oneDigitIfExact(double value) {
            int first = digits.charAt(0) - '0';
            ShortestDecimal down = new ShortestDecimal(Integer.toString(first), pointPosition);
            ShortestDecimal up = first == 9
                    ? new ShortestDecimal("1", pointPosition + 1)
                    : new ShortestDecimal(Integer.toString(first + 1), pointPosition);
            boolean downExact = down.toDouble() == value;
            boolean upExact = up.toDouble() == value;
            if (downExact && upExact) {
                BigDecimal exact = new BigDecimal(value);
                int compare = exact.subtract(down.toBigDecimal()).compareTo(up.toBigDecimal().subtract(exact));
                return compare < 0 || (compare == 0 && first % 2 == 0) ? down : up;
            }
            return downExact ? down : upExact ? up : this;
        }

        private BigDecimal toBigDecimal() {
            return new BigDecimal(new BigInteger(digits), digits.length() - pointPosition);
        }

        private double toDouble() {
            return Double.parseDouble("0." + digits + "E" + pointPosition);
        }
    }

    /**
     * {@code JSON.parse(text)}.
     *
     * @throws DecodingException if the text is not JSON
     */
    static Object parse(String text) {
        return new Parser(text).parseDocument();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Object parseDocument() {
            Object value = parseValue(0);
            skipWhitespace();
            if (pos != text.length()) {
                throw error("Unexpected character after the JSON value");
            }
            return value;
        }

        private Object parseValue(int depth) {
            skipWhitespace();
            if (pos == text.length()) {
                throw error("Unexpected end of JSON input");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> parseObject(depth);
                case '[' -> parseArray(depth);
                case '"' -> parseString();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield parseNumber();
                    }
                    throw error("Unexpected character");
                }
            };
        }

        private Map<String, Object> parseObject(int depth) {
            checkDepth(depth);
            pos++;
            Map<String, Object> object = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return Collections.unmodifiableMap(object);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("Expected a string key");
                }
                String key = parseString();
                skipWhitespace();
                expect(':');
                object.put(key, parseValue(depth + 1));
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    return Collections.unmodifiableMap(object);
                }
                if (c != ',') {
                    throw error("Expected ',' or '}'");
                }
            }
        }

        private List<Object> parseArray(int depth) {
            checkDepth(depth);
            pos++;
            List<Object> array = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(array);
            }
            while (true) {
                array.add(parseValue(depth + 1));
                skipWhitespace();
                char c = next();
                if (c == ']') {
                    return Collections.unmodifiableList(array);
                }
                if (c != ',') {
                    throw error("Expected ',' or ']'");
                }
            }
        }

        private String parseString() {
            pos++; // the opening quote
            StringBuilder out = null;
            int runStart = pos;
            while (true) {
                char c = next();
                if (c == '"') {
                    return out == null ? text.substring(runStart, pos - 1) : out.append(text, runStart, pos - 1).toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("Unescaped control character in string");
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder();
                    }
                    out.append(text, runStart, pos - 1).append(unescape());
                    runStart = pos;
                }
            }
        }

        private char unescape() {
            char c = next();
            return switch (c) {
                case '"', '\\', '/' -> c;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(next(), 16);
                        if (digit < 0) {
                            pos--;
                            throw error("Bad \\u escape");
                        }
                        code = code << 4 | digit;
                    }
                    yield (char) code;
                }
                default -> {
                    pos--;
                    throw error("Bad escape");
                }
            };
        }

        private Object parseNumber() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else {
                requireDigits();
            }
            if (peek() == '.') {
                pos++;
                requireDigits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                requireDigits();
            }
            double value = Double.parseDouble(text.substring(start, pos));
            // -0 stays a Double, as Lib0Decoder reads lib0's negative zero
            boolean asInteger = Lib0Encoder.isVarIntNumber(value)
                    && Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0);
            return asInteger ? (Object) (int) value : (Object) value;
        }

        private void requireDigits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw error("Expected a digit");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("Unexpected token");
            }
            pos += word.length();
            return value;
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private void checkDepth(int depth) {
            if (depth >= MAX_DEPTH) {
                throw error("JSON nested deeper than " + MAX_DEPTH);
            }
        }

        private void expect(char expected) {
            if (next() != expected) {
                pos--;
                throw error("Expected '" + expected + "'");
            }
        }

        /** The next character without consuming it, or 0 at the end (which no check below accepts). */
        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private char next() {
            if (pos == text.length()) {
                throw error("Unexpected end of JSON input");
            }
            return text.charAt(pos++);
        }

        private DecodingException error(String message) {
            return new DecodingException(message + " at position " + pos + " of JSON text of length " + text.length());
        }
    }
}
