package dev.weft.crdt;

/** Receives a transaction once its observers have run. */
@FunctionalInterface
public interface TransactionListener {
    void onTransaction(Transaction txn);
}
