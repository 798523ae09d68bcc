package dev.weft.storage;

/**
 * A compaction prepared from one read of a document's log, to be written by the writer: replace the snapshot by
 * {@code snapshot} and remove the updates up to {@code throughSeq}, provided the document's row is still the
 * one that was read ({@code documentId}) with the snapshot that was read ({@code readSnapshotSeq}).
 */
record CompactionPlan(
        String document,
        long documentId,
        long readSnapshotSeq,
        long throughSeq,
        byte[] snapshot,
        int updatesFolded,
        long bytesBefore) {
}
