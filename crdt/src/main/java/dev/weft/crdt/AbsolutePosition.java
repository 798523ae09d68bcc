package dev.weft.crdt;

/**
 * A position as an index into a type, valid only for the document state it was computed in; what
 * {@link RelativePosition#toAbsolutePosition(Doc)} resolves a relative position to. Mirrors Yjs's AbsolutePosition.
 *
 * @param type the type the position is in
 * @param index the number of countable, visible units before the position
 * @param assoc the association of the relative position it was resolved from (negative: to the unit before)
 */
public record AbsolutePosition(AbstractType<?> type, int index, int assoc) {
}
