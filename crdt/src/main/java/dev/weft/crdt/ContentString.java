package dev.weft.crdt;

import java.util.ArrayList;
import java.util.List;

/** Text: one clock per UTF-16 code unit, as in JS and Java strings. */
final class ContentString implements Content {
    static final int REF = 4;

    String str;

    ContentString(String str) {
        this.str = str;
    }

    @Override
    public int getLength() {
        return str.length();
    }

    @Override
    public List<Object> getContent() {
        List<Object> chars = new ArrayList<>(str.length());
        for (int i = 0; i < str.length(); i++) {
            chars.add(String.valueOf(str.charAt(i)));
        }
        return chars;
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public Content copy() {
        return new ContentString(str);
    }

    @Override
    public Content splice(int offset) {
        ContentString right = new ContentString(str.substring(offset));
        str = str.substring(0, offset);
        // A split between the halves of a surrogate pair would leave two invalid strings that no encoder can write
        // (yjs#248): like Yjs, replace both halves with U+FFFD.
        if (Character.isHighSurrogate(str.charAt(offset - 1))) {
            str = str.substring(0, offset - 1) + '\uFFFD';
            right.str = '\uFFFD' + right.str.substring(1);
        }
        return right;
    }

    @Override
    public boolean mergeWith(Content right) {
        str = str.concat(((ContentString) right).str);
        return true;
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        encoder.writeString(offset == 0 ? str : str.substring(offset));
    }

    @Override
    public int getRef() {
        return REF;
    }
}
