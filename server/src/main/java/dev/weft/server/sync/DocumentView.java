package dev.weft.server.sync;

/**
 * What the HTTP API shows of a loaded document.
 *
 * @param name the document's name
 * @param size the length in bytes of the whole document encoded as one update
 * @param stateVector the document's encoded state vector (V1)
 * @param connections the connections open on it
 */
public record DocumentView(String name, int size, byte[] stateVector, int connections) {
}
