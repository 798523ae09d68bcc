// The page of the WebRTC page test, bundled by peers/webrtc-pages.js: a Y.Doc shared over y-webrtc, with no
// sync server, only a signalling server. Exposes `window.weftWebrtc` for the driver to call.
import * as Y from 'yjs'
import { WebrtcProvider } from 'y-webrtc'

let doc = null
let provider = null
let peers = 0

window.weftWebrtc = {
  /**
   * Joins `room` through the signalling server at `signaling`. No STUN or TURN server: peers on one machine
   * reach each other by their host candidates.
   */
  start (signaling, room) {
    doc = new Y.Doc()
    provider = new WebrtcProvider(room, doc, {
      signaling: [signaling],
      peerOpts: { config: { iceServers: [] } }
    })
    provider.on('peers', event => {
      peers = event.webrtcPeers.length
    })
  },
  insert (index, text) {
    doc.getText('text').insert(index, text)
  },
  read () {
    const signalingConns = provider.signalingConns
    return {
      text: doc.getText('text').toString(),
      webrtcPeers: peers,
      // y-webrtc's own view: connected to a peer over a data channel, and to the signalling server.
      // The room exists once the provider's (password) key has resolved, a moment after start.
      connectedPeers: provider.room === null ? 0 : [...provider.room.webrtcConns.values()].filter(conn => conn.connected).length,
      signalingConnected: signalingConns.every(conn => conn.connected)
    }
  },
  stop () {
    provider.destroy()
    doc.destroy()
  }
}
