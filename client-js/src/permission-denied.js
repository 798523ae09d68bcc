// What a server's "permission denied" auth message said. y-websocket's WebsocketProvider only logs it
// (console.warn, from a module-level handler no option replaces); the editor page shows it and the test peers
// report it, so both hook the provider's own per-instance table of message handlers.
import { messageAuth } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import * as authProtocol from 'y-protocols/auth'

/**
 * Calls `listener(reason)` for every permission-denied message the provider receives, before the provider's own
 * handling of it (which still runs, on an untouched decoder).
 *
 * @param {import('y-websocket').WebsocketProvider} provider
 * @param {(reason: string) => void} listener
 */
export const onPermissionDenied = (provider, listener) => {
  const handleAuth = provider.messageHandlers[messageAuth]
  provider.messageHandlers[messageAuth] = (encoder, decoder, ...rest) => {
    authProtocol.readAuthMessage(decoding.clone(decoder), provider.doc, (_doc, reason) => listener(reason))
    handleAuth(encoder, decoder, ...rest)
  }
}
