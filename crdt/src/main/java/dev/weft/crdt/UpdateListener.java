package dev.weft.crdt;

/** Receives the update each transaction produced, to send to peers or to store. */
@FunctionalInterface
public interface UpdateListener {
    /**
     * @param update the structs created and the ranges deleted by the transaction, encoded as an update
     * @param origin the transaction's origin
     * @param txn the transaction, closed already
     */
    void onUpdate(byte[] update, Object origin, Transaction txn);
}
