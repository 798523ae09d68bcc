package dev.weft.crdt;

import dev.weft.crdt.lib0.DecodingException;
import java.util.LinkedHashMap;
import java.util.List;

/** A nested shared type (an array in a map, a map in an array...), one clock. */
final class ContentType extends SingleClockContent {
    static final int REF = 7;

    static final int YARRAY_REF = 0;
    static final int YMAP_REF = 1;
    static final int YTEXT_REF = 2;
    static final int YXML_ELEMENT_REF = 3;
    static final int YXML_FRAGMENT_REF = 4;
    static final int YXML_HOOK_REF = 5;
    static final int YXML_TEXT_REF = 6;

    final AbstractType<?> type;

    ContentType(AbstractType<?> type) {
        this.type = type;
    }

    /** Yjs's readContentType with its typeRefs table. */
    static ContentType read(UpdateDecoder decoder) {
        int typeRef = decoder.readTypeRef();
        AbstractType<?> type = switch (typeRef) {
            case YARRAY_REF -> new YArray();
            case YMAP_REF -> new YMap();
            case YTEXT_REF -> new YText();
            case YXML_ELEMENT_REF -> new YXmlElement(decoder.readKey());
            case YXML_FRAGMENT_REF -> new YXmlFragment();
            case YXML_HOOK_REF -> new YXmlHook(decoder.readKey());
            case YXML_TEXT_REF -> new YXmlText();
            default -> throw new DecodingException("unknown type ref " + typeRef);
        };
        return new ContentType(type);
    }

    @Override
    public List<Object> getContent() {
        return List.of(type);
    }

    @Override
    public Content copy() {
        return new ContentType(type.copy());
    }

    @Override
    public void integrate(Transaction txn, Item item) {
        type.integrate(txn.doc, item);
    }

    @Override
    public void delete(Transaction txn) {
        for (Item item = type.start; item != null; item = item.right) {
            deleteChild(txn, item);
        }
        for (Item item : type.map.values()) {
            deleteChild(txn, item);
        }
        txn.changed.remove(type);
    }

    private static void deleteChild(Transaction txn, Item item) {
        if (!item.isDeleted()) {
            item.delete(txn);
        } else if (item.id.clock() < txn.beforeState.get(item.id.client())) {
            // Deleted before this transaction, so not in its delete set, yet about to be collected with its parent:
            // ask the cleanup to try merging it with its neighbours.
            txn.mergeStructs.add(item);
        }
    }

    @Override
    public void gc(StructStore store) {
        for (Item item = type.start; item != null; item = item.right) {
            item.gc(store, true);
        }
        type.start = null;
        for (Item item : type.map.values()) {
            for (; item != null; item = item.left) {
                item.gc(store, true);
            }
        }
        type.map = new LinkedHashMap<>();
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        type.write(encoder);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
