package dev.weft.crdt;

/**
 * Content that is one unit and spans one clock: a byte array, an embed, a format, a nested type, a subdocument.
 * It cannot be cut, and two of them never merge into one item (not {@linkplain #isMergeable mergeable}).
 */
abstract class SingleClockContent implements Content {
    @Override
    public final int getLength() {
        return 1;
    }

    /** Countable unless the kind says otherwise (a format is not). */
    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public final Content splice(int offset) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " spans one clock");
    }
}
