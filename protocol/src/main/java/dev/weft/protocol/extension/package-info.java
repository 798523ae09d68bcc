/**
 * Weft's extension messages on the y-websocket socket ({@link dev.weft.protocol.extension.ExtensionMessage}): a
 * feature's JSON events, sent by the server only to clients that opted in to the feature when they connected.
 */
package dev.weft.protocol.extension;
