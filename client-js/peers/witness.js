// The byte-level reference for a document that another engine built from a sequence of updates: a fresh Yjs
// document fed exactly the same sequence. Yjs splits and merges structs depending on the order updates arrive,
// so only a document with the same history is expected to encode to the same bytes.
import * as Y from 'yjs'
import { checkKinds } from './schema.js'
import { describe } from './content.js'
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
 * @param {Object} request
 * @param {number} request.clientId the witness's own id (it never edits, but keeps the id of the doc it mirrors)
 * @param {boolean} request.gc
 * @param {Array<string>} request.kinds
 * @param {Array<{format: number, update: string}>} request.updates applied in this order
 * @param {Array<number>} [request.checkpoints] after how many updates to take a snapshot
 * @param {Array<string>} [request.diffs] state vectors (base64) to encode the final state against
 * @return {{snapshots: Array<Snapshot>, diffs: Array<{update: string, updateV2: string}>, pendingSteps: number}}
 */
export const replay = ({ clientId, gc, kinds, updates, checkpoints = [], diffs = [] }) => {
  checkKinds(kinds)
  const doc = new Y.Doc({ gc })
  doc.clientID = clientId
  const wanted = new Set(checkpoints)
  const snapshots = []
  let pendingSteps = 0
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
    if (wanted.has(i + 1)) {
      snapshots.push(snapshot(doc, kinds, i + 1))
    }
  })
  return {
    snapshots,
    diffs: diffs.map(sv => ({
      update: toBase64(Y.encodeStateAsUpdate(doc, fromBase64(sv))),
      updateV2: toBase64(Y.encodeStateAsUpdateV2(doc, fromBase64(sv)))
    })),
    pendingSteps
  }
}
