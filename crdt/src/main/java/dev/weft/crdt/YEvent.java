package dev.weft.crdt;

import dev.weft.crdt.lib0.Undefined;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a transaction changed in one type. The changes are computed from the document when first asked for, so they
 * can only be asked for while the observers of the transaction run.
 *
 * @param <T> the kind of type that changed
 */
public class YEvent<T extends AbstractType<?>> {
    private static final String ERROR_COMPUTE_CHANGES = "You must not compute changes after the event-handler fired.";

    final T target;
    /** The type whose observer sees the event: the target, or an ancestor for deep observers. */
    AbstractType<?> currentTarget;
    final Transaction transaction;
    Changes changes;
    Map<String, KeyChange> keys;
    List<Object> path;

    YEvent(T target, Transaction transaction) {
        this.target = target;
        this.currentTarget = target;
        this.transaction = transaction;
    }

    /** How a key of a map-like type changed. */
    public enum Action {
        ADD, UPDATE, DELETE
    }

    /**
     * The change of one key.
     *
     * @param oldValue the value before the transaction; {@link Undefined#INSTANCE} for an added key
     */
    public record KeyChange(Action action, Object oldValue) {
    }

    /**
     * Everything that changed.
     *
     * @param added the items the transaction inserted and did not delete
     * @param deleted the items that existed before and the transaction deleted
     * @param delta the list content as a sequence of {@code retain}, {@code insert} and {@code delete} operations
     * @param keys the keys that changed
     */
    public record Changes(Set<Item> added, Set<Item> deleted, List<Map<String, Object>> delta,
            Map<String, KeyChange> keys) {
    }

    /** The type that changed. */
    public T target() {
        return target;
    }

    /** The type whose observer is being called. */
    public AbstractType<?> currentTarget() {
        return currentTarget;
    }

    /** The transaction that made the change. */
    public Transaction transaction() {
        return transaction;
    }

    /**
     * The way from the current target to the target: keys of map-like types and indices of list-like ones, so that
     * {@code currentTarget.get(path[0]).get(path[1])...} is the target.
     */
    public List<Object> path() {
        if (path == null) {
            path = getPathTo(currentTarget, target);
        }
        return path;
    }

    /**
     * The keys of map content among what a transaction changed in a type ({@code Transaction.changed}, where null
     * stands for list content), as a copy the observer may keep.
     */
    static Set<String> changedKeys(Set<String> parentSubs) {
        Set<String> keys = new LinkedHashSet<>(parentSubs);
        keys.remove(null);
        return Collections.unmodifiableSet(keys);
    }

    /** Whether the transaction deleted {@code item} (also if it inserted it first). */
    public boolean deletes(Item item) {
        return transaction.deleteSet.isDeleted(item.id);
    }

    /** Whether the transaction inserted {@code item} (also if it deleted it afterwards). */
    public boolean adds(Item item) {
        return item.id.clock() >= transaction.beforeState.get(item.id.client());
    }

    /** The keys of map content that changed. */
    public Map<String, KeyChange> keys() {
        if (keys == null) {
            requireObserversRunning();
            Map<String, KeyChange> computed = new LinkedHashMap<>();
            for (String key : transaction.changed.get(target)) {
                if (key != null) {
                    KeyChange change = keyChange(target.map.get(key));
                    if (change != null) {
                        computed.put(key, change);
                    }
                }
            }
            keys = Collections.unmodifiableMap(computed);
        }
        return keys;
    }

    private KeyChange keyChange(Item item) {
        if (adds(item)) {
            Item prev = item.left;
            while (prev != null && adds(prev)) {
                prev = prev.left;
            }
            boolean prevDeleted = prev != null && deletes(prev);
            if (deletes(item)) {
                return prevDeleted ? new KeyChange(Action.DELETE, AbstractType.lastValue(prev)) : null;
            }
            return prevDeleted
                    ? new KeyChange(Action.UPDATE, AbstractType.lastValue(prev))
                    : new KeyChange(Action.ADD, Undefined.INSTANCE);
        }
        return deletes(item) ? new KeyChange(Action.DELETE, AbstractType.lastValue(item)) : null;
    }

    /** The list content's changes as Yjs's delta: retain, insert (a list of values) and delete operations. */
    public List<Map<String, Object>> delta() {
        return changes().delta();
    }

    /** Everything that changed; see {@link Changes}. */
    public Changes changes() {
        if (changes == null) {
            requireObserversRunning();
            Set<Item> added = new LinkedHashSet<>();
            Set<Item> deleted = new LinkedHashSet<>();
            List<Map<String, Object>> delta = new ArrayList<>();
            if (transaction.changed.get(target).contains(null)) {
                computeListDelta(added, deleted, delta);
            }
            changes = new Changes(Collections.unmodifiableSet(added), Collections.unmodifiableSet(deleted),
                    Collections.unmodifiableList(delta), keys());
        }
        return changes;
    }

    private void computeListDelta(Set<Item> added, Set<Item> deleted, List<Map<String, Object>> delta) {
        DeltaBuilder ops = new DeltaBuilder(delta);
        for (Item item = target.start; item != null; item = item.right) {
            if (item.isDeleted()) {
                if (deletes(item) && !adds(item)) {
                    ops.delete(item.length);
                    deleted.add(item);
                }
            } else if (adds(item)) {
                ops.insert(item.content.getContent());
                added.add(item);
            } else {
                ops.retain(item.length);
            }
        }
        ops.finish();
    }

    /** Accumulates runs of the same operation; a trailing retain is dropped. */
    private static final class DeltaBuilder {
        private final List<Map<String, Object>> delta;
        private String op;
        private int count;
        private List<Object> inserted;

        DeltaBuilder(List<Map<String, Object>> delta) {
            this.delta = delta;
        }

        void delete(int len) {
            switchTo("delete");
            count += len;
        }

        void retain(int len) {
            switchTo("retain");
            count += len;
        }

        void insert(List<Object> values) {
            switchTo("insert");
            inserted.addAll(values);
        }

        private void switchTo(String next) {
            if (!next.equals(op)) {
                pack();
                op = next;
                count = 0;
                inserted = "insert".equals(next) ? new ArrayList<>() : null;
            }
        }

        private void pack() {
            if (op != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put(op, "insert".equals(op) ? inserted : count);
                delta.add(entry);
            }
        }

        void finish() {
            if (op != null && !"retain".equals(op)) {
                pack();
            }
        }
    }

    private void requireObserversRunning() {
        if (transaction.doc.transactionCleanups.isEmpty()) {
            throw new IllegalStateException(ERROR_COMPUTE_CHANGES);
        }
    }

    /** Yjs's getPathTo. */
    private static List<Object> getPathTo(AbstractType<?> parent, AbstractType<?> child) {
        List<Object> path = new ArrayList<>();
        while (child.item != null && child != parent) {
            if (child.item.parentSub != null) {
                // map-like parent
                path.add(child.item.parentSub);
            } else {
                // list-like parent
                int i = 0;
                for (Item c = child.item.parent.start; c != child.item && c != null; c = c.right) {
                    if (!c.isDeleted() && c.countable()) {
                        i += c.length;
                    }
                }
                path.add(i);
            }
            child = child.item.parent;
        }
        Collections.reverse(path);
        return Collections.unmodifiableList(path);
    }
}
