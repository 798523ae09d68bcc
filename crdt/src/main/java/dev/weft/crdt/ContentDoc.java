package dev.weft.crdt;

import dev.weft.crdt.lib0.Undefined;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subdocument, one clock. Only its guid and options travel with the parent: its content is a document of its own,
 * synced separately.
 */
final class ContentDoc extends SingleClockContent {
    static final int REF = 9;

    Doc doc;
    /** The options written with the guid: gc, autoLoad and meta, each only when it differs from the default. */
    final Map<String, Object> opts;

    ContentDoc(Doc doc) {
        this.doc = doc;
        opts = new LinkedHashMap<>();
        if (!doc.gc) {
            opts.put("gc", false);
        }
        if (doc.autoLoad) {
            opts.put("autoLoad", true);
        }
        if (doc.meta != null) {
            opts.put("meta", doc.meta);
        }
    }

    static ContentDoc read(UpdateDecoder decoder) {
        String guid = decoder.readString();
        Object opts = decoder.readAny();
        return new ContentDoc(docFromOpts(guid, opts instanceof Map<?, ?> map ? map : Map.of()).build());
    }

    /**
     * Yjs's createDocFromOpts: the options of a subdocument read the JS way (a missing one keeps its default, any
     * other is taken for its truthiness); it loads at once if it auto-loads.
     */
    static Doc.Builder docFromOpts(String guid, Map<?, ?> opts) {
        Object gc = opts.get("gc");
        Object meta = opts.get("meta");
        boolean autoLoad = truthy(opts.get("autoLoad"));
        return Doc.builder()
                .guid(guid)
                .gc(gc == null && !opts.containsKey("gc") || gc == Undefined.INSTANCE || truthy(gc))
                .meta(meta == Undefined.INSTANCE ? null : meta)
                .autoLoad(autoLoad)
                .shouldLoad(truthy(opts.get("shouldLoad")) || autoLoad);
    }

    private static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
            case String s -> !s.isEmpty();
            case Undefined u -> false;
            default -> true;
        };
    }

    @Override
    public List<Object> getContent() {
        return List.of(doc);
    }

    @Override
    public Content copy() {
        return new ContentDoc(docFromOpts(doc.guid, opts).build());
    }

    @Override
    public void integrate(Transaction txn, Item item) {
        // Doc.destroy must undo this
        doc.item = item;
        txn.subdocsAdded().add(doc);
        if (doc.shouldLoad) {
            txn.subdocsLoaded().add(doc);
        }
    }

    @Override
    public void delete(Transaction txn) {
        if (!txn.subdocsAdded().remove(doc)) {
            txn.subdocsRemoved().add(doc);
        }
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        encoder.writeString(doc.guid);
        encoder.writeAny(opts);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
