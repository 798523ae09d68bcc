package dev.weft.crdt;

import java.util.List;

/** A formatting mark in rich text: from here on, attribute {@code key} is {@code value} (null ends it). */
final class ContentFormat extends SingleClockContent {
    static final int REF = 6;

    final String key;
    final Object value;

    /** @throws IllegalArgumentException for a value V1 could not write (see {@link Json#requireStringifiable}) */
    ContentFormat(String key, Object value) {
        Json.requireStringifiable(value);
        this.key = key;
        this.value = value;
    }

    @Override
    public List<Object> getContent() {
        return List.of();
    }

    @Override
    public boolean isCountable() {
        return false;
    }

    @Override
    public Content copy() {
        return new ContentFormat(key, value);
    }

    @Override
    public void integrate(Transaction txn, Item item) {
        // Like Yjs, search markers are not maintained in formatted text: they would have to skip formats.
        item.parent.searchMarker = null;
        if (item.parent instanceof YText text) {
            text.hasFormatting = true;
        }
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        encoder.writeKey(key);
        encoder.writeJson(value);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
