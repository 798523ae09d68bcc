package dev.weft.storage;

import java.time.Instant;

/**
 * What the HTTP API tells about a stored document.
 *
 * @param name the document's name
 * @param sizeBytes the bytes stored for it: its snapshot plus the updates in its log
 * @param updateCount the updates in its log, appended since the last compaction
 * @param createdAt when its first update was appended
 * @param lastModified when its last update was appended
 */
public record DocumentInfo(String name, long sizeBytes, int updateCount, Instant createdAt, Instant lastModified) {
}
