package dev.weft.crdt;

/**
 * The identity of one unit of content: the client that created it and that client's logical clock when it did.
 * Every insertion in a document is numbered this way, so an ID names exactly one character, element or entry.
 *
 * @param client the creating client's id (an unsigned 32-bit number in Yjs, kept in a long)
 * @param clock the position of the unit in that client's sequence of insertions, starting at 0
 */
public record ID(long client, long clock) {
}
