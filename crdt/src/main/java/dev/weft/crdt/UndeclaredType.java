package dev.weft.crdt;

/**
 * A root type that updates put content into before the application asked for it by kind: Yjs keeps a bare
 * AbstractType then. The content is kept and written back as is; the first {@code getArray}, {@code getMap}, ...
 * with its name moves it into a type of that kind. Until then {@link #inferredView()} reads it as the kind it
 * looks like, for {@link Doc#toJson()}.
 */
final class UndeclaredType extends AbstractType<YEvent<?>> {

    /** Hands the content to {@code type}, which replaces this one. */
    void moveContentTo(AbstractType<?> type) {
        shareContentWith(type);
        for (Item value : map.values()) {
            for (Item n = value; n != null; n = n.left) {
                n.parent = type;
            }
        }
        for (Item n = start; n != null; n = n.right) {
            n.parent = type;
        }
    }

    private void shareContentWith(AbstractType<?> type) {
        type.map = map;
        type.start = start;
        type.length = length;
    }

    /**
     * A type of the kind the content looks like, reading the same items without taking them over (they keep this
     * type as their parent, so the document is unchanged); only for reading, and only until the next change. Null
     * when there is no content (nothing undeleted), since then there is nothing to tell the kind by. See
     * {@link Doc#toJson()} for the inference.
     */
    AbstractType<?> inferredView() {
        AbstractType<?> view = emptyTypeOfInferredKind();
        if (view != null) {
            view.doc = doc;
            shareContentWith(view);
        }
        return view;
    }

    private AbstractType<?> emptyTypeOfInferredKind() {
        boolean hasList = false;
        boolean allXmlNodes = true;
        for (Item n = start; n != null; n = n.right) {
            if (n.isDeleted() || !n.countable()) {
                continue; // formatting marks alone do not make text: they remain when all characters are deleted
            }
            if (n.content instanceof ContentString || n.content instanceof ContentEmbed) {
                return new YText();
            }
            hasList = true;
            allXmlNodes &= n.content instanceof ContentType content && isXmlNode(content.type);
        }
        boolean hasEntries = map.values().stream().anyMatch(item -> !item.isDeleted());
        if (!hasList) {
            return hasEntries ? new YMap() : null;
        }
        if (!allXmlNodes) {
            return new YArray();
        }
        // Attributes beside XML children: only a root XML element (Doc.getXmlElement) holds both.
        return hasEntries ? new YXmlElement() : new YXmlFragment();
    }

    private static boolean isXmlNode(AbstractType<?> type) {
        return type instanceof YXmlFragment || type instanceof YXmlText || type instanceof YXmlHook;
    }

    @Override
    AbstractType<YEvent<?>> copy() {
        throw new UnsupportedOperationException("a root type of unknown kind cannot be copied");
    }

    @Override
    public AbstractType<YEvent<?>> clone() {
        throw new UnsupportedOperationException("a root type of unknown kind cannot be cloned");
    }

    @Override
    void write(UpdateEncoder encoder) {
        throw new UnsupportedOperationException("a root type is never written as content");
    }

    /** Like Yjs's AbstractType.toJSON: nothing, since the kind is not known; {@link #inferredView()} guesses it. */
    @Override
    public Object toJson() {
        return null;
    }
}
