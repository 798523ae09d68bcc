/**
 * The JavaScript engines the CRDT benchmark puts beside Weft: Yjs and ywasm (yrs compiled to WebAssembly),
 * behind the few operations the benchmark needs, written the way an application would use each library.
 */
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import * as ywasm from 'ywasm'

/** Every engine edits as this client, so that all of them produce the same update. */
export const CLIENT_ID = 1
export const TEXT_NAME = 'text'

const packageVersion = name =>
  JSON.parse(fs.readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version

/**
 * @typedef {[number, number, string]} Patch [pos, del, insText] in UTF-16 code units
 *
 * @typedef {object} Engine
 * @property {string} name
 * @property {string} version
 * @property {() => any} create a new document editing as CLIENT_ID
 * @property {(doc: any, patches: Patch[]) => void} transact applies the patches in one transaction
 * @property {(update: Uint8Array) => any} load a new document with the update applied
 * @property {(doc: any) => Uint8Array} encode the document's state as a (v1) update
 * @property {(doc: any) => string} text
 * @property {(doc: any) => void} release frees what the garbage collector would not
 * @property {() => number} heapBytes the size of the memory this engine's documents live in
 * @property {boolean} heapIsCollected whether heapBytes shrinks after a garbage collection (a WebAssembly
 *   memory only ever grows)
 */

/** @type {Engine} */
export const yjs = {
  name: 'Yjs',
  version: packageVersion('yjs'),
  create: () => {
    const doc = new Y.Doc()
    doc.clientID = CLIENT_ID
    return doc
  },
  transact: (doc, patches) => {
    const text = doc.getText(TEXT_NAME)
    doc.transact(() => {
      for (const [pos, del, ins] of patches) {
        if (del > 0) text.delete(pos, del)
        if (ins.length > 0) text.insert(pos, ins)
      }
    })
  },
  load: update => {
    const doc = new Y.Doc()
    doc.getText(TEXT_NAME)
    Y.applyUpdate(doc, update)
    return doc
  },
  encode: doc => Y.encodeStateAsUpdate(doc),
  text: doc => doc.getText(TEXT_NAME).toString(),
  release: doc => doc.destroy(),
  heapBytes: () => process.memoryUsage().heapUsed,
  heapIsCollected: true
}

/**
 * ywasm's JS handles own references into the WebAssembly heap and are only finalized when the event loop
 * turns, which a synchronous benchmark never lets happen: a document is kept with its text handle so that both
 * are freed explicitly.
 *
 * @typedef {{ doc: ywasm.YDoc, text: ywasm.YText }} YwasmDoc
 */

/** @type {Engine} */
export const yrsWasm = {
  name: 'ywasm',
  version: packageVersion('ywasm'),
  create: () => {
    const doc = new ywasm.YDoc({ clientID: CLIENT_ID })
    return { doc, text: doc.getText(TEXT_NAME) }
  },
  transact: ({ doc, text }, patches) => {
    const txn = doc.beginTransaction()
    try {
      for (const [pos, del, ins] of patches) {
        if (del > 0) text.delete(pos, del, txn)
        if (ins.length > 0) text.insert(pos, ins, undefined, txn)
      }
    } finally {
      txn.free() // commits
    }
  },
  load: update => {
    const doc = new ywasm.YDoc({})
    const text = doc.getText(TEXT_NAME)
    ywasm.applyUpdate(doc, update, undefined)
    return { doc, text }
  },
  encode: ({ doc }) => ywasm.encodeStateAsUpdate(doc),
  text: ({ text }) => text.toString(),
  release: ({ doc, text }) => {
    text.free()
    doc.free()
  },
  heapBytes: () => ywasm.__wasm.memory.buffer.byteLength,
  heapIsCollected: false
}

/** @type {Record<string, Engine>} */
export const engines = { yjs, ywasm: yrsWasm }

/**
 * Replays a trace's transactions into a new document, one transaction per trace transaction. A replay that is
 * still running at `deadline` (a performance.now() time) stops there, between two transactions; the clock is
 * read every 1024 transactions only, to stay off the measurement.
 *
 * @param {Engine} engine
 * @param {Patch[][]} txns
 * @param {number} deadline
 * @return {{ doc: any, completed: number }} the document and how many transactions it received
 */
export const replay = (engine, txns, deadline = Infinity) => {
  const doc = engine.create()
  for (let i = 0; i < txns.length; i++) {
    engine.transact(doc, txns[i])
    if ((i & 1023) === 1023 && performance.now() > deadline) return { doc, completed: i + 1 }
  }
  return { doc, completed: txns.length }
}
