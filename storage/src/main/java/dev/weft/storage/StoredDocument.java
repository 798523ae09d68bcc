package dev.weft.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A document as stored: the snapshot left by its last compaction, if any, and the updates appended after it, in
 * append order. The arrays are the stored bytes; they are not copied, so do not modify them.
 */
public final class StoredDocument {
    private final String name;
    private final byte[] snapshot;
    private final List<byte[]> updates;

    StoredDocument(String name, byte[] snapshot, List<byte[]> updates) {
        this.name = Objects.requireNonNull(name, "name");
        this.snapshot = snapshot;
        this.updates = Collections.unmodifiableList(updates);
    }

    static StoredDocument empty(String name) {
        return new StoredDocument(name, null, List.of());
    }

    public String name() {
        return name;
    }

    /** The merged state of every update folded by compaction; empty before the first compaction. */
    public Optional<byte[]> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /** The updates appended after the snapshot, oldest first. */
    public List<byte[]> updates() {
        return updates;
    }

    /** The snapshot, if any, then the updates: applied in this order to an empty document, they restore it. */
    public List<byte[]> allUpdates() {
        if (snapshot == null) {
            return updates;
        }
        List<byte[]> all = new ArrayList<>(updates.size() + 1);
        all.add(snapshot);
        all.addAll(updates);
        return Collections.unmodifiableList(all);
    }

    /** Whether nothing is stored: the document does not exist. */
    public boolean isEmpty() {
        return snapshot == null && updates.isEmpty();
    }

    @Override
    public String toString() {
        return "StoredDocument[" + name + ", snapshot=" + (snapshot == null ? "none" : snapshot.length + " bytes")
                + ", updates=" + updates.size() + "]";
    }
}
