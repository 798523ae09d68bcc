package dev.weft.server.sync;

import dev.weft.storage.CompactionResult;
import dev.weft.storage.DocumentInfo;
import dev.weft.storage.DocumentStore;
import dev.weft.storage.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The real store, whose appends report their commit only when the test releases them, in order: storage made
 * slow. Each append is committed to SQLite first; only the report of it is held.
 */
final class HeldStore implements DocumentStore {
    private final DocumentStore store;
    private final List<CompletableFuture<Void>> gates = new ArrayList<>();
    private final List<CompletableFuture<Void>> appends = new ArrayList<>();
    private int released;
    private boolean open;

    HeldStore(DocumentStore store) {
        this.store = store;
    }

    @Override
    public synchronized CompletableFuture<Void> append(String document, byte[] update) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> append = store.append(document, update);
        gates.add(gate);
        appends.add(append);
        if (open) {
            gate.complete(null);
        }
        return append.thenCombine(gate, (committed, let) -> null);
    }

    /** Appends whose commit has not been reported. */
    synchronized int held() {
        return gates.size() - released;
    }

    /** Reports the next {@code count} commits, in order, each once SQLite has it. */
    void release(int count) {
        List<CompletableFuture<Void>> next = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                appends.get(released).join();
                next.add(gates.get(released++));
            }
        }
        next.forEach(gate -> gate.complete(null));
    }

    /** Reports the next held append as failed, as a write error would, once SQLite has it. */
    void failNext(Throwable failure) {
        CompletableFuture<Void> gate;
        synchronized (this) {
            appends.get(released).join();
            gate = gates.get(released++);
        }
        gate.completeExceptionally(failure);
    }

    /** Holds the reports of the appends from now on (until {@link #releaseAll}). */
    synchronized void hold() {
        open = false;
    }

    /** Reports every held commit and every later one at once. */
    void releaseAll() {
        synchronized (this) {
            open = true;
        }
        release(held());
    }

    @Override
    public StoredDocument load(String document) {
        return store.load(document);
    }

    @Override
    public CompactionResult compact(String document) {
        return store.compact(document);
    }

    @Override
    public Optional<DocumentInfo> info(String document) {
        return store.info(document);
    }

    @Override
    public CompletableFuture<Boolean> delete(String document) {
        return store.delete(document);
    }
}
