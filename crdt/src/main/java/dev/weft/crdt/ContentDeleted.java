package dev.weft.crdt;

import java.util.List;

/** What remains of deleted content once collected while its parent lives on: only the number of clocks. */
final class ContentDeleted implements Content {
    static final int REF = 1;

    int len;

    ContentDeleted(int len) {
        this.len = len;
    }

    static ContentDeleted read(UpdateDecoder decoder) {
        return new ContentDeleted(UpdateCodec.toLength(decoder.readLen()));
    }

    @Override
    public int getLength() {
        return len;
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
        return new ContentDeleted(len);
    }

    @Override
    public Content splice(int offset) {
        ContentDeleted right = new ContentDeleted(len - offset);
        len = offset;
        return right;
    }

    @Override
    public boolean isMergeable() {
        return true;
    }

    @Override
    public void mergeWith(Content right) {
        len += ((ContentDeleted) right).len;
    }

    @Override
    public void integrate(Transaction txn, Item item) {
        // received already deleted: record it so that the transaction reports the deletion too
        txn.deleteSet.add(item.id.client(), item.id.clock(), len);
        item.markDeleted();
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        encoder.writeLen(len - offset);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
