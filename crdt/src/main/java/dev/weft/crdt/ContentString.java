package dev.weft.crdt;

import java.util.ArrayList;
import java.util.List;

/**
 * Text: one clock per UTF-16 code unit, as in JS and Java strings.
 *
 * <p>Design: someone typing makes one item per keystroke, and each transaction's cleanup merges it into the item
 * before it, as Yjs does. A JS engine concatenates strings as ropes; a Java {@code String} would be copied whole at
 * every merge, quadratic in the length of the run typed. So the text becomes a {@link StringBuilder} once it is
 * merged into, and grows in place.
 */
final class ContentString implements Content {
    static final int REF = 4;

    /** A {@code String}, or a {@code StringBuilder} once something was merged into it. */
    private CharSequence text;

    ContentString(String text) {
        this.text = text;
    }

    /** The text, not to be modified; read it before the document changes again. */
    CharSequence text() {
        return text;
    }

    @Override
    public int getLength() {
        return text.length();
    }

    @Override
    public List<Object> getContent() {
        List<Object> chars = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            chars.add(String.valueOf(text.charAt(i)));
        }
        return chars;
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public Content copy() {
        return new ContentString(text.toString());
    }

    @Override
    public Content splice(int offset) {
        String left = text.subSequence(0, offset).toString();
        String right = text.subSequence(offset, text.length()).toString();
        // A split between the halves of a surrogate pair would leave two invalid strings that no encoder can write
        // (yjs#248): like Yjs, replace both halves with U+FFFD.
        if (Character.isHighSurrogate(left.charAt(offset - 1))) {
            left = left.substring(0, offset - 1) + '\uFFFD';
            right = '\uFFFD' + right.substring(1);
        }
        text = left;
        return new ContentString(right);
    }

    @Override
    public boolean isMergeable() {
        return true;
    }

    @Override
    public void mergeWith(Content right) {
        StringBuilder grown = text instanceof StringBuilder builder ? builder : new StringBuilder(text);
        grown.append(((ContentString) right).text);
        text = grown;
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        encoder.writeString(text.subSequence(offset, text.length()).toString());
    }

    @Override
    public int getRef() {
        return REF;
    }
}
