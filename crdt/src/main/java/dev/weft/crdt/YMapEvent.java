package dev.weft.crdt;

import java.util.Set;

/** What a transaction changed in a {@link YMap}: see {@link #keys()}. */
public final class YMapEvent extends YEvent<YMap> {
    private final Set<String> keysChanged;

    YMapEvent(YMap target, Transaction transaction, Set<String> parentSubs) {
        super(target, transaction);
        this.keysChanged = changedKeys(parentSubs);
    }

    /** The keys that were set or deleted, including those whose change cancelled out. */
    public Set<String> keysChanged() {
        return keysChanged;
    }
}
