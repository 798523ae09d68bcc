#!/usr/bin/env node
// Real y-websocket clients for the sync server's interop tests: each peer is a Y.Doc with an unmodified
// WebsocketProvider (y-websocket 3, `ws` as its WebSocket, cross-tab BroadcastChannel off) that the Java side
// creates, edits and inspects over line-protocol.js. Operations (all but `create` name a `peer`):
//   create         {url, doc, params?: {token}, clientId?, texts?: [names], maps?: [names], awareness?: state,
//                   connect?: true}                                   -> {peer, clientId}
//   insertText     {peer, text, index, content}        deleteText {peer, text, index, length}
//   setMapEntry    {peer, map, key, value}             deleteMapEntry {peer, map, key}
//   setAwareness   {peer, state}   (the whole local state; null leaves, as a closing tab does)
//   disconnect     {peer}          reconnect {peer}    destroy {peer}
//   state          {peer}          -> see `stateOf`
//   relativePosition {peer, text, index, assoc?}  -> {position: base64 of Y.encodeRelativePosition}
//   extensionMessages {peer}       -> {messages: [{extension, event}]}: Weft extension messages received so far
//                                     (a peer asks for them with `params: {ext: 'comments'}`)
// Every Y.Text and Y.Map a peer declared (in `create`, or by editing it) is reported by `state`.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { serveLines, lookUp } from './line-protocol.js'
import { onPermissionDenied } from '../src/permission-denied.js'
import { onExtensionMessage } from '../src/extension-messages.js'
import { toBase64 } from './wire.js'

/** @type {Map<string, Peer>} */
const peers = new Map()
let peersCreated = 0

class Peer {
  constructor ({ url, doc, params = {}, clientId, texts = [], maps = [], awareness, connect = true }) {
    this.doc = new Y.Doc()
    if (clientId !== undefined) {
      this.doc.clientID = clientId
    }
    texts.forEach(name => this.doc.getText(name))
    maps.forEach(name => this.doc.getMap(name))
    this.status = 'disconnected'
    this.connections = 0
    /** @type {Array<{code: number, reason: string}>} closes the server (or the network) made, oldest first */
    this.closes = []
    /** @type {{code: number, reason: string}|null} a close after which y-websocket stops reconnecting */
    this.terminalClose = null
    this.connectionErrors = 0
    /** @type {string[]} */
    this.permissionDenied = []

    this.provider = new WebsocketProvider(url, doc, this.doc, {
      params,
      connect: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket
    })
    if (awareness !== undefined) {
      this.provider.awareness.setLocalState(awareness)
    }
    this.provider.on('status', ({ status }) => {
      this.status = status
      if (status === 'connected') {
        this.connections++
      }
    })
    // `null` is a close the provider made itself (disconnect(), its silence watchdog): not the server's doing.
    this.provider.on('connection-close', event => {
      if (event !== null) {
        this.closes.push({ code: event.code, reason: event.reason })
      }
    })
    this.provider.on('closed', close => { this.terminalClose = close })
    this.provider.on('connection-error', () => { this.connectionErrors++ })
    onPermissionDenied(this.provider, reason => this.permissionDenied.push(reason))
    /** @type {Array<{extension: string, event: any}>} */
    this.extensionMessages = []
    onExtensionMessage(this.provider, (extension, event) => this.extensionMessages.push({ extension, event }))
    if (connect) {
      this.provider.connect()
    }
  }

  /** What the Java side asserts on; a snapshot, taken synchronously between two messages. */
  stateOf () {
    const texts = {}
    const maps = {}
    for (const [name, type] of this.doc.share) {
      if (type instanceof Y.Text) {
        texts[name] = type.toString()
      } else if (type instanceof Y.Map) {
        maps[name] = type.toJSON()
      }
    }
    const awareness = {}
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      awareness[clientId] = state
    }
    return {
      clientId: this.doc.clientID,
      status: this.status,
      synced: this.provider.synced,
      connections: this.connections,
      texts,
      maps,
      awareness,
      closes: this.closes,
      terminalClose: this.terminalClose,
      connectionErrors: this.connectionErrors,
      permissionDenied: this.permissionDenied,
      stateVector: toBase64(Y.encodeStateVector(this.doc)),
      update: toBase64(Y.encodeStateAsUpdate(this.doc))
    }
  }

  destroy () {
    this.provider.destroy()
    this.doc.destroy()
  }
}

const peer = request => lookUp(peers, request.peer, 'peer')

serveLines({
  create: request => {
    const name = `peer-${++peersCreated}`
    const created = new Peer(request)
    peers.set(name, created)
    return { peer: name, clientId: created.doc.clientID }
  },
  insertText: request => { peer(request).doc.getText(request.text).insert(request.index, request.content) },
  deleteText: request => { peer(request).doc.getText(request.text).delete(request.index, request.length) },
  setMapEntry: request => { peer(request).doc.getMap(request.map).set(request.key, request.value) },
  deleteMapEntry: request => { peer(request).doc.getMap(request.map).delete(request.key) },
  setAwareness: request => { peer(request).provider.awareness.setLocalState(request.state) },
  disconnect: request => { peer(request).provider.disconnect() },
  reconnect: request => { peer(request).provider.connect() },
  destroy: request => {
    peer(request).destroy()
    peers.delete(request.peer)
  },
  state: request => peer(request).stateOf(),
  relativePosition: request => {
    const text = peer(request).doc.getText(request.text)
    const position = Y.createRelativePositionFromTypeIndex(text, request.index, request.assoc ?? 0)
    return { position: toBase64(Y.encodeRelativePosition(position)) }
  },
  extensionMessages: request => ({ messages: peer(request).extensionMessages })
}, () => {
  for (const each of peers.values()) {
    each.destroy()
  }
})
