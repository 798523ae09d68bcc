package dev.weft.protocol;

import java.util.List;
import java.util.Objects;

/**
 * What one call to {@link Awareness} did to a room's awareness states, in y-protocols' terms, with the awareness
 * update that tells the room's other connections about it.
 *
 * <p>y-protocols' Awareness emits two events: {@code update} lists every client whose entry advanced
 * ({@link #added}, {@link #updated}, {@link #removed}); {@code change} lists the same but for the updates that only
 * renewed a state, its clock advanced and its value unchanged ({@link #renewed}). y-websocket's server relays
 * every {@code update}: so does {@link #update()}, and clients that stop hearing renewals expire the state.
 *
 * @param added clients that had never been seen and now have a state, in update order
 * @param updated clients that had been seen and now have a state with a newer clock: changed, renewed, or back
 *     after a removal (y-protocols counts a return as an update, not an addition)
 * @param removed clients whose state was removed
 * @param renewed the clients of {@code updated} whose new state equals their previous one
 * @param update the encoded awareness update for {@code added}, {@code updated} and {@code removed} in that order,
 *     as y-websocket's server broadcasts it; when {@link #isEmpty()}, an update of no client
 */
public record AwarenessChange(
        List<Long> added, List<Long> updated, List<Long> removed, List<Long> renewed, byte[] update) {

    public AwarenessChange {
        added = List.copyOf(added);
        updated = List.copyOf(updated);
        removed = List.copyOf(removed);
        renewed = List.copyOf(renewed);
        Objects.requireNonNull(update, "update");
    }

    /** Whether nothing happened: no state was added, updated, renewed or removed, and nothing needs relaying. */
    public boolean isEmpty() {
        return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
    }

    /**
     * Whether a state was added, removed or changed in value (y-protocols' {@code change} event), rather than
     * only renewed.
     */
    public boolean statesChanged() {
        return !added.isEmpty() || !removed.isEmpty() || updated.size() > renewed.size();
    }
}
