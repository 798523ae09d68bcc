package dev.weft.crdt;

/**
 * A named node whose content is a map, as Yjs's {@code Y.XmlHook}: lets an editor binding keep a custom DOM node
 * in an XML tree. In XML serialisation it renders as JavaScript renders any map-like type.
 */
public class YXmlHook extends YMap {
    private final String hookName;

    /** A hook named {@code hookName}, to be inserted into an XML fragment or element. */
    public YXmlHook(String hookName) {
        this.hookName = hookName;
    }

    /** The name binding code looks up the hook's renderer by. */
    public String hookName() {
        return hookName;
    }

    @Override
    YXmlHook copy() {
        return new YXmlHook(hookName);
    }

    /** A new, unattached hook with the same name and clones of the entries. */
    @Override
    public YXmlHook clone() {
        return (YXmlHook) super.clone();
    }

    @Override
    void write(UpdateEncoder encoder) {
        encoder.writeTypeRef(ContentType.YXML_HOOK_REF);
        encoder.writeKey(hookName);
    }
}
