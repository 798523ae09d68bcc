package dev.weft.crdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A list of XML nodes ({@link YXmlElement}, {@link YXmlText}, {@link YXmlHook}) without a name or attributes of
 * its own, as Yjs's {@code Y.XmlFragment}: the root that y-prosemirror and Tiptap write a document into.
 *
 * <p>Children are returned as {@code Object}: a remote peer may put any content into the list, and the XML
 * types render such content the way Yjs does.
 */
public class YXmlFragment extends AbstractType<YXmlEvent> {
    /** Children inserted before this fragment joined a document, inserted when it does; null afterwards. */
    private List<Object> prelimContent = new ArrayList<>();

    /** An empty fragment, to be inserted into a document or obtained through {@link Doc#getXmlFragment(String)}. */
    public YXmlFragment() {
    }

    /** The first child, or null when there is none. */
    public Object firstChild() {
        Item first = first();
        return first == null ? null : first.content.getContent().get(0);
    }

    @Override
    void integrate(Doc doc, Item item) {
        super.integrate(doc, item);
        List<Object> children = prelimContent;
        prelimContent = null;
        insert(0, children);
    }

    @Override
    YXmlFragment copy() {
        return new YXmlFragment();
    }

    /** A new, unattached fragment holding clones of the children. */
    @Override
    public YXmlFragment clone() {
        YXmlFragment fragment = new YXmlFragment();
        fragment.insert(0, cloneChildren());
        return fragment;
    }

    /** Clones of the shared-type children, for {@link #clone()}; other content is reused as is. */
    List<Object> cloneChildren() {
        List<Object> children = toArray();
        children.replaceAll(child -> child instanceof AbstractType<?> type ? type.clone() : child);
        return children;
    }

    /** The number of children. */
    public int length() {
        return prelimContent == null ? length : prelimContent.size();
    }

    /** Walks the subtree depth first, yielding the nodes {@code filter} accepts. */
    public YXmlTreeWalker createTreeWalker(Predicate<AbstractType<?>> filter) {
        return new YXmlTreeWalker(this, filter);
    }

    /**
     * The first element of the subtree whose node name is {@code query}, compared case-insensitively (the only
     * selector Yjs supports), or null.
     */
    public YXmlElement querySelector(String query) {
        YXmlTreeWalker walker = new YXmlTreeWalker(this, nodeNameIs(query));
        return walker.hasNext() ? (YXmlElement) walker.next() : null;
    }

    /** All elements of the subtree whose node name is {@code query}, compared case-insensitively. */
    public List<YXmlElement> querySelectorAll(String query) {
        List<YXmlElement> elements = new ArrayList<>();
        new YXmlTreeWalker(this, nodeNameIs(query)).forEachRemaining(node -> elements.add((YXmlElement) node));
        return elements;
    }

    private static Predicate<AbstractType<?>> nodeNameIs(String query) {
        String upper = query.toUpperCase(Locale.ROOT);
        return node -> node instanceof YXmlElement element && !element.nodeName().isEmpty()
                && element.nodeName().toUpperCase(Locale.ROOT).equals(upper);
    }

    @Override
    void callObserver(Transaction txn, Set<String> parentSubs) {
        callTypeObservers(txn, new YXmlEvent(this, parentSubs, txn));
    }

    /** The children serialised one after another, as Yjs does. */
    @Override
    public String toString() {
        StringBuilder xml = new StringBuilder();
        for (Object child : toArray()) {
            xml.append(JsValues.toJsString(child));
        }
        return xml.toString();
    }

    /** Yjs's {@code toJSON}: the XML string. */
    @Override
    public Object toJson() {
        return toString();
    }

    /** Inserts {@code content} (XML nodes) before the {@code index}-th child. */
    public void insert(int index, List<?> content) {
        if (doc == null) {
            prelimContent.addAll(index, YArray.insertables(content));
        } else {
            try (Transaction txn = doc.transact(null, true)) {
                typeListInsertGenerics(txn, index, content);
            }
        }
    }

    /** {@link #insert(int, List)} in the given transaction. */
    public void insert(Transaction txn, int index, List<?> content) {
        typeListInsertGenerics(txn.requireOpen(doc), index, content);
    }

    /** Inserts {@code content} right after {@code ref} (a child of this fragment; null: at the start). */
    public void insertAfter(AbstractType<?> ref, List<?> content) {
        if (doc == null) {
            int index = ref == null ? 0 : indexOfIdentity(prelimContent, ref) + 1;
            if (index == 0 && ref != null) {
                throw new IllegalArgumentException("Reference item not found");
            }
            prelimContent.addAll(index, YArray.insertables(content));
        } else {
            try (Transaction txn = doc.transact(null, true)) {
                typeListInsertGenericsAfter(txn, ref == null ? null : ref.item, content);
            }
        }
    }

    /** {@link #insertAfter(AbstractType, List)} in the given transaction. */
    public void insertAfter(Transaction txn, AbstractType<?> ref, List<?> content) {
        typeListInsertGenericsAfter(txn.requireOpen(doc), ref == null ? null : ref.item, content);
    }

    private static int indexOfIdentity(List<Object> list, Object element) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == element) {
                return i;
            }
        }
        return -1;
    }

    /** Deletes the {@code index}-th child. */
    public void delete(int index) {
        delete(index, 1);
    }

    /** Deletes {@code length} children from the {@code index}-th. */
    public void delete(int index, int length) {
        if (doc == null) {
            prelimContent.subList(index, index + length).clear();
        } else {
            try (Transaction txn = doc.transact(null, true)) {
                typeListDelete(txn, index, length);
            }
        }
    }

    /** {@link #delete(int, int)} in the given transaction. */
    public void delete(Transaction txn, int index, int length) {
        typeListDelete(txn.requireOpen(doc), index, length);
    }

    /** The children, in order. */
    public List<Object> toArray() {
        return typeListToArray();
    }

    /** Appends {@code content}. */
    public void push(List<?> content) {
        insert(length(), content);
    }

    /** {@link #push(List)} in the given transaction. */
    public void push(Transaction txn, List<?> content) {
        insert(txn, length(), content);
    }

    /** Prepends {@code content}. */
    public void unshift(List<?> content) {
        insert(0, content);
    }

    /** {@link #unshift(List)} in the given transaction. */
    public void unshift(Transaction txn, List<?> content) {
        insert(txn, 0, content);
    }

    /** The {@code index}-th child. */
    public Object get(int index) {
        return typeListGet(index);
    }

    /** The children from {@code start} on. */
    public List<Object> slice(int start) {
        return slice(start, length());
    }

    /** The children from {@code start} to {@code end} (exclusive); negative values count from the end. */
    public List<Object> slice(int start, int end) {
        return typeListSlice(start, end);
    }

    @Override
    void write(UpdateEncoder encoder) {
        encoder.writeTypeRef(ContentType.YXML_FRAGMENT_REF);
    }

    /** The shared type an XML child item holds, or null for other content. */
    static AbstractType<?> nodeOf(Item item) {
        return item != null && item.content instanceof ContentType content ? content.type : null;
    }
}
