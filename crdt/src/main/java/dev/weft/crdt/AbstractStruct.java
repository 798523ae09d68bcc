package dev.weft.crdt;

/**
 * A run of consecutive clocks of one client: an {@link Item} with content, a {@link GC} (content collected away)
 * or a {@link Skip} (a gap in an update). The struct store keeps each client's structs sorted by clock, without
 * gaps, so a struct is found by binary search on its clock.
 *
 * <p>The id is not final because, as in Yjs, a struct that partly overlaps what the store already holds is
 * integrated from an offset: it then drops its first clocks.
 */
abstract sealed class AbstractStruct permits Item, GC, Skip {
    /** Returned by {@link #getMissing} when every struct this one depends on is known. */
    static final long NOTHING_MISSING = -1;

    ID id;
    int length;

    AbstractStruct(ID id, int length) {
        this.id = id;
        this.length = length;
    }

    abstract boolean isDeleted();

    /**
     * Whether {@code right}, which starts at this struct's end, can be appended to this struct as one run: Yjs's
     * mergeWith without the merge, so that a run of many structs can be found first and then merged from its
     * left end ({@link Transaction#tryToMergeWithLefts}).
     */
    boolean canMergeWith(AbstractStruct right) {
        return false;
    }

    /** Appends {@code right} to this struct; only after {@link #canMergeWith} said it can. */
    void absorb(AbstractStruct right) {
        throw new IllegalStateException(getClass().getSimpleName() + " cannot absorb " + right);
    }

    /**
     * Appends {@code right}, which starts at this struct's end, to this struct when both can be one run. Does not
     * remove {@code right} from the store.
     *
     * @return whether {@code right} was merged in
     */
    final boolean mergeWith(AbstractStruct right) {
        if (!canMergeWith(right)) {
            return false;
        }
        absorb(right);
        return true;
    }

    /** Writes this struct, without its first {@code offset} clocks. */
    abstract void write(UpdateEncoder encoder, int offset);

    /** Adds this struct, without its first {@code offset} clocks, to the document of {@code txn}. */
    abstract void integrate(Transaction txn, int offset);

    /**
     * Finds what this struct refers to before it can be integrated.
     *
     * @return the client of a struct this one depends on and that the store does not hold yet, or
     *         {@link #NOTHING_MISSING} once everything is known
     */
    long getMissing(Transaction txn, StructStore store) {
        return NOTHING_MISSING;
    }

    /** The clock right after this struct. */
    final long endClock() {
        return id.clock() + length;
    }
}
