package dev.weft.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A write waiting for the writer.
 *
 * @param description names the write in error messages, e.g. "append to document 'notes'"
 * @param bytes the update bytes it appends, for {@link CommitStats}
 * @param work its statements
 * @param callbacks where {@code result} is completed: the caller's executor or the storage's completion thread
 * @param result completed after the transaction holding the write committed, or failed if it did not
 */
record WriteTask<T>(
        String description, long bytes, SqlWork<T> work, Executor callbacks, CompletableFuture<T> result) {
}
