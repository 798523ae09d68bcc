package dev.weft.server.sync;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Versions of the documents' access, so that a connection whose access was decided before a role change, a
 * revocation, the document's deletion or the creation of its record does not join with that stale decision.
 *
 * <p>Design: a connection's access is read from the database at the upgrade, off its room's thread, and it joins
 * the room later; a change committed in between reaches only the connections already in the room. So the upgrade
 * reads the document's version before it reads the database, each of those changes bumps the version after its
 * commit and before it goes to the room ({@link Rooms#changeAccess}, {@link Rooms#revoke}, {@link Rooms#closeAll}),
 * and a connection whose version is no longer current when it joins (on the room's thread) is closed, to reconnect
 * and be decided anew. Either the join sees the new version, or it ran before the change reached the room, which
 * then finds the connection among its own.
 *
 * <p>Versions are kept in a fixed number of slots that documents hash to, not per document: memory stays bounded
 * however many documents change, and a change to another document of the same slot costs a connection that
 * joins at that moment one reconnect.
 */
final class AccessVersions {
    private static final int SLOTS = 1024;

    private final AtomicLongArray versions = new AtomicLongArray(SLOTS);

    long current(String document) {
        return versions.get(slot(document));
    }

    void changed(String document) {
        versions.incrementAndGet(slot(document));
    }

    private static int slot(String document) {
        return Math.floorMod(document.hashCode(), SLOTS);
    }
}
