package dev.weft.crdt.lib0;

/**
 * JavaScript's {@code undefined}, which Yjs content and lib0's any-encoding can carry and which differs from
 * {@code null}: lib0 writes it as type 127, JSON drops it from objects and writes {@code null} for it in arrays.
 */
public enum Undefined {
    INSTANCE;

    @Override
    public String toString() {
        return "undefined";
    }
}
