package dev.weft.crdt;

/** Receives the subdocuments a transaction added, removed or asked to load. */
@FunctionalInterface
public interface SubdocsListener {
    void onSubdocs(SubdocsEvent event, Transaction txn);
}
