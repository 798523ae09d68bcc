package dev.weft.crdt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A shared document: named root types holding the content, the structs behind them, and the machinery to apply
 * and produce updates byte-compatible with Yjs 13.6.
 *
 * <p>A document is confined to one thread at a time. Edits happen in a {@link Transaction}; edits made while one is
 * open on the same thread join it. Opening one from another thread meanwhile, or using an open transaction from
 * another thread, fails at once with {@link IllegalStateException}. Reads, and adding or removing observers and
 * listeners, are not checked: the caller keeps them on the document's thread. Observers and listeners run when the
 * outermost transaction closes.
 */
public final class Doc {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Doc.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String guid;
    String collectionId;
    final boolean gc;
    final Predicate<Item> gcFilter;
    final Object meta;
    final boolean autoLoad;
    boolean shouldLoad;
    long clientId;
    /** The root types by name, in the order they appeared. */
    final Map<String, AbstractType<?>> share = new LinkedHashMap<>();
    final StructStore store = new StructStore();
    /** The open transaction, or null. */
    Transaction transaction;
    /** Transactions closed but not cleaned up yet: the first one's close runs the cleanup of all. */
    final List<Transaction> transactionCleanups = new ArrayList<>();
    final Set<Doc> subdocs = new LinkedHashSet<>();
    /** The item holding this document, when it is a subdocument. */
    Item item;
    private boolean destroyed;
    /** The thread with an open transaction or a cleanup in progress, or null. */
    @SuppressWarnings("unused") // through OWNER
    private volatile Thread owner;

    final Listeners<UpdateListener> updateListeners = new Listeners<>();
    final Listeners<UpdateListener> updateV2Listeners = new Listeners<>();
    final Listeners<TransactionListener> afterTransactionListeners = new Listeners<>();
    final Listeners<SubdocsListener> subdocsListeners = new Listeners<>();
    private final Listeners<Consumer<Doc>> destroyListeners = new Listeners<>();

    /** A document with a random client id, garbage collection on. */
    public Doc() {
        this(builder());
    }

    private Doc(Builder b) {
        guid = b.guid != null ? b.guid : UUID.randomUUID().toString();
        collectionId = b.collectionId;
        gc = b.gc;
        gcFilter = b.gcFilter;
        meta = b.meta;
        autoLoad = b.autoLoad;
        shouldLoad = b.shouldLoad;
        clientId = b.clientId >= 0 ? b.clientId : generateNewClientId();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a new document. */
    public static final class Builder {
        private long clientId = -1;
        private boolean gc = true;
        private Predicate<Item> gcFilter = item -> true;
        private String guid;
        private String collectionId;
        private Object meta;
        private boolean autoLoad;
        private boolean shouldLoad = true;

        private Builder() {
        }

        /** The id this document's edits are made under; random (an unsigned 32-bit number) by default. */
        public Builder clientId(long clientId) {
            if (clientId < 0 || clientId > 0x1F_FFFF_FFFF_FFFFL) {
                throw new IllegalArgumentException("client id out of range: " + clientId);
            }
            this.clientId = clientId;
            return this;
        }

        /** Whether deleted content is dropped when a transaction ends (on by default). */
        public Builder gc(boolean gc) {
            this.gc = gc;
            return this;
        }

        /** Called before a deleted item is collected: return false to keep it. */
        public Builder gcFilter(Predicate<Item> gcFilter) {
            this.gcFilter = gcFilter;
            return this;
        }

        /** The globally unique id of the document; a random UUID by default. */
        public Builder guid(String guid) {
            this.guid = guid;
            return this;
        }

        /** A collection the document belongs to, for providers that group documents. */
        public Builder collectionId(String collectionId) {
            this.collectionId = collectionId;
            return this;
        }

        /** Any information about the document; a subdocument's meta travels with its parent. */
        public Builder meta(Object meta) {
            this.meta = meta;
            return this;
        }

        /** For a subdocument: load it as soon as it is added, here and on every peer. */
        public Builder autoLoad(boolean autoLoad) {
            this.autoLoad = autoLoad;
            return this;
        }

        /** Whether a provider should sync the document now; {@link Doc#load()} sets it. */
        public Builder shouldLoad(boolean shouldLoad) {
            this.shouldLoad = shouldLoad;
            return this;
        }

        public Doc build() {
            return new Doc(this);
        }
    }

    static long generateNewClientId() {
        return ThreadLocalRandom.current().nextLong(1L << 32);
    }

    /** The id this document's edits are made under. */
    public long clientId() {
        return clientId;
    }

    /** The globally unique id of the document, which a subdocument is synced under. */
    public String guid() {
        return guid;
    }

    /** The collection the document belongs to, or null; a subdocument inherits its parent's. */
    public String collectionId() {
        return collectionId;
    }

    /** The information given to {@link Builder#meta}, or null. */
    public Object meta() {
        return meta;
    }

    /** Whether deleted content is collected when a transaction ends. */
    public boolean gcEnabled() {
        return gc;
    }

    /** Whether this subdocument loads as soon as it is added to a parent. */
    public boolean autoLoad() {
        return autoLoad;
    }

    /** Whether a provider should sync this document now: set by {@link #load()}, or from the start. */
    public boolean shouldLoad() {
        return shouldLoad;
    }

    /** The root array named {@code name}, created if needed. */
    public YArray getArray(String name) {
        return get(name, YArray.class, YArray::new);
    }

    /** The root map named {@code name}, created if needed. */
    public YMap getMap(String name) {
        return get(name, YMap.class, YMap::new);
    }

    /** The root text named {@code name}, created if needed. */
    public YText getText(String name) {
        return get(name, YText.class, YText::new);
    }

    /** The root XML fragment named {@code name}, created if needed. */
    public YXmlFragment getXmlFragment(String name) {
        return get(name, YXmlFragment.class, YXmlFragment::new);
    }

    /** The root XML element named {@code name} (its node name is {@code UNDEFINED}, as in Yjs), created if needed. */
    public YXmlElement getXmlElement(String name) {
        return get(name, YXmlElement.class, YXmlElement::new);
    }

    /**
     * Every root type's content as plain values (the JS value model, as the types' {@code toJson}), by name in the
     * order the roots appeared: Yjs's {@code Doc.toJSON}, except that a root no one declared by kind is read too.
     * Reading changes nothing: an undeclared root stays undeclared, so a later {@code getText}, {@code getMap}, ...
     * can still claim it.
     *
     * <p>A declared root gives its own {@code toJson}. An undeclared one (on a server, every root: updates create
     * them) gives what the type its content looks like would, judging by its undeleted content as a Yjs reader
     * would when choosing the getter:
     * <ul>
     *   <li>characters or embeds in the list content: text, its string ({@link YText#toJson});</li>
     *   <li>list content of XML nodes only (elements, texts, hooks): an XML fragment's string
     *       ({@link YXmlFragment#toJson}); with attributes (map entries) beside them, which only a root XML element
     *       has, that element's string, named {@code undefined} as {@link #getXmlElement} names it;</li>
     *   <li>any other list content: an array ({@link YArray#toJson});</li>
     *   <li>map entries and no list content: a map ({@link YMap#toJson}).</li>
     * </ul>
     * The list content wins over map entries, as the text and XML types' JSON leaves their attributes out.
     * Limits: a root with no undeleted content is left out (its kind cannot be told; Yjs's JSON of an undeclared
     * root is undefined, which JSON leaves out too); an array holding only XML nodes reads as an XML fragment, a text
     * holding only embedded shared types reads as an array, and a root XML element with attributes but no children
     * reads as a map.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        share.forEach((name, type) -> {
            AbstractType<?> readable = type instanceof UndeclaredType undeclared ? undeclared.inferredView() : type;
            if (readable != null) {
                json.put(name, readable.toJson());
            }
        });
        return json;
    }

    /**
     * Yjs's Doc.get: the root type named {@code name}. A root type that updates created before the application
     * asked for it is an {@link UndeclaredType}; the first typed request turns it into the requested kind.
     *
     * @throws IllegalStateException if the root type exists with another kind
     */
    <T extends AbstractType<?>> T get(String name, Class<T> kind, Supplier<T> factory) {
        AbstractType<?> existing = share.get(name);
        if (existing == null) {
            T type = factory.get();
            share.put(name, type);
            type.integrate(this, null);
            return type;
        }
        if (existing.getClass() == kind) {
            return kind.cast(existing);
        }
        if (existing instanceof UndeclaredType undeclared) {
            T type = factory.get();
            undeclared.moveContentTo(type);
            share.put(name, type);
            type.integrate(this, null);
            return type;
        }
        throw new IllegalStateException("Type with the name " + name + " has already been defined as "
                + existing.getClass().getSimpleName());
    }

    /** The root type an update names as a parent: the declared one, or an undeclared placeholder. */
    AbstractType<?> getOrCreateRootType(String name) {
        AbstractType<?> existing = share.get(name);
        if (existing != null) {
            return existing;
        }
        UndeclaredType type = new UndeclaredType();
        share.put(name, type);
        type.integrate(this, null);
        return type;
    }

    /**
     * Opens a transaction, or joins the one open on this thread. Close it to commit:
     * {@code try (Transaction txn = doc.transact(origin)) { ... }}. When joining, the result is a handle on the open
     * transaction whose {@code close()} ends nothing (the origin is then the open transaction's).
     *
     * @param origin what starts the transaction, handed to observers and update listeners
     * @throws IllegalStateException if another thread has a transaction open on this document
     */
    public Transaction transact(Object origin) {
        claimOwnership();
        return transaction != null ? transaction.joinedHandle() : transact(origin, true);
    }

    /** Opens a transaction without origin, or joins the one open on this thread; see {@link #transact(Object)}. */
    public Transaction transact() {
        return transact((Object) null);
    }

    /**
     * Runs {@code body} in a transaction (joining the open one if any) and commits, unless it joined. The body must
     * not close the transaction it is given.
     */
    public void transact(Object origin, Consumer<Transaction> body) {
        try (Transaction txn = transact(origin, true)) {
            body.accept(txn);
        }
    }

    /**
     * Yjs's transact: joins the open transaction or starts one. Internal callers get the transaction itself, and
     * close it exactly once (try-with-resources): a close that ends a nesting only counts it down.
     */
    Transaction transact(Object origin, boolean local) {
        claimOwnership();
        if (transaction != null) {
            transaction.nesting++;
            return transaction;
        }
        Transaction txn = new Transaction(this, origin, local);
        transaction = txn;
        transactionCleanups.add(txn);
        return txn;
    }

    /**
     * Refuses a caller on another thread than the one with the open transaction: a document is not thread-safe,
     * and a transaction handed to another thread would let two change it at once.
     */
    void requireOwningThread() {
        if (OWNER.getOpaque(this) != Thread.currentThread()) {
            throw new IllegalStateException("the transaction belongs to another thread");
        }
    }

    private void claimOwnership() {
        Thread current = Thread.currentThread();
        if (OWNER.getOpaque(this) != current && !OWNER.compareAndSet(this, (Thread) null, current)) {
            throw new IllegalStateException("another thread has a transaction open on this document");
        }
    }

    /** Called when the outermost transact of {@code txn} closes. */
    void endTransaction(Transaction txn) {
        boolean finishCleanup = transactionCleanups.get(0) == txn;
        transaction = null;
        if (finishCleanup) {
            // Observers may open transactions of their own: they join the list and are cleaned up in turn.
            try {
                Transaction.cleanupTransactions(transactionCleanups);
            } finally {
                transactionCleanups.clear();
                OWNER.setVolatile(this, (Thread) null);
            }
        }
    }

    /** Applies a V1 update, as Yjs's applyUpdate. */
    public void applyUpdate(byte[] update) {
        applyUpdate(update, null);
    }

    /**
     * Applies a V1 update. Structs whose dependencies are missing wait in the document until they arrive.
     *
     * @param origin the origin of the transaction the update is applied in
     * @throws UpdateException if the update is truncated or corrupt; the document is then unchanged
     */
    public void applyUpdate(byte[] update, Object origin) {
        UpdateCodec.applyUpdate(this, update, origin, UpdateFormat.V1);
    }

    /** Applies a V2 update, as Yjs's applyUpdateV2. */
    public void applyUpdateV2(byte[] update) {
        applyUpdateV2(update, null);
    }

    /** Applies a V2 update; see {@link #applyUpdate(byte[], Object)}. */
    public void applyUpdateV2(byte[] update, Object origin) {
        UpdateCodec.applyUpdate(this, update, origin, UpdateFormat.V2);
    }

    /** The whole document as a V1 update. */
    public byte[] encodeStateAsUpdate() {
        return UpdateCodec.encodeStateAsUpdate(this, null, UpdateFormat.V1);
    }

    /**
     * What a peer with the given V1-encoded state vector is missing, as a V1 update.
     *
     * @throws UpdateException if the state vector cannot be decoded
     */
    public byte[] encodeStateAsUpdate(byte[] stateVector) {
        return UpdateCodec.encodeStateAsUpdate(this, stateVector, UpdateFormat.V1);
    }

    /** The whole document as a V2 update. */
    public byte[] encodeStateAsUpdateV2() {
        return UpdateCodec.encodeStateAsUpdate(this, null, UpdateFormat.V2);
    }

    /**
     * What a peer with the given V1-encoded state vector is missing, as a V2 update.
     *
     * @throws UpdateException if the state vector cannot be decoded
     */
    public byte[] encodeStateAsUpdateV2(byte[] stateVector) {
        return UpdateCodec.encodeStateAsUpdate(this, stateVector, UpdateFormat.V2);
    }

    /** The state vector of this document, V1-encoded: what a peer needs to send what this one misses. */
    public byte[] encodeStateVector() {
        return store.getStateVector().encode();
    }

    /** Calls {@code listener} with the V1 update of every transaction that changed something. */
    public Subscription onUpdate(UpdateListener listener) {
        return updateListeners.add(listener);
    }

    /** Calls {@code listener} with the V2 update of every transaction that changed something. */
    public Subscription onUpdateV2(UpdateListener listener) {
        return updateV2Listeners.add(listener);
    }

    /** Calls {@code listener} after the observers of every transaction ran. */
    public Subscription onAfterTransaction(TransactionListener listener) {
        return afterTransactionListeners.add(listener);
    }

    /** Calls {@code listener} when transactions add, remove or load subdocuments. */
    public Subscription onSubdocs(SubdocsListener listener) {
        return subdocsListeners.add(listener);
    }

    /** Calls {@code listener} when this document is destroyed. */
    public Subscription onDestroy(Consumer<Doc> listener) {
        return destroyListeners.add(listener);
    }

    /** The subdocuments this document holds. */
    public Set<Doc> getSubdocs() {
        return Collections.unmodifiableSet(subdocs);
    }

    /** The guids of the subdocuments this document holds. */
    public Set<String> getSubdocGuids() {
        Set<String> guids = new LinkedHashSet<>();
        for (Doc subdoc : subdocs) {
            guids.add(subdoc.guid);
        }
        return guids;
    }

    /** For a subdocument: asks the providers to load it, by announcing it in the parent's subdocs event. */
    public void load() {
        if (item != null && !shouldLoad) {
            Doc parent = item.parent.doc;
            try (Transaction txn = parent.transact(null, true)) {
                txn.subdocsLoaded().add(this);
            }
        }
        shouldLoad = true;
    }

    /** Whether {@link #destroy()} was called. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /**
     * Destroys this document and its subdocuments. A subdocument is replaced in its parent by a fresh, unloaded
     * document with the same guid, so that it can be loaded again.
     */
    public void destroy() {
        destroyed = true;
        for (Doc subdoc : List.copyOf(subdocs)) {
            subdoc.destroy();
        }
        Item holder = item;
        if (holder != null) {
            item = null;
            try (Transaction txn = holder.parent.doc.transact(null, true)) {
                // a deleted holder may have been collected already: then there is nothing to put back
                if (holder.content instanceof ContentDoc content) {
                    content.doc = ContentDoc.docFromOpts(guid, content.opts).shouldLoad(false).build();
                    content.doc.item = holder;
                    if (!holder.isDeleted()) {
                        txn.subdocsAdded().add(content.doc);
                    }
                }
                txn.subdocsRemoved().add(this);
            }
        }
        destroyListeners.emit(l -> l.accept(this));
    }

    @Override
    public String toString() {
        return "Doc{guid=" + guid + ", clientId=" + clientId + "}";
    }
}
