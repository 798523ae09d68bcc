package dev.weft.crdt;

import java.util.Set;

/** What a transaction changed in a {@link YXmlFragment} or {@link YXmlElement}: its children, its attributes. */
public final class YXmlEvent extends YEvent<YXmlFragment> {
    /** The keys the transaction changed, null standing for the content; read lazily, as most events go unread. */
    private final Set<String> subs;

    YXmlEvent(YXmlFragment target, Set<String> subs, Transaction txn) {
        super(target, txn);
        this.subs = subs;
    }

    /** Whether children were inserted or deleted. */
    public boolean childListChanged() {
        return subs.contains(null);
    }

    /** The attributes that were set or removed. */
    public Set<String> attributesChanged() {
        return changedKeys(subs);
    }
}
