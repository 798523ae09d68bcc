package dev.weft.server.comments;

/**
 * Where an anchored passage is in the document now.
 *
 * @param index the passage's first index, in UTF-16 code units as in Yjs
 * @param length its length in the same units, more than 0
 * @param text the passage now
 */
record ResolvedAnchor(int index, int length, String text) {
}
