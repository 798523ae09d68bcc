package dev.weft.crdt;

import java.util.List;

/** A byte array (a JS Uint8Array), one clock. */
final class ContentBinary extends SingleClockContent {
    static final int REF = 3;

    final byte[] content;

    ContentBinary(byte[] content) {
        this.content = content;
    }

    /** A copy of the bytes: the document's own must not change behind its back. */
    @Override
    public List<Object> getContent() {
        return List.of(content.clone());
    }

    @Override
    public Content copy() {
        return new ContentBinary(content);
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        encoder.writeBuf(content);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
