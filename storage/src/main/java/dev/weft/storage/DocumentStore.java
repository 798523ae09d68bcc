package dev.weft.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The documents' repository. A document is named by its room name and stored as a snapshot plus the log of
 * updates appended after it; applying {@link StoredDocument#allUpdates()} in order to an empty Yjs document
 * restores its state. A document exists from its first append until it is deleted.
 *
 * <p>Writes ({@link #append}, {@link #delete} and the last step of {@link #compact}) go through the single
 * storage writer, in the order they were called, with group commit: the writes waiting when a transaction
 * begins are committed together. Their futures complete, in commit order, on a storage thread that is not the
 * writer; keep callbacks short and hand work to your own executor (for Netty, {@code eventLoop().execute}), or
 * give {@link #append(String, byte[], Executor) append} that executor to have them completed there.
 *
 * <p>Reads ({@link #load}, {@link #info}, {@link #list}) and {@link #compact} block the calling thread: never
 * call them on an event loop or from a callback of a future returned here. Every method is thread-safe.
 */
public interface DocumentStore {
    /**
     * Appends an encoded Yjs update (V1) to a document's log, creating the document if it does not exist.
     * The store keeps {@code update} until the write commits: do not modify the array afterwards.
     *
     * @return completes once the update is committed (durable); fails with a {@link StorageException} if the
     *     write failed and was rolled back, the write queue is full, or the storage is closed
     */
    CompletableFuture<Void> append(String document, byte[] update);

    /**
     * {@link #append(String, byte[])}, with the future completed on {@code callbacks} instead of a storage thread:
     * after each commit, the store hands every executor ONE task that completes, in commit order, the futures of
     * all the appends of that transaction submitted with it, so that a room on an event loop learns of a group
     * commit in one turn. A failure goes through {@code callbacks} too; a refusal (closed store, full queue)
     * fails the future at once, on the calling thread. If {@code callbacks} rejects the task (shut down), the
     * future never completes.
     *
     * <p>The default completes on {@code callbacks} after the two-argument append completed, one task per append;
     * stores override it to save that hop.
     */
    default CompletableFuture<Void> append(String document, byte[] update, Executor callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        CompletableFuture<Void> completed = new CompletableFuture<>();
        append(document, update).whenComplete((done, failure) -> callbacks.execute(() -> {
            if (failure == null) {
                completed.complete(done);
            } else {
                completed.completeExceptionally(failure instanceof CompletionException wrapped
                        ? wrapped.getCause() : failure);
            }
        }));
        return completed;
    }

    /**
     * Reads a document's snapshot and the updates after it, consistently even while it is being compacted.
     *
     * @return the stored document; {@link StoredDocument#isEmpty() empty} if the document does not exist
     * @throws StorageException if the read fails
     */
    StoredDocument load(String document);

    /**
     * Folds a document's update log into its snapshot ({@link dev.weft.crdt.Updates#mergeUpdates}). The merge
     * runs on the calling thread; the new snapshot replaces the old one in one write transaction through the
     * writer, from which on the folded updates are no longer part of the document, and then they leave the log a
     * few hundred per transaction (the call returns once they have), so that other documents' appends never wait
     * for one long deletion. Updates appended meanwhile stay in the log after the snapshot. If another compaction
     * or a deletion of the document committed meanwhile, nothing is written.
     *
     * @return what was folded; {@link CompactionResult#compacted()} is false if there was nothing to fold
     * @throws StorageException if reading, merging (an update in the log cannot be decoded) or writing fails
     */
    CompactionResult compact(String document);

    /**
     * Size and times of a document, for the HTTP API.
     *
     * @return empty if the document does not exist
     * @throws StorageException if the read fails
     */
    Optional<DocumentInfo> info(String document);

    /**
     * Deletes a document with its snapshot and log. A later append creates a new, empty document of that name.
     *
     * @return completes with whether the document existed once the deletion is committed; fails with a
     *     {@link StorageException} like {@link #append}
     */
    CompletableFuture<Boolean> delete(String document);
}
