/**
 * The lean clients of the server benchmark: WebSocket clients that speak each server's sync protocol with
 * y-protocols and lib0, send the Yjs updates a Y.Doc typing at the end of its text sends (byte for byte, see
 * TypingUpdates), and never apply what they receive (a generator process hosts hundreds of them, so they must cost
 * little). What the servers see is what a
 * `y-websocket` (or Hocuspocus) provider sends: sync step 1 on open, step 2 in answer to the server's step 1,
 * then one update message per transaction.
 *
 * Each edit inserts a marker naming the editing client and the time it was sent; a receiver finds the markers in
 * the bytes of the update messages it gets (a server may merge several updates into one message) and so knows
 * each delivery's latency. Times are milliseconds on `performance.timeOrigin + performance.now()`, the same
 * clock in every process of one machine.
 */
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as random from 'lib0/random'

/** Milliseconds on the clock that every process on the machine shares. */
export const now = () => performance.timeOrigin + performance.now()

const MESSAGE_SYNC = 0
// Hocuspocus's message types beside y-websocket's (node_modules/@hocuspocus/server/src/types.ts).
const HOCUSPOCUS_AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4
const HOCUSPOCUS_AUTH_TOKEN = 0

/**
 * How a protocol frames its messages. y-websocket (Weft and @y/websocket-server) puts the document in the URL
 * path and sends bare messages; Hocuspocus multiplexes documents over one socket, so every message starts with
 * the document's name, and a document must be authenticated (an auth message with a token, any token when the
 * server has no onAuthenticate hook) before its sync messages are processed.
 *
 * @typedef {object} Flavour
 * @property {(baseUrl: string, docName: string) => string} url
 * @property {(docName: string, body: (encoder: encoding.Encoder) => void) => Uint8Array} frame
 * @property {(docName: string) => Uint8Array[]} greeting what to send before sync step 1
 * @property {(decoder: decoding.Decoder) => void} skipPrefix
 */

/** @type {Record<string, Flavour>} */
export const FLAVOURS = {
  'y-websocket': {
    url: (baseUrl, docName) => `${baseUrl}/${encodeURIComponent(docName)}`,
    frame: (_docName, body) => {
      const encoder = encoding.createEncoder()
      body(encoder)
      return encoding.toUint8Array(encoder)
    },
    greeting: () => [],
    skipPrefix: () => {}
  },
  hocuspocus: {
    url: baseUrl => baseUrl,
    frame: (docName, body) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarString(encoder, docName)
      body(encoder)
      return encoding.toUint8Array(encoder)
    },
    greeting: docName => [FLAVOURS.hocuspocus.frame(docName, encoder => {
      encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH)
      encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH_TOKEN)
      encoding.writeVarString(encoder, 'benchmark')
    })],
    skipPrefix: decoder => { decoding.readVarString(decoder) }
  }
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

const MARKER = 0x23 // '#'
const INDEX_DIGITS = 5
const TIME_DIGITS = 16 // microseconds since 1970 for the next few centuries

/**
 * The text an edit inserts: the editing client's index and the time it was sent.
 *
 * @param {number} clientIndex
 * @param {number} sentAt milliseconds, see now()
 */
export const marker = (clientIndex, sentAt) =>
  `#${String(clientIndex).padStart(INDEX_DIGITS, '0')}${String(Math.round(sentAt * 1000)).padStart(TIME_DIGITS, '0')}`

const isDigit = byte => byte >= 0x30 && byte <= 0x39

const readNumber = (bytes, from, digits) => {
  let value = 0
  for (let i = from; i < from + digits; i++) {
    if (!isDigit(bytes[i])) return -1
    value = value * 10 + bytes[i] - 0x30
  }
  return value
}

/**
 * Calls `found(clientIndex, sentAt)` for every marker in the bytes (Yjs writes inserted strings as plain UTF-8).
 *
 * @param {Buffer} bytes
 * @param {(clientIndex: number, sentAt: number) => void} found
 */
export const scanMarkers = (bytes, found) => {
  const length = 1 + INDEX_DIGITS + TIME_DIGITS
  for (let at = bytes.indexOf(MARKER); at !== -1 && at + length <= bytes.length; at = bytes.indexOf(MARKER, at + 1)) {
    const index = readNumber(bytes, at + 1, INDEX_DIGITS)
    const micros = index < 0 ? -1 : readNumber(bytes, at + 1 + INDEX_DIGITS, TIME_DIGITS)
    if (micros >= 0) {
      found(index, micros / 1000)
      at += length - 1
    }
  }
}

// Yjs's struct encoding (node_modules/yjs/src/structs/Item.js, utils/UpdateEncoder.js), V1.
const CONTENT_STRING = 4
const HAS_ORIGIN = 0x80
const PARENT_IS_ROOT = 1

/**
 * The updates of one Yjs client that only ever types at the end of its own text, made without a Y.Doc: the bytes
 * Yjs sends for `text.insert(text.length, s)`. A Y.Doc would cost more with every keystroke: Yjs merges the typed
 * run into one item and encodes each update by slicing that item's string, which V8 flattens, a copy of the whole
 * run per keystroke (a client that has typed 400 KB spends over a millisecond per edit). The first update names
 * the root type; each later one is a string whose origin is the last character typed, and no deletions.
 * test/bench-wire.test.mjs checks the bytes against a Y.Doc's.
 */
export class TypingUpdates {
  /**
   * @param {string} textName the root Y.Text's name
   * @param {number} [clientId] the Yjs client id, random as Yjs draws it when not given
   */
  constructor (textName, clientId = random.uint32()) {
    this.textName = textName
    this.clientId = clientId
    /** The clock after the last character typed: the text's length in UTF-16 code units. */
    this.clock = 0
  }

  /** @param {string} typed @return {Uint8Array} the update of appending `typed` */
  type (typed) {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1) // clients
    encoding.writeVarUint(encoder, 1) // structs of this client
    encoding.writeVarUint(encoder, this.clientId)
    encoding.writeVarUint(encoder, this.clock)
    if (this.clock === 0) {
      encoding.writeUint8(encoder, CONTENT_STRING)
      encoding.writeVarUint(encoder, PARENT_IS_ROOT)
      encoding.writeVarString(encoder, this.textName)
    } else {
      encoding.writeUint8(encoder, CONTENT_STRING | HAS_ORIGIN)
      encoding.writeVarUint(encoder, this.clientId)
      encoding.writeVarUint(encoder, this.clock - 1)
    }
    encoding.writeVarString(encoder, typed)
    encoding.writeVarUint(encoder, 0) // delete set: no clients
    this.clock += typed.length
    return encoding.toUint8Array(encoder)
  }
}

/**
 * One client of one document.
 */
export class LeanClient {
  /**
   * @param {object} options
   * @param {Flavour} options.flavour
   * @param {string} options.baseUrl ws://host:port
   * @param {string} options.docName
   * @param {number} options.index this client's number in the run, written into its markers
   * @param {boolean} [options.editing] whether it edits (it then types at the end of its own text, TypingUpdates)
   * @param {(clientIndex: number, sentAt: number, receivedAt: number) => void} [options.onMarker] for every
   *   marker in a received update message
   * @param {((doc: Y.Doc, receivedAt: number) => void)|null} [options.onApplied] when given, the client applies
   *   the server's sync step 2 and updates to a Y.Doc of its own and calls this after each with the time the
   *   message arrived (for checking what a server sends)
   */
  constructor ({ flavour, baseUrl, docName, index, editing = false, onMarker = () => {}, onApplied = null }) {
    this.flavour = flavour
    this.url = flavour.url(baseUrl, docName)
    this.docName = docName
    this.index = index
    this.onMarker = onMarker
    this.onApplied = onApplied
    /** When the server's sync step 2 arrived, see now() */
    this.syncedAt = null
    this.doc = onApplied ? new Y.Doc() : null
    this.typing = editing ? new TypingUpdates('text') : null
    /** @type {WebSocket|null} */
    this.socket = null
    this.synced = false
  }

  /**
   * Opens the socket and resolves once the server's sync step 2 has arrived.
   *
   * @param {number} timeoutMs
   * @return {Promise<void>}
   */
  connect (timeoutMs) {
    return new Promise((resolve, reject) => {
      const socket = this.socket = new WebSocket(this.url, { perMessageDeflate: false })
      const timer = setTimeout(() => fail(new Error(`${this.docName}: not synced after ${timeoutMs} ms`)), timeoutMs)
      const fail = error => {
        clearTimeout(timer)
        socket.terminate()
        reject(error)
      }
      this.whenSynced = () => {
        clearTimeout(timer)
        resolve()
      }
      socket.on('open', () => {
        for (const message of this.flavour.greeting(this.docName)) socket.send(message)
        this.send(encoder => {
          encoding.writeVarUint(encoder, MESSAGE_SYNC)
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
          encoding.writeVarUint8Array(encoder, this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR)
        })
      })
      socket.on('message', data => this.receive(data))
      socket.on('error', fail)
      socket.on('close', (code, reason) => {
        if (!this.synced) fail(new Error(`${this.docName}: closed before sync (${code} ${reason})`))
      })
    })
  }

  /** @param {(encoder: encoding.Encoder) => void} body */
  send (body) {
    this.socket.send(this.flavour.frame(this.docName, body))
  }

  /**
   * Types a marker at the end of this client's own text: one update message, as one transaction of a Y.Doc sends.
   *
   * @param {number} sentAt the time to write into the marker, see now()
   */
  edit (sentAt = now()) {
    this.sendUpdate(this.typing.type(marker(this.index, sentAt)))
  }

  /** @param {Buffer} data */
  receive (data) {
    const receivedAt = now()
    const decoder = decoding.createDecoder(data)
    this.flavour.skipPrefix(decoder)
    const type = decoding.readVarUint(decoder)
    if (type !== MESSAGE_SYNC && !(this.flavour === FLAVOURS.hocuspocus && type === HOCUSPOCUS_SYNC_REPLY)) return
    switch (decoding.readVarUint(decoder)) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        this.send(encoder => {
          encoding.writeVarUint(encoder, MESSAGE_SYNC)
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
          // A typing client has typed nothing yet: it connects once, before the load starts.
          encoding.writeVarUint8Array(encoder, this.doc ? Y.encodeStateAsUpdate(this.doc, stateVector) : EMPTY_UPDATE)
        })
        break
      }
      case syncProtocol.messageYjsSyncStep2:
        if (!this.synced) {
          this.synced = true
          this.syncedAt = receivedAt
          this.apply(decoder, receivedAt)
          this.whenSynced()
        }
        break
      case syncProtocol.messageYjsUpdate: {
        this.apply(decoder, receivedAt)
        scanMarkers(data, (clientIndex, sentAt) => {
          if (clientIndex !== this.index) this.onMarker(clientIndex, sentAt, receivedAt)
        })
        break
      }
    }
  }

  /**
   * @param {decoding.Decoder} decoder at an update
   * @param {number} receivedAt
   */
  apply (decoder, receivedAt) {
    if (this.onApplied === null) return
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder))
    this.onApplied(this.doc, receivedAt)
  }

  /** Sends one update as it is (an upload of a whole document, say). */
  sendUpdate (update) {
    this.send(encoder => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeUpdate(encoder, update)
    })
  }

  close () {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close()
  }
}
