package dev.weft.storage;

import dev.weft.crdt.UpdateException;
import dev.weft.crdt.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DocumentStore} over SQLite: writes through the {@link StorageWriter}, reads from the pool. */
final class SqliteDocumentStore implements DocumentStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteDocumentStore.class);

    /** How many updates {@link #mergeInGroups} merges at once. */
    static final int MERGE_GROUP = 128;

    private final StorageWriter writer;
    private final DocumentWrites writes;
    private final DocumentReads reads;

    SqliteDocumentStore(StorageWriter writer, DocumentWrites writes, DocumentReads reads) {
        this.writer = writer;
        this.writes = writes;
        this.reads = reads;
    }

    @Override
    public CompletableFuture<Void> append(String document, byte[] update) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(update, "update");
        return writer.submit("append to document '" + document + "'", update.length,
                session -> writes.append(session, document, update));
    }

    @Override
    public CompletableFuture<Void> append(String document, byte[] update, Executor callbacks) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(callbacks, "callbacks");
        return writer.submit("append to document '" + document + "'", update.length, callbacks,
                session -> writes.append(session, document, update));
    }

    @Override
    public StoredDocument load(String document) {
        Objects.requireNonNull(document, "document");
        return readLog(document)
                .map(stored -> new StoredDocument(document, stored.snapshot(), stored.updates()))
                .orElseGet(() -> StoredDocument.empty(document));
    }

    @Override
    public CompactionResult compact(String document) {
        Objects.requireNonNull(document, "document");
        DocumentLog stored = readLog(document).orElse(null);
        if (stored == null || stored.updates().isEmpty()) {
            return CompactionResult.nothingFolded(document, stored == null ? 0 : stored.bytes());
        }
        return applyCompaction(prepareCompaction(document, stored));
    }

    /*
     * A compaction in three steps (read, merge, write), package-private so that a test can commit writes
     * between the read and the write, where a concurrent append or deletion lands in production.
     */

    Optional<DocumentLog> readLog(String document) {
        return reads.readLog(document);
    }

    /**
     * Merges what was read into one snapshot, on the calling thread: the log first, then the snapshot with it, so
     * that the snapshot (the bulk of a large document) is decoded and written once, not at every level of groups.
     */
    CompactionPlan prepareCompaction(String document, DocumentLog stored) {
        byte[] merged;
        try {
            byte[] log = mergeInGroups(stored.updates());
            merged = stored.snapshot() == null ? log : Updates.mergeUpdates(List.of(stored.snapshot(), log));
        } catch (UpdateException e) {
            throw new StorageException("compacting document '" + document + "' failed: its log holds an update "
                    + "that cannot be decoded: " + e.getMessage(), e);
        }
        return new CompactionPlan(document, stored.documentId(), stored.snapshotSeq(), stored.lastSeq(), merged,
                stored.updates().size(), stored.bytes());
    }

    /**
     * Merges the updates {@value #MERGE_GROUP} at a time, then the merged groups the same way, until one is left.
     * Yjs's merge (which {@link Updates#mergeUpdates} follows byte for byte) sorts its inputs again for every
     * struct it writes: merging a log of thousands of one-keystroke updates at once is quadratic in their number
     * (a quarter of a second for 8,000), in groups it takes milliseconds. The result holds the same structs and
     * deletions; merging is associative in what it holds.
     */
    static byte[] mergeInGroups(List<byte[]> updates) {
        if (updates.size() <= MERGE_GROUP) {
            return Updates.mergeUpdates(updates);
        }
        List<byte[]> groups = new ArrayList<>(updates.size() / MERGE_GROUP + 1);
        for (int from = 0; from < updates.size(); from += MERGE_GROUP) {
            groups.add(Updates.mergeUpdates(updates.subList(from, Math.min(from + MERGE_GROUP, updates.size()))));
        }
        return mergeInGroups(groups);
    }

    /** Writes a prepared compaction through the writer and waits for its commit. */
    CompactionResult applyCompaction(CompactionPlan plan) {
        boolean written = await(writer.submit("compaction of document '" + plan.document() + "'", 0,
                session -> writes.replaceSnapshot(session, plan)));
        if (!written) {
            log.debug("compaction of document '{}' skipped: the document was compacted or deleted meanwhile",
                    plan.document());
            return CompactionResult.nothingFolded(plan.document(), plan.bytesBefore());
        }
        // The folded rows leave the log a few hundred per transaction, each waiting for the last one's commit, so
        // that the appends of other documents never queue behind one long deletion.
        try {
            int trimmed;
            do {
                trimmed = await(writer.submit("trimming the log of document '" + plan.document() + "'", 0,
                        session -> writes.trimFolded(session, plan.documentId(), plan.throughSeq())));
            } while (trimmed == DocumentWrites.TRIM_ROWS);
        } catch (StorageException e) {
            // The snapshot is committed, and readers skip the rows it folded: the document's next compaction
            // deletes what is left of them.
            log.warn("compaction of document '{}': its folded updates stay in the log for now ({})",
                    plan.document(), e.getMessage());
        }
        CompactionResult result = new CompactionResult(plan.document(), plan.updatesFolded(), plan.bytesBefore(),
                plan.snapshot().length);
        log.debug("{}", result);
        return result;
    }

    @Override
    public Optional<DocumentInfo> info(String document) {
        Objects.requireNonNull(document, "document");
        return reads.info(document);
    }

    @Override
    public CompletableFuture<Boolean> delete(String document) {
        Objects.requireNonNull(document, "document");
        return writer.submit("deletion of document '" + document + "'", 0,
                session -> writes.delete(session, document));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StorageException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
