// Weft's extension messages on the y-websocket socket (README, "Live comment events"): message type 20, then
// varString(extension), then varString(JSON). The server sends them only to a client that asked for the extension
// when it connected (`params: { ext: 'comments' }`, several as `ext=comments&ext=notifications` in the URL); a
// plain WebsocketProvider would log "Unable to compute message" for a type it does not know, so a client that
// asks installs a handler for it first.
import * as decoding from 'lib0/decoding'

/** The y-websocket message type of Weft's extension messages (dev.weft.protocol.extension.ExtensionMessage). */
export const messageExtension = 20

/**
 * Calls `listener(extension, event)` with the parsed JSON of every extension message the provider receives.
 *
 * @param {import('y-websocket').WebsocketProvider} provider
 * @param {(extension: string, event: any) => void} listener
 */
export const onExtensionMessage = (provider, listener) => {
  provider.messageHandlers[messageExtension] = (_encoder, decoder) => {
    const extension = decoding.readVarString(decoder)
    const json = decoding.readVarString(decoder)
    listener(extension, JSON.parse(json))
  }
}
