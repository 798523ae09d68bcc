package dev.weft.crdt.lib0;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as the JS peers see it. Encoding follows TextEncoder: a lone surrogate becomes U+FFFD. Decoding follows
 * lib0's fatal TextDecoder: malformed input is an error, and a byte order mark is kept as a character.
 */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** The number of bytes {@link #encode} writes for {@code s}. */
    static int encodedLength(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for the two chars of the pair
                    i++;
                } else {
                    bytes += 2; // three bytes, also for a lone surrogate written as U+FFFD
                }
            }
        }
        return bytes;
    }

    /** Writes {@code s} into {@code buf} from {@code pos}, which must have room; returns the position after it. */
    static int encode(String s, byte[] buf, int pos) {
        int length = s.length();
        int i = 0;
        while (i < length) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            buf[pos++] = (byte) c;
            i++;
        }
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xF0 | (codePoint >> 18));
                    buf[pos++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    buf[pos++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    buf[pos++] = (byte) (0x80 | (codePoint & 0x3F));
                } else {
                    pos = writeThreeBytes(REPLACEMENT, buf, pos);
                }
            } else {
                pos = writeThreeBytes(c, buf, pos);
            }
        }
        return pos;
    }

    private static int writeThreeBytes(char c, byte[] buf, int pos) {
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
        return pos;
    }

    /**
     * Decodes {@code length} bytes from {@code offset}.
     *
     * @throws DecodingException if the bytes are not well-formed UTF-8
     */
    static String decode(byte[] buf, int offset, int length) {
        // The JDK's decoder is fast but replaces malformed input with U+FFFD. Only when a U+FFFD shows up can the
        // input have been malformed, so only then is the strict (slower) decoder asked.
        String s = new String(buf, offset, length, StandardCharsets.UTF_8);
        if (s.indexOf(REPLACEMENT) >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, offset, length));
            } catch (CharacterCodingException e) {
                throw new DecodingException("Malformed UTF-8 in a string of " + length + " bytes", e);
            }
        }
        return s;
    }
}
