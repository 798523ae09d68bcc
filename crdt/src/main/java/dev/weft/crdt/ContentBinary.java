package dev.weft.crdt;

import java.util.List;

/** A byte array (a JS Uint8Array), one clock. */
final class ContentBinary implements Content {
    static final int REF = 3;

    final byte[] content;

    ContentBinary(byte[] content) {
        this.content = content;
    }

    @Override
    public int getLength() {
        return 1;
    }

    @Override
    public List<Object> getContent() {
        return List.of(content);
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public Content copy() {
        return new ContentBinary(content);
    }

    @Override
    public Content splice(int offset) {
        throw new UnsupportedOperationException("binary content spans one clock");
    }

    @Override
    public boolean mergeWith(Content right) {
        return false;
    }

    @Override
    public void integrate(Transaction txn, Item item) {
    }

    @Override
    public void delete(Transaction txn) {
    }

    @Override
    public void gc(StructStore store) {
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
