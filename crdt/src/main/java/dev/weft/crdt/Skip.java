package dev.weft.crdt;

/**
 * A gap in an update: clocks the update does not carry. Updates merged from non-contiguous pieces contain skips;
 * a skip is never integrated into a document.
 */
final class Skip extends AbstractStruct {
    static final int STRUCT_REF = 10;

    Skip(ID id, int length) {
        super(id, length);
    }

    @Override
    boolean isDeleted() {
        return true;
    }

    @Override
    boolean canMergeWith(AbstractStruct right) {
        return right instanceof Skip;
    }

    @Override
    void absorb(AbstractStruct right) {
        length += right.length;
    }

    @Override
    void integrate(Transaction txn, int offset) {
        throw new IllegalStateException("a skip cannot be integrated");
    }

    @Override
    void write(UpdateEncoder encoder, int offset) {
        encoder.writeInfo(STRUCT_REF);
        // a var-uint in the rest stream: skips gain nothing from the length column's run-length encoding
        encoder.restEncoder().writeVarUint(length - offset);
    }
}
