package dev.weft.crdt;

/** What a transaction changed in a {@link YArray}: see {@link #delta()}. */
public final class YArrayEvent extends YEvent<YArray> {
    YArrayEvent(YArray target, Transaction transaction) {
        super(target, transaction);
    }
}
