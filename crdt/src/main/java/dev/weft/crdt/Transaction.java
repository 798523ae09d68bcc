package dev.weft.crdt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A batch of changes to one document. Observers, update listeners and the cleanup (merging structs, collecting
 * deleted content) run once, when the transaction closes. Obtain one from {@link Doc#transact(Object)} and close it
 * with try-with-resources; edits made meanwhile on the same thread join it. A {@code transact} nested in an open one
 * returns a handle on the open transaction, whose {@link #close()} ends nothing.
 *
 * <p>A transaction can only be used on the thread that opened it, and only until it is closed: the methods taking
 * one ({@code text.insert(txn, ...)}) fail with {@link IllegalStateException} otherwise.
 *
 * <p>The cleanup follows Yjs's Transaction.js: observers of changed types, then deep observers, then
 * {@link Doc#onAfterTransaction} listeners; then garbage collection of what the transaction deleted, merging of the
 * structs it touched, and the update events. Transactions opened by observers run their own cleanup afterwards, in
 * order.
 */
public final class Transaction implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Transaction.class.getName());

    final Doc doc;
    /** The clock ranges this transaction deleted. */
    final DeleteSet deleteSet;
    /** The state of the document when the transaction started. */
    final StateVector beforeState;
    /** The state when the transaction ended; set when it closes. */
    StateVector afterState;
    /**
     * The types whose content changed, with the keys that changed (null for list content). Types created in this
     * transaction are not included: they did not change, they appeared.
     */
    final Map<AbstractType<?>, Set<String>> changed;
    /** The events of each type and of its ancestors, for deep observers. */
    final Map<AbstractType<?>, List<YEvent<?>>> changedParentTypes;
    /** Structs split during the transaction, that the cleanup tries to merge again. */
    final List<AbstractStruct> mergeStructs;
    final Object origin;
    /** Whether the change originates from this document rather than from an update. */
    boolean local;
    /** Set by rich text when formatting changed, so that the cleanup removes formats that do nothing. */
    boolean needFormattingCleanup;
    private Map<Object, Object> meta;
    private Set<Doc> subdocsAdded;
    private Set<Doc> subdocsRemoved;
    private Set<Doc> subdocsLoaded;
    /**
     * How many internal nested {@code transact} calls joined this transaction and are not closed yet (the public
     * ones get a handle instead).
     */
    int nesting;
    private boolean finished;
    /** For a handle returned by a nested public {@code transact}: the transaction it joined; else null. */
    private final Transaction joined;
    /** The last arguments of {@link #addChangedType}. */
    private AbstractType<?> lastChangedType;
    private String lastChangedParentSub;

    Transaction(Doc doc, Object origin, boolean local) {
        this.doc = doc;
        this.origin = origin;
        this.local = local;
        this.beforeState = doc.store.getStateVector();
        this.deleteSet = new DeleteSet();
        this.changed = new LinkedHashMap<>();
        this.changedParentTypes = new LinkedHashMap<>();
        this.mergeStructs = new ArrayList<>();
        this.joined = null;
    }

    /**
     * A handle on {@code open} for a nested {@code transact}. It shares the open transaction's state, so that even
     * internal code handed the handle by mistake records its changes there, but the methods taking a transaction
     * work on {@link #requireOpen the transaction itself}.
     */
    private Transaction(Transaction open) {
        this.doc = open.doc;
        this.origin = open.origin;
        this.local = open.local;
        this.beforeState = open.beforeState;
        this.deleteSet = open.deleteSet;
        this.changed = open.changed;
        this.changedParentTypes = open.changedParentTypes;
        this.mergeStructs = open.mergeStructs;
        this.joined = open;
    }

    /** A handle on this open transaction, for a nested {@code transact}: closing the handle ends nothing. */
    Transaction joinedHandle() {
        return new Transaction(this);
    }

    /** The document this transaction changes. */
    public Doc doc() {
        return doc;
    }

    /** What started the transaction: the origin passed to {@code transact} or {@code applyUpdate}. */
    public Object origin() {
        return origin;
    }

    /** Whether the transaction was started by local edits rather than by applying an update. */
    public boolean local() {
        return joined != null ? joined.local : local;
    }

    /** Free storage for information about the transaction, shared by everyone who sees it. */
    public Map<Object, Object> meta() {
        if (joined != null) {
            return joined.meta();
        }
        if (meta == null) {
            meta = new HashMap<>();
        }
        return meta;
    }

    Set<Doc> subdocsAdded() {
        if (joined != null) {
            return joined.subdocsAdded();
        }
        if (subdocsAdded == null) {
            subdocsAdded = new LinkedHashSet<>();
        }
        return subdocsAdded;
    }

    Set<Doc> subdocsRemoved() {
        if (joined != null) {
            return joined.subdocsRemoved();
        }
        if (subdocsRemoved == null) {
            subdocsRemoved = new LinkedHashSet<>();
        }
        return subdocsRemoved;
    }

    Set<Doc> subdocsLoaded() {
        if (joined != null) {
            return joined.subdocsLoaded();
        }
        if (subdocsLoaded == null) {
            subdocsLoaded = new LinkedHashSet<>();
        }
        return subdocsLoaded;
    }

    /**
     * Ends this transaction and runs the observers, listeners and cleanup. Closing the handle of a nested
     * {@code transact} ends nothing: the outermost transaction goes on. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        if (joined != null) {
            finished = true;
            return;
        }
        if (nesting > 0) {
            nesting--;
            return;
        }
        finished = true;
        doc.endTransaction(this);
    }

    /**
     * The transaction to make changes to {@code of} in, given to a public method: this one, or the transaction a
     * nested handle joined.
     *
     * @throws IllegalStateException if the transaction (or its handle) is closed, or the caller is not on the
     *     thread that opened it
     * @throws IllegalArgumentException if it belongs to another document than {@code of}
     */
    Transaction requireOpen(Doc of) {
        Transaction txn = joined != null ? joined : this;
        if (finished || txn.finished) {
            throw new IllegalStateException("the transaction is closed");
        }
        if (of != doc) {
            throw new IllegalArgumentException("the transaction belongs to another document");
        }
        doc.requireOwningThread();
        return txn;
    }

    /** The id the next item created by this document gets. */
    ID nextId() {
        return new ID(doc.clientId, doc.store.getState(doc.clientId));
    }

    /**
     * Yjs's addChangedTypeToTransaction: records that {@code type} changed at {@code parentSub}, unless the type
     * itself was created (or deleted) in this transaction.
     */
    void addChangedType(AbstractType<?> type, String parentSub) {
        // Most calls repeat the previous one (typing into one text): the answer cannot change within a
        // transaction, since a type's item only goes from live to deleted, so skip the lookups.
        if (type == lastChangedType && Objects.equals(parentSub, lastChangedParentSub)) {
            return;
        }
        lastChangedType = type;
        lastChangedParentSub = parentSub;
        Item item = type.item;
        if (item == null || (item.id.clock() < beforeState.get(item.id.client()) && !item.isDeleted())) {
            changed.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(parentSub);
        }
    }

    /**
     * Yjs's writeUpdateMessageFromTransaction: the structs created and the ranges deleted by this transaction.
     *
     * @return whether there was anything to write
     */
    boolean writeUpdateMessage(UpdateEncoder encoder) {
        if (deleteSet.isEmpty() && beforeState.equals(afterState)) {
            return false;
        }
        deleteSet.sortAndMerge();
        UpdateCodec.writeClientsStructs(encoder, doc.store, beforeState);
        deleteSet.write(encoder);
        return true;
    }

    /**
     * Yjs's cleanupTransactions: runs the observers and the cleanup of each transaction, including those the
     * observers start. Every step runs even if an earlier one throws; the first failure is rethrown at the end.
     */
    static void cleanupTransactions(List<Transaction> transactionCleanups) {
        Failures failures = new Failures();
        for (int i = 0; i < transactionCleanups.size(); i++) {
            Transaction txn = transactionCleanups.get(i);
            txn.callObservers(failures);
            failures.run(txn::cleanup);
        }
        failures.rethrow();
    }

    private void callObservers(Failures failures) {
        deleteSet.sortAndMerge();
        afterState = doc.store.getStateVector();
        changed.forEach((type, parentSubs) -> {
            if (type.item == null || !type.item.isDeleted()) {
                failures.run(() -> type.callObserver(this, parentSubs));
            }
        });
        changedParentTypes.forEach((type, events) -> {
            if (!type.deepObservers.isEmpty() && (type.item == null || !type.item.isDeleted())) {
                failures.run(() -> callDeepObservers(type, events));
            }
        });
        failures.run(() -> doc.afterTransactionListeners.emit(l -> l.onTransaction(this)));
        if (needFormattingCleanup) {
            // remote formatting may have made format markers redundant: remove them, as Yjs does
            failures.run(() -> FormattingCleanup.cleanupYTextAfterTransaction(this));
        }
    }

    private void callDeepObservers(AbstractType<?> type, List<YEvent<?>> allEvents) {
        List<YEvent<?>> events = new ArrayList<>(allEvents.size());
        for (YEvent<?> event : allEvents) {
            if (event.target.item == null || !event.target.item.isDeleted()) {
                // one event is shared by all ancestors: set the target it is seen from right before the call (#768)
                event.currentTarget = type;
                event.path = null;
                events.add(event);
            }
        }
        // top-level events first
        events.sort(Comparator.comparingInt(event -> event.path().size()));
        type.deepObservers.emit(l -> l.accept(events, this));
    }

    /** Collects and merges what this transaction deleted and split, then tells the update listeners. */
    private void cleanup() {
        StructStore store = doc.store;
        try {
            if (doc.gc) {
                tryGcDeleteSet(deleteSet, store, doc.gcFilter);
            }
            tryMergeDeleteSet(deleteSet, store);
            mergeChangedClients(store);
            mergeSplitStructs(store);
            if (!local && afterState.get(doc.clientId) != beforeState.get(doc.clientId)) {
                LOG.log(System.Logger.Level.WARNING, "Changed the client-id because another client seems to be using it.");
                doc.clientId = Doc.generateNewClientId();
            }
        } finally {
            Failures failures = new Failures();
            if (!doc.updateListeners.isEmpty()) {
                emitUpdate(new UpdateEncoderV1(), doc.updateListeners, failures);
            }
            if (!doc.updateV2Listeners.isEmpty()) {
                emitUpdate(new UpdateEncoderV2(), doc.updateV2Listeners, failures);
            }
            failures.run(this::announceSubdocs);
            failures.rethrow();
        }
    }

    private void emitUpdate(UpdateEncoder encoder, Listeners<UpdateListener> listeners, Failures failures) {
        failures.run(() -> {
            if (writeUpdateMessage(encoder)) {
                byte[] update = encoder.toBytes();
                listeners.emit(l -> l.onUpdate(update, origin, this));
            }
        });
    }

    private void announceSubdocs() {
        boolean added = subdocsAdded != null && !subdocsAdded.isEmpty();
        boolean removed = subdocsRemoved != null && !subdocsRemoved.isEmpty();
        boolean loaded = subdocsLoaded != null && !subdocsLoaded.isEmpty();
        if (!added && !removed && !loaded) {
            return;
        }
        for (Doc subdoc : subdocsAdded()) {
            subdoc.clientId = doc.clientId;
            if (subdoc.collectionId == null) {
                subdoc.collectionId = doc.collectionId;
            }
            doc.subdocs.add(subdoc);
        }
        doc.subdocs.removeAll(subdocsRemoved());
        SubdocsEvent event = new SubdocsEvent(orderedCopy(subdocsLoaded()), orderedCopy(subdocsAdded()),
                orderedCopy(subdocsRemoved()));
        try {
            doc.subdocsListeners.emit(l -> l.onSubdocs(event, this));
        } finally {
            subdocsRemoved().forEach(Doc::destroy);
        }
    }

    private static Set<Doc> orderedCopy(Set<Doc> docs) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(docs));
    }

    /** Merges the structs each client added in this transaction, right to left so that removals are safe. */
    private void mergeChangedClients(StructStore store) {
        for (int c = 0; c < afterState.size(); c++) {
            long client = afterState.clientAt(c);
            long beforeClock = beforeState.get(client);
            if (beforeClock != afterState.clockAt(c)) {
                ClientStructs structs = store.clients.get(client);
                int firstChangePos = Math.max(structs.findIndex(beforeClock), 1);
                for (int i = structs.size - 1; i >= firstChangePos; ) {
                    i -= 1 + tryToMergeWithLefts(structs, i);
                }
            }
        }
    }

    /** Merges split structs back with their neighbours where nothing else happened between them. */
    private void mergeSplitStructs(StructStore store) {
        for (int i = mergeStructs.size() - 1; i >= 0; i--) {
            ID id = mergeStructs.get(i).id;
            ClientStructs structs = store.clients.get(id.client());
            int replacedStructPos = structs.findIndex(id.clock());
            if (replacedStructPos + 1 < structs.size && tryToMergeWithLefts(structs, replacedStructPos + 1) > 1) {
                continue; // both neighbours are merged already
            }
            if (replacedStructPos > 0) {
                tryToMergeWithLefts(structs, replacedStructPos);
            }
        }
    }

    /**
     * Merges the struct at {@code pos} into its left neighbours while they agree.
     *
     * <p>Yjs merges pairwise from the right, each struct into its left neighbour, so that the leftmost ends up
     * holding the run. Done that way here, every step would copy the text gathered so far (V8's strings are
     * ropes, Java's are not): quadratic in the run, seconds for a document loaded from one update with tens of
     * thousands of typed inserts. So the run is found first and then merged from its left end, which comes to
     * the same structs, search markers and map entries.
     *
     * @return how many structs were merged away
     */
    static int tryToMergeWithLefts(ClientStructs structs, int pos) {
        int first = pos;
        while (first > 0) {
            AbstractStruct left = structs.get(first - 1);
            AbstractStruct right = structs.get(first);
            if (left.isDeleted() != right.isDeleted() || left.getClass() != right.getClass()
                    || !left.canMergeWith(right)) {
                break;
            }
            first--;
        }
        int merged = pos - first;
        if (merged == 0) {
            return 0;
        }
        AbstractStruct run = structs.get(first);
        for (int i = first + 1; i <= pos; i++) {
            AbstractStruct right = structs.get(i);
            run.absorb(right);
            if (right instanceof Item r && r.parentSub != null && r.parent.map.get(r.parentSub) == r) {
                r.parent.map.put(r.parentSub, (Item) run);
            }
        }
        structs.removeRange(first + 1, merged);
        return merged;
    }

    /**
     * Replaces the content of deleted items in {@code ds} by {@link ContentDeleted}, where the filter allows. Here
     * rather than in {@link DeleteSet} because it is part of the cleanup, as in Yjs's Transaction.js.
     */
    static void tryGcDeleteSet(DeleteSet ds, StructStore store, Predicate<Item> gcFilter) {
        for (int c = 0; c < ds.clientCount(); c++) {
            DeleteSet.Ranges ranges = ds.ranges(c);
            ClientStructs structs = store.clients.get(ranges.client);
            for (int di = ranges.size() - 1; di >= 0; di--) {
                long clockEnd = ranges.clock(di) + ranges.len(di);
                for (int si = structs.findIndex(ranges.clock(di)); si < structs.size; si++) {
                    AbstractStruct struct = structs.get(si);
                    if (struct.id.clock() >= clockEnd) {
                        break;
                    }
                    if (struct instanceof Item item && item.isDeleted() && !item.keep() && gcFilter.test(item)) {
                        item.gc(store, false);
                    }
                }
            }
        }
    }

    /** Merges the deleted structs of {@code ds} with their neighbours, right to left so that none is missed. */
    static void tryMergeDeleteSet(DeleteSet ds, StructStore store) {
        for (int c = 0; c < ds.clientCount(); c++) {
            DeleteSet.Ranges ranges = ds.ranges(c);
            ClientStructs structs = store.clients.get(ranges.client);
            for (int di = ranges.size() - 1; di >= 0; di--) {
                long clock = ranges.clock(di);
                // start with the struct right of the range: it may merge with the range's last struct
                int mostRightIndexToCheck = Math.min(structs.size - 1,
                        1 + structs.findIndex(clock + ranges.len(di) - 1));
                for (int si = mostRightIndexToCheck; si > 0 && structs.get(si).id.clock() >= clock; ) {
                    si -= 1 + tryToMergeWithLefts(structs, si);
                }
            }
        }
    }
}
