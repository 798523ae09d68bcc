package dev.weft.storage;

/**
 * What {@link DocumentStore#compact} did.
 *
 * @param document the document's name
 * @param updatesFolded the updates removed from the log and merged into the snapshot; 0 if nothing was written
 * @param bytesBefore the bytes of the old snapshot and the folded updates
 * @param bytesAfter the bytes of the new snapshot (equal to {@code bytesBefore} if nothing was written)
 */
public record CompactionResult(String document, int updatesFolded, long bytesBefore, long bytesAfter) {
    static CompactionResult nothingFolded(String document, long bytes) {
        return new CompactionResult(document, 0, bytes, bytes);
    }

    /** Whether a new snapshot was written. */
    public boolean compacted() {
        return updatesFolded > 0;
    }
}
