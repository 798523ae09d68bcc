package dev.weft.crdt;

/**
 * A remembered position in a list type: item {@code p} starts at index {@code index}. Finding an index walks from
 * the nearest marker instead of from the start, which keeps edits in long texts and arrays fast. At most
 * {@link AbstractType#MAX_SEARCH_MARKERS} per type; the least recently used one moves when a new one is needed.
 */
final class ArraySearchMarker {
    Item p;
    int index;
    /** When the marker was last used, on the clock of its type. */
    long timestamp;

    ArraySearchMarker(Item p, int index, long timestamp) {
        p.setMarker(true);
        this.p = p;
        this.index = index;
        this.timestamp = timestamp;
    }

    /** Moves the marker: the only way a marker changes its item, so that the items' marker bits stay right. */
    void overwrite(Item p, int index, long timestamp) {
        this.p.setMarker(false);
        this.p = p;
        p.setMarker(true);
        this.index = index;
        this.timestamp = timestamp;
    }
}
