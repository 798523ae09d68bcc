package dev.weft.crdt;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * A depth-first walk over the nodes below an XML fragment or element, yielding those a filter accepts, as Yjs's
 * {@code YXmlTreeWalker}: elements are entered, texts and hooks are leaves, deleted nodes are skipped. Content
 * that is not a shared type (which Yjs would trip over) is skipped too.
 */
public final class YXmlTreeWalker implements Iterator<AbstractType<?>>, Iterable<AbstractType<?>> {
    private final YXmlFragment root;
    private final Predicate<AbstractType<?>> filter;
    /** The item last yielded, or the first child before the first call. */
    private Item currentNode;
    private boolean firstCall = true;
    /** The node {@link #hasNext()} looked ahead to, not yet returned by {@link #next()}. */
    private Item lookahead;
    private boolean done;

    YXmlTreeWalker(YXmlFragment root, Predicate<AbstractType<?>> filter) {
        this.root = root;
        this.filter = filter;
        this.currentNode = root.start;
    }

    @Override
    public Iterator<AbstractType<?>> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        if (lookahead == null && !done) {
            lookahead = advance();
            done = lookahead == null;
        }
        return lookahead != null;
    }

    @Override
    public AbstractType<?> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        currentNode = lookahead;
        lookahead = null;
        return YXmlFragment.nodeOf(currentNode);
    }

    /** The item of the next accepted node after {@link #currentNode} (or that node itself on the first call). */
    private Item advance() {
        Item n = currentNode;
        if (n != null && (!firstCall || !accepts(n))) {
            do {
                AbstractType<?> node = YXmlFragment.nodeOf(n);
                if (!n.isDeleted() && node instanceof YXmlFragment fragment && fragment.start != null) {
                    n = fragment.start;
                } else {
                    n = nextUpwards(n);
                }
            } while (n != null && !accepts(n));
        }
        firstCall = false;
        return n;
    }

    /** The next live sibling of {@code n}, else of the nearest ancestor below the root that has one. */
    private Item nextUpwards(Item n) {
        while (n != null) {
            Item next = n.next();
            if (next != null) {
                return next;
            }
            n = n.parent == root ? null : n.parent.item;
        }
        return null;
    }

    private boolean accepts(Item n) {
        AbstractType<?> node = YXmlFragment.nodeOf(n);
        return !n.isDeleted() && node != null && filter.test(node);
    }
}
