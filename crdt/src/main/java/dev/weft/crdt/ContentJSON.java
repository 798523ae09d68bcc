package dev.weft.crdt;

import dev.weft.crdt.lib0.Undefined;
import java.util.ArrayList;

/**
 * Values written as JSON text, one per clock: what Yjs before 13 used for array content. Still read and written,
 * since old documents carry it.
 */
final class ContentJSON extends ValueListContent {
    static final int REF = 2;
    /** JSON has no undefined: Yjs writes this word instead. */
    private static final String UNDEFINED = "undefined";

    ContentJSON(ArrayList<Object> arr) {
        super(arr);
    }

    static ContentJSON read(UpdateDecoder decoder) {
        long len = decoder.readLen();
        ArrayList<Object> values = listFor(len);
        for (long i = 0; i < len; i++) {
            String json = decoder.readString();
            values.add(UNDEFINED.equals(json) ? Undefined.INSTANCE : Json.parse(json));
        }
        return new ContentJSON(values);
    }

    @Override
    ValueListContent withValues(ArrayList<Object> values) {
        return new ContentJSON(values);
    }

    @Override
    void writeValue(UpdateEncoder encoder, Object value) {
        encoder.writeString(value == Undefined.INSTANCE ? UNDEFINED : Json.stringify(value));
    }

    @Override
    public int getRef() {
        return REF;
    }
}
