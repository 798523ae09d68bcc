package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One run of content inserted by one client, linked into the list of its parent type (or, for map entries, into the
 * list of values of one key). Runs are split when content is inserted or deleted inside them and merged again when
 * the neighbours agree, so that a long text typed in one go stays one item.
 *
 * <p>Integration follows Yjs: {@link #getMissing} resolves the references an update carries, then
 * {@link #integrate} finds the left neighbour among concurrent insertions (the YATA rules), links the item in, and
 * does the bookkeeping that follows.
 *
 * <p>Public only so that listeners can see what changed ({@link YEvent.Changes}) and filter what is collected
 * ({@link Doc.Builder#gcFilter}); everything else is internal.
 */
public final class Item extends AbstractStruct {
    private static final int KEEP = 1;
    private static final int COUNTABLE = 1 << 1;
    private static final int DELETED = 1 << 2;
    private static final int MARKER = 1 << 3;

    private static final int ORIGIN_BIT = 0x80;
    private static final int RIGHT_ORIGIN_BIT = 0x40;
    private static final int PARENT_SUB_BIT = 0x20;
    /** The bits of an info byte that hold the content ref (0 for a GC). */
    static final int CONTENT_REF_BITS = 0x1F;

    /** The end of the item that was to the left when this one was inserted. */
    ID origin;
    /** The item now to the left, deleted or not. */
    Item left;
    /** The item now to the right, deleted or not. */
    Item right;
    /** The start of the item that was to the right when this one was inserted. */
    ID rightOrigin;
    /** The type this item belongs to, once integrated (or known at creation). */
    AbstractType<?> parent;
    /** Before integration: the item holding the parent type, when an update names the parent that way. */
    ID parentId;
    /** Before integration: the key of the root type that is the parent, when an update names the parent that way. */
    String parentKey;
    /** The key under which this item is a value of a map-like parent; null for list content. */
    String parentSub;
    /**
     * The item that redid this one, set by an undo manager. None exists yet, so this stays null, but splitting,
     * merging and {@link #followRedone} keep Yjs's handling of it for when one does.
     */
    ID redone;
    Content content;
    /** keep, countable, deleted and search-marker bits, as in Yjs. */
    byte info;

    Item(ID id, Item left, ID origin, Item right, ID rightOrigin, AbstractType<?> parent, String parentSub,
            Content content) {
        super(id, content.getLength());
        this.origin = origin;
        this.left = left;
        this.right = right;
        this.rightOrigin = rightOrigin;
        this.parent = parent;
        this.parentSub = parentSub;
        this.content = content;
        this.info = content.isCountable() ? (byte) COUNTABLE : 0;
    }

    /**
     * Reads an item as an update carries it: its neighbours and parent are IDs or a root key, resolved only by
     * {@link #getMissing}. Refuses references that no well-formed update contains, so that integration cannot
     * fail on them halfway.
     */
    static Item read(UpdateDecoder decoder, ID id, int info) {
        ID origin = (info & ORIGIN_BIT) != 0 ? decoder.readLeftId() : null;
        ID rightOrigin = (info & RIGHT_ORIGIN_BIT) != 0 ? decoder.readRightId() : null;
        boolean cantCopyParentInfo = (info & (ORIGIN_BIT | RIGHT_ORIGIN_BIT)) == 0;
        String parentKey = null;
        ID parentId = null;
        if (cantCopyParentInfo) {
            if (decoder.readParentInfo()) {
                parentKey = decoder.readString();
            } else {
                parentId = decoder.readLeftId();
            }
        }
        String parentSub = cantCopyParentInfo && (info & PARENT_SUB_BIT) != 0 ? decoder.readString() : null;
        Content content = Content.readItemContent(decoder, info);
        if (content.getLength() < 1) {
            throw new DecodingException("empty item " + id);
        }
        requireEarlier(origin, id);
        requireEarlier(rightOrigin, id);
        requireEarlier(parentId, id);
        Item item = new Item(id, null, origin, null, rightOrigin, null, parentSub, content);
        item.parentKey = parentKey;
        item.parentId = parentId;
        return item;
    }

    /**
     * A reference must be a real clock, and a client can only refer to its own content created before: anything
     * else is a corrupt update.
     */
    private static void requireEarlier(ID reference, ID id) {
        if (reference == null) {
            return;
        }
        if (reference.client() < 0 || reference.clock() < 0) {
            throw new DecodingException("item " + id + " refers to " + reference);
        }
        if (reference.client() == id.client() && reference.clock() >= id.clock()) {
            throw new DecodingException("item " + id + " refers to its own client's later " + reference);
        }
    }

    /** The id of the first clock of this item. */
    public ID id() {
        return id;
    }

    /** The number of clocks this item spans. */
    public int length() {
        return length;
    }

    @Override
    public boolean isDeleted() {
        return (info & DELETED) != 0;
    }

    /** The values this item holds, one per clock for list content; empty for deleted or format content. */
    public List<Object> values() {
        return Collections.unmodifiableList(content.getContent());
    }

    /** Whether the item must never be garbage-collected (an undo manager may still need it). */
    boolean keep() {
        return (info & KEEP) != 0;
    }

    void setKeep(boolean keep) {
        info = (byte) (keep ? info | KEEP : info & ~KEEP);
    }

    boolean countable() {
        return (info & COUNTABLE) != 0;
    }

    /** Whether a search marker of the parent points at this item. */
    boolean marker() {
        return (info & MARKER) != 0;
    }

    void setMarker(boolean marked) {
        info = (byte) (marked ? info | MARKER : info & ~MARKER);
    }

    void markDeleted() {
        info |= DELETED;
    }

    /** The id of the last clock of this item. */
    ID lastId() {
        // most items of a text being typed are one character long: reuse the id instead of allocating
        return length == 1 ? id : new ID(id.client(), id.clock() + length - 1);
    }

    /** The next item to the right that is not deleted. */
    Item next() {
        Item n = right;
        while (n != null && n.isDeleted()) {
            n = n.right;
        }
        return n;
    }

    /** The next item to the left that is not deleted. */
    Item prev() {
        Item n = left;
        while (n != null && n.isDeleted()) {
            n = n.left;
        }
        return n;
    }

    /**
     * Resolves origin, right origin and parent to the structs of the store, splitting them where this item attaches.
     * Where the neighbours were collected, the parent is left null: the item will be integrated as a {@link GC}.
     */
    @Override
    long getMissing(Transaction txn, StructStore store) {
        long client = id.client();
        if (origin != null && origin.client() != client && origin.clock() >= store.getState(origin.client())) {
            return origin.client();
        }
        if (rightOrigin != null && rightOrigin.client() != client
                && rightOrigin.clock() >= store.getState(rightOrigin.client())) {
            return rightOrigin.client();
        }
        if (parentId != null && parentId.client() != client && parentId.clock() >= store.getState(parentId.client())) {
            return parentId.client();
        }
        // everything is known: find the structs
        boolean neighbourCollected = false;
        if (origin != null) {
            AbstractStruct leftStruct = store.getStructCleanEnd(txn, origin);
            if (leftStruct instanceof Item l) {
                // l ends at origin now; share its id where it is the same, rather than keep an equal copy
                left = l;
                if (l.length == 1) {
                    origin = l.id;
                }
            } else {
                neighbourCollected = true;
            }
        }
        if (rightOrigin != null) {
            AbstractStruct rightStruct = store.getStructCleanStart(txn, rightOrigin);
            if (rightStruct instanceof Item r) {
                right = r;
                rightOrigin = r.id;
            } else {
                neighbourCollected = true;
            }
        }
        if (neighbourCollected) {
            parent = null;
        } else if (parentKey != null) {
            parent = txn.doc.getOrCreateRootType(parentKey);
        } else if (parentId != null) {
            // a parent that was collected, or an item that holds no type (only a corrupt update names one), makes
            // this item garbage, as in Yjs
            parent = store.find(parentId) instanceof Item p && p.content instanceof ContentType t ? t.type : null;
        } else if (left != null) {
            parent = left.parent;
            parentSub = left.parentSub;
        } else if (right != null) {
            parent = right.parent;
            parentSub = right.parentSub;
        }
        parentKey = null;
        parentId = null;
        return NOTHING_MISSING;
    }

    @Override
    void integrate(Transaction txn, int offset) {
        if (offset > 0) {
            id = new ID(id.client(), id.clock() + offset);
            AbstractStruct leftStruct = txn.doc.store.getStructCleanEnd(txn, new ID(id.client(), id.clock() - 1));
            content = content.splice(offset);
            length -= offset;
            if (!(leftStruct instanceof Item l)) {
                // the start of this item was collected with its parent: so is the rest
                new GC(id, length).integrate(txn, 0);
                return;
            }
            left = l;
            origin = l.lastId();
        }
        if (parent == null) {
            // the parent is gone: keep only the clocks
            new GC(id, length).integrate(txn, 0);
            return;
        }
        if ((left == null && (right == null || right.left != null)) || (left != null && left.right != right)) {
            left = findLeftNeighbour(txn);
        }
        link(txn);
        afterLinking(txn);
    }

    /**
     * The YATA rules: between origin and right origin other clients may have inserted concurrently. Walk those
     * conflicting items and return the one this item goes right after.
     */
    private Item findLeftNeighbour(Transaction txn) {
        Item newLeft = left;
        Item o;
        // o starts at the first item that may conflict
        if (newLeft != null) {
            o = newLeft.right;
        } else if (parentSub != null) {
            o = parent.map.get(parentSub);
            while (o != null && o.left != null) {
                o = o.left;
            }
        } else {
            o = parent.start;
        }
        StructStore store = txn.doc.store;
        // Let c be in conflictingItems and b in itemsBeforeOrigin:
        // ***{origin}bbbb{this}{c,b}{c,b}{o}***
        // conflictingItems is a subset of itemsBeforeOrigin.
        Set<AbstractStruct> conflictingItems = new HashSet<>();
        Set<AbstractStruct> itemsBeforeOrigin = new HashSet<>();
        while (o != null && o != right) {
            itemsBeforeOrigin.add(o);
            conflictingItems.add(o);
            if (sameId(origin, o.origin)) {
                // case 1: o was inserted at the same place
                if (o.id.client() < id.client()) {
                    newLeft = o;
                    conflictingItems.clear();
                } else if (sameId(rightOrigin, o.rightOrigin)) {
                    // this and o are between the same two items: the lower client goes first, and that is this
                    break;
                }
                // else o may be inserted before an item this one conflicts with: the next rounds will tell
            } else if (o.origin != null && itemsBeforeOrigin.contains(store.find(o.origin))) {
                // case 2: o's origin is among the items walked; find, not getItemCleanEnd: nothing must be split here
                if (!conflictingItems.contains(store.find(o.origin))) {
                    newLeft = o;
                    conflictingItems.clear();
                }
            } else {
                break;
            }
            o = o.right;
        }
        return newLeft;
    }

    /** Links this item between its left neighbour and that neighbour's right, updating the parent's start or map. */
    private void link(Transaction txn) {
        if (left != null) {
            right = left.right;
            left.right = this;
        } else {
            Item r;
            if (parentSub != null) {
                r = parent.map.get(parentSub);
                while (r != null && r.left != null) {
                    r = r.left;
                }
            } else {
                r = parent.start;
                parent.start = this;
            }
            right = r;
        }
        if (right != null) {
            right.left = this;
        } else if (parentSub != null) {
            // the rightmost value of a key is the current one
            parent.map.put(parentSub, this);
            if (left != null) {
                // and it replaces the previous value
                left.delete(txn);
            }
        }
    }

    private void afterLinking(Transaction txn) {
        if (parentSub == null && countable() && !isDeleted()) {
            parent.length += length;
        }
        txn.doc.store.addStruct(this);
        content.integrate(txn, this);
        txn.addChangedType(parent, parentSub);
        if ((parent.item != null && parent.item.isDeleted()) || (parentSub != null && right != null)) {
            // the parent is deleted, or a concurrent value of the same key won
            delete(txn);
        }
    }

    @Override
    boolean canMergeWith(AbstractStruct rightStruct) {
        // the cheap checks first; r.origin is compared with lastId() without allocating it
        return rightStruct instanceof Item r
                && right == r
                && id.client() == r.id.client()
                && id.clock() + length == r.id.clock()
                && r.origin != null
                && r.origin.client() == id.client()
                && r.origin.clock() == r.id.clock() - 1
                && sameId(rightOrigin, r.rightOrigin)
                && isDeleted() == r.isDeleted()
                && redone == null
                && r.redone == null
                && content.getClass() == r.content.getClass()
                && content.isMergeable();
    }

    @Override
    void absorb(AbstractStruct rightStruct) {
        Item r = (Item) rightStruct;
        content.mergeWith(r.content);
        List<ArraySearchMarker> searchMarker = parent.searchMarker;
        if (searchMarker != null) {
            for (ArraySearchMarker marker : searchMarker) {
                if (marker.p == r) {
                    // r disappears: point the marker at its start in this item
                    marker.p = this;
                    if (!isDeleted() && countable()) {
                        marker.index -= length;
                    }
                }
            }
        }
        if (r.keep()) {
            setKeep(true);
        }
        right = r.right;
        if (right != null) {
            right.left = this;
        }
        length += r.length;
    }

    /** Marks this item deleted, records it in the transaction and deletes what its content owns. */
    void delete(Transaction txn) {
        if (!isDeleted()) {
            if (countable() && parentSub == null) {
                parent.length -= length;
            }
            markDeleted();
            txn.deleteSet.add(id.client(), id.clock(), length);
            txn.addChangedType(parent, parentSub);
            content.delete(txn);
        }
    }

    /**
     * Drops the content of this deleted item: it becomes a {@link GC} when its parent is collected too, otherwise
     * it keeps its place in the list with {@link ContentDeleted}.
     */
    void gc(StructStore store, boolean parentGCd) {
        if (!isDeleted()) {
            throw new IllegalStateException("only deleted items can be collected");
        }
        content.gc(store);
        if (parentGCd) {
            store.replaceStruct(this, new GC(id, length));
        } else if (!(content instanceof ContentDeleted)) {
            content = new ContentDeleted(length);
        }
    }

    @Override
    void write(UpdateEncoder encoder, int offset) {
        ID writtenOrigin = offset > 0 ? new ID(id.client(), id.clock() + offset - 1) : origin;
        int info = (content.getRef() & CONTENT_REF_BITS)
                | (writtenOrigin == null ? 0 : ORIGIN_BIT)
                | (rightOrigin == null ? 0 : RIGHT_ORIGIN_BIT)
                | (parentSub == null ? 0 : PARENT_SUB_BIT);
        encoder.writeInfo(info);
        if (writtenOrigin != null) {
            encoder.writeLeftId(writtenOrigin);
        }
        if (rightOrigin != null) {
            encoder.writeRightId(rightOrigin);
        }
        if (writtenOrigin == null && rightOrigin == null) {
            writeParent(encoder);
            if (parentSub != null) {
                encoder.writeString(parentSub);
            }
        }
        content.write(encoder, offset);
    }

    private void writeParent(UpdateEncoder encoder) {
        if (parent != null) {
            if (parent.item == null) {
                encoder.writeParentInfo(true);
                encoder.writeString(parent.findRootTypeKey());
            } else {
                encoder.writeParentInfo(false);
                encoder.writeLeftId(parent.item.id);
            }
        } else if (parentKey != null) {
            // not integrated: an item of an update being rewritten
            encoder.writeParentInfo(true);
            encoder.writeString(parentKey);
        } else if (parentId != null) {
            encoder.writeParentInfo(false);
            encoder.writeLeftId(parentId);
        } else {
            throw new IllegalStateException("item " + id + " has no parent to write");
        }
    }

    /**
     * Yjs's splitItem: cuts {@code leftItem} after {@code diff} clocks and returns the new right part, which the
     * caller inserts into the store.
     */
    static Item splitItem(Transaction txn, Item leftItem, int diff) {
        long client = leftItem.id.client();
        long clock = leftItem.id.clock();
        Item rightItem = new Item(new ID(client, clock + diff), leftItem, new ID(client, clock + diff - 1),
                leftItem.right, leftItem.rightOrigin, leftItem.parent, leftItem.parentSub,
                leftItem.content.splice(diff));
        if (leftItem.isDeleted()) {
            rightItem.markDeleted();
        }
        if (leftItem.keep()) {
            rightItem.setKeep(true);
        }
        if (leftItem.redone != null) {
            rightItem.redone = new ID(leftItem.redone.client(), leftItem.redone.clock() + diff);
        }
        // the left part keeps its right origin: changing it would make peers that synced earlier disagree
        leftItem.right = rightItem;
        if (rightItem.right != null) {
            rightItem.right.left = rightItem;
        }
        // the cleanup merges the parts again if nothing else happened between them
        txn.mergeStructs.add(rightItem);
        if (rightItem.parentSub != null && rightItem.right == null) {
            rightItem.parent.map.put(rightItem.parentSub, rightItem);
        }
        leftItem.length = diff;
        return rightItem;
    }

    /** A struct and an offset of a clock in it. */
    record StructAt(AbstractStruct struct, int diff) {
    }

    /**
     * Yjs's followRedone: the struct holding {@code id} and the offset of {@code id} in it; if that is an item that
     * was redone, the same for the clock in the item that redid it, and so on.
     */
    static StructAt followRedone(StructStore store, ID id) {
        ID nextId = id;
        AbstractStruct struct;
        int diff = 0;
        do {
            if (diff > 0) {
                nextId = new ID(nextId.client(), nextId.clock() + diff);
            }
            struct = store.find(nextId);
            diff = (int) (nextId.clock() - struct.id.clock());
            nextId = struct instanceof Item item ? item.redone : null;
        } while (nextId != null);
        return new StructAt(struct, diff);
    }

    /** Yjs's compareIDs. */
    static boolean sameId(ID a, ID b) {
        return a == b || (a != null && b != null && a.client() == b.client() && a.clock() == b.clock());
    }

    @Override
    public String toString() {
        return "Item" + id + (isDeleted() ? " deleted" : "") + " " + content.getClass().getSimpleName();
    }
}
