package dev.weft.crdt;

import java.util.ArrayList;
import java.util.List;

/** Content made of a list of values, one per clock; the two kinds differ only in how a value is written. */
abstract sealed class ValueListContent implements Content permits ContentAny, ContentJSON {
    /** Never shared with another content: {@link #mergeWith} appends to it in place. */
    final ArrayList<Object> arr;

    ValueListContent(ArrayList<Object> arr) {
        this.arr = arr;
    }

    /** The same kind of content holding {@code values}. */
    abstract ValueListContent withValues(ArrayList<Object> values);

    abstract void writeValue(UpdateEncoder encoder, Object value);

    @Override
    public final int getLength() {
        return arr.size();
    }

    @Override
    public final List<Object> getContent() {
        return arr;
    }

    @Override
    public final boolean isCountable() {
        return true;
    }

    @Override
    public final Content copy() {
        return withValues(new ArrayList<>(arr));
    }

    @Override
    public final Content splice(int offset) {
        List<Object> tail = arr.subList(offset, arr.size());
        Content right = withValues(new ArrayList<>(tail));
        tail.clear();
        return right;
    }

    @Override
    public final boolean isMergeable() {
        return true;
    }

    @Override
    public final void mergeWith(Content right) {
        arr.addAll(((ValueListContent) right).arr);
    }

    @Override
    public final void write(UpdateEncoder encoder, int offset) {
        int len = arr.size();
        encoder.writeLen(len - offset);
        for (int i = offset; i < len; i++) {
            writeValue(encoder, arr.get(i));
        }
    }

    /** A list sized for a length read from an update, which may lie: capacity grows as values really arrive. */
    static ArrayList<Object> listFor(long announcedLength) {
        return new ArrayList<>((int) Math.min(announcedLength, 1024));
    }
}
