// The byte-level reference for a document that another engine built from a sequence of updates: a fresh Yjs
// document fed exactly the same sequence. Yjs splits and merges structs depending on the order updates arrive,
// so only a document with the same history is expected to encode to the same bytes.
import * as Y from 'yjs'
import { checkKinds, root } from './schema.js'
import { describe, tagged } from './content.js'
import { fromBase64, toBase64 } from './wire.js'

/**
 * @typedef {Object} Snapshot what the witness holds after the first `at` updates
 * @property {number} at
 * @property {string} stateVector base64
 * @property {string} update base64 of encodeStateAsUpdate (V1)
 * @property {string} updateV2 base64 of encodeStateAsUpdateV2
 * @property {boolean} pending whether some update still waits for a missing dependency
 * @property {Object} content see content.js
 */

const snapshot = (doc, kinds, at) => ({
  at,
  stateVector: toBase64(Y.encodeStateVector(doc)),
  update: toBase64(Y.encodeStateAsUpdate(doc)),
  updateV2: toBase64(Y.encodeStateAsUpdateV2(doc)),
  pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
  content: describe(doc, kinds)
})

/**
 * @typedef {Object} History what the final document says about its past, through a snapshot taken on the way
 * @property {string} snapshot base64 of encodeSnapshot
 * @property {string} restored base64 of encodeStateAsUpdate of createDocFromSnapshot
 * @property {any} delta the text's toDelta(snapshot) (tagged, see content.js), or null without a text kind
 */

const history = (doc, kinds, snap) => ({
  snapshot: toBase64(Y.encodeSnapshot(snap)),
  restored: toBase64(Y.encodeStateAsUpdate(Y.createDocFromSnapshot(doc, snap))),
  delta: kinds.includes('text') ? tagged(root(doc, 'text').toDelta(snap)) : null
})

/**
 * @param {Object} request
 * @param {number} request.clientId the witness's own id (it never edits, but keeps the id of the doc it mirrors)
 * @param {boolean} request.gc
 * @param {Array<string>} request.kinds
 * @param {Array<{format: number, update: string}>} request.updates applied in this order
 * @param {Array<number>} [request.checkpoints] after how many updates to take a snapshot
 * @param {Array<string>} [request.diffs] state vectors (base64) to encode the final state against
 * @param {number} [request.snapshotAt] gc off only: after how many updates to take a Y.snapshot, read back at the end
 *   (after the checkpoints and diffs) as the result's history
 * @return {{snapshots: Array<Snapshot>, diffs: Array<{update: string, updateV2: string}>, pendingSteps: number,
 *   history: History|null}}
 */
export const replay = ({ clientId, gc, kinds, updates, checkpoints = [], diffs = [], snapshotAt = null }) => {
  checkKinds(kinds)
  if (snapshotAt !== null && gc) {
    throw new Error('snapshots need a document without garbage collection')
  }
  const doc = new Y.Doc({ gc })
  doc.clientID = clientId
  const wanted = new Set(checkpoints)
  const snapshots = []
  let pendingSteps = 0
  let snap = snapshotAt === 0 ? Y.snapshot(doc) : null
  if (wanted.has(0)) {
    snapshots.push(snapshot(doc, kinds, 0))
  }
  updates.forEach(({ format, update }, i) => {
    if (format === 1) {
      Y.applyUpdate(doc, fromBase64(update))
    } else if (format === 2) {
      Y.applyUpdateV2(doc, fromBase64(update))
    } else {
      throw new Error(`update ${i}: format must be 1 or 2, not ${format}`)
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      pendingSteps++
    }
    if (snapshotAt === i + 1) {
      snap = Y.snapshot(doc)
    }
    if (wanted.has(i + 1)) {
      snapshots.push(snapshot(doc, kinds, i + 1))
    }
  })
  const encodedDiffs = diffs.map(sv => ({
    update: toBase64(Y.encodeStateAsUpdate(doc, fromBase64(sv))),
    updateV2: toBase64(Y.encodeStateAsUpdateV2(doc, fromBase64(sv)))
  }))
  return { snapshots, diffs: encodedDiffs, pendingSteps, history: snap === null ? null : history(doc, kinds, snap) }
}
