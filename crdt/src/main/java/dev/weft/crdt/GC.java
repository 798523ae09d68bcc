package dev.weft.crdt;

/**
 * Deleted content whose item was garbage-collected: only its clock range remains, so that the clocks of its client
 * stay contiguous and later structs can still refer to positions inside it.
 */
final class GC extends AbstractStruct {
    static final int STRUCT_REF = 0;

    GC(ID id, int length) {
        super(id, length);
    }

    @Override
    boolean isDeleted() {
        return true;
    }

    @Override
    boolean canMergeWith(AbstractStruct right) {
        return right instanceof GC;
    }

    @Override
    void absorb(AbstractStruct right) {
        length += right.length;
    }

    @Override
    void integrate(Transaction txn, int offset) {
        if (offset > 0) {
            id = new ID(id.client(), id.clock() + offset);
            length -= offset;
        }
        txn.doc.store.addStruct(this);
    }

    @Override
    void write(UpdateEncoder encoder, int offset) {
        encoder.writeInfo(STRUCT_REF);
        encoder.writeLen(length - offset);
    }
}
