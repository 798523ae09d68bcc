package dev.weft.crdt;

import java.util.Collections;
import java.util.List;

/** An embedded value in rich text (an image, a formula...), one clock. */
final class ContentEmbed implements Content {
    static final int REF = 5;

    final Object embed;

    ContentEmbed(Object embed) {
        this.embed = embed;
    }

    @Override
    public int getLength() {
        return 1;
    }

    @Override
    public List<Object> getContent() {
        return Collections.singletonList(embed);
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public Content copy() {
        return new ContentEmbed(embed);
    }

    @Override
    public Content splice(int offset) {
        throw new UnsupportedOperationException("an embed spans one clock");
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
        encoder.writeJson(embed);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
