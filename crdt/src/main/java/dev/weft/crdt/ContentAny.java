package dev.weft.crdt;

import java.util.ArrayList;

/** Values of the JS value model (see the package documentation), one per clock: what arrays and maps hold. */
final class ContentAny extends ValueListContent {
    static final int REF = 8;

    ContentAny(ArrayList<Object> arr) {
        super(arr);
    }

    static ContentAny read(UpdateDecoder decoder) {
        long len = decoder.readLen();
        ArrayList<Object> values = listFor(len);
        for (long i = 0; i < len; i++) {
            values.add(decoder.readAny());
        }
        return new ContentAny(values);
    }

    @Override
    ValueListContent withValues(ArrayList<Object> values) {
        return new ContentAny(values);
    }

    @Override
    void writeValue(UpdateEncoder encoder, Object value) {
        encoder.writeAny(value);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
