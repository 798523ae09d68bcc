package dev.weft.storage;

import java.util.List;

/**
 * A document's rows as read in one read transaction: what {@link DocumentStore#load} returns and what a
 * compaction folds.
 *
 * @param documentId the document's row id, never reused: a deleted and recreated document has another
 * @param snapshot the snapshot, or null before the first compaction
 * @param snapshotSeq the seq of the last update folded into the snapshot, 0 before the first compaction
 * @param updates the updates in the log, in seq order
 * @param lastSeq the seq of the last update in the log, or {@code snapshotSeq} if the log is empty
 */
record DocumentLog(long documentId, byte[] snapshot, long snapshotSeq, List<byte[]> updates, long lastSeq) {
    long bytes() {
        long bytes = snapshot == null ? 0 : snapshot.length;
        for (byte[] update : updates) {
            bytes += update.length;
        }
        return bytes;
    }
}
