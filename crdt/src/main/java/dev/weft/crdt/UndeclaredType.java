package dev.weft.crdt;

/**
 * A root type that updates put content into before the application asked for it by kind: Yjs keeps a bare
 * AbstractType then. The content is kept and written back as is; the first {@code getArray}, {@code getMap}, ...
 * with its name moves it into a type of that kind.
 */
final class UndeclaredType extends AbstractType<YEvent<?>> {

    /** Hands the content to {@code type}, which replaces this one. */
    void moveContentTo(AbstractType<?> type) {
        type.map = map;
        for (Item value : map.values()) {
            for (Item n = value; n != null; n = n.left) {
                n.parent = type;
            }
        }
        type.start = start;
        for (Item n = start; n != null; n = n.right) {
            n.parent = type;
        }
        type.length = length;
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

    /** Like Yjs's AbstractType.toJSON: nothing, since the kind is not known. */
    @Override
    public Object toJson() {
        return null;
    }
}
