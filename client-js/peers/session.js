// A random editing session among several Yjs documents: each makes random transactions on the enabled kinds
// and the updates travel between them in random orders, late, twice, or bundled into state-vector syncs, so
// that peers often receive updates before their dependencies (Yjs keeps those pending). At the end every peer
// syncs with every other, and all must hold the same content.
//
// Like a real provider, a peer passes on every update it emits except those it received: its own edits, and
// also the formatting cleanups Yjs runs as a new transaction after text formatting arrives from elsewhere.
import { isDeepStrictEqual } from 'node:util'
import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import { checkKinds } from './schema.js'
import { describe } from './content.js'
import { randomEdit } from './random-edits.js'
import { createGenerator } from './random-seed.js'

const REMOTE = 'remote'

/**
 * @typedef {Object} Update
 * @property {Uint8Array} v1
 * @property {Uint8Array} v2 the same change in the V2 format
 */

/** Distinct client ids, small and full-range uint32 alike (both change the varUint widths on the wire). */
const randomClientIds = (gen, n) => {
  const ids = new Set()
  while (ids.size < n) {
    ids.add(prng.bool(gen) ? prng.uint32(gen, 1, 1000) : prng.uint32(gen, 1, 0xffffffff))
  }
  return [...ids]
}

const apply = (doc, update, format) => {
  if (format === 1) {
    Y.applyUpdate(doc, update, REMOTE)
  } else {
    Y.applyUpdateV2(doc, update, REMOTE)
  }
}

const hasPending = doc => doc.store.pendingStructs !== null || doc.store.pendingDs !== null

/**
 * @param {Object} options
 * @param {number} options.seed
 * @param {Array<string>} options.kinds which roots (and nested types) the edits touch
 * @return {{clientIds: Array<number>, updates: Array<Update & {peer: number}>, syncs: Array<Update>,
 *   peers: Array<Object>}} every update a peer emitted of its own, in the order they were made, the state-vector
 *   syncs exchanged on the way, and each peer's final content
 */
export const runSession = ({ seed, kinds }) => {
  checkKinds(kinds)
  const gen = createGenerator(seed)
  const clientIds = randomClientIds(gen, prng.int31(gen, 2, 4))
  const docs = clientIds.map(clientId => {
    const doc = new Y.Doc({ gc: prng.bool(gen) })
    doc.clientID = clientId
    return doc
  })
  /** @type {Array<Update & {peer: number}>} */
  const updates = []
  /** @type {Array<Update>} */
  const syncs = []
  /** @type {Array<Array<{index: number, format: number}>>} what each peer has yet to receive */
  const inboxes = docs.map(() => [])

  docs.forEach((doc, peer) => {
    const v1ByTransaction = new Map()
    doc.on('update', (update, origin, _doc, txn) => {
      if (origin !== REMOTE) {
        v1ByTransaction.set(txn, update)
      }
    })
    doc.on('updateV2', (update, origin, _doc, txn) => {
      if (origin !== REMOTE) {
        const index = updates.length
        updates.push({ peer, v1: v1ByTransaction.get(txn), v2: update })
        v1ByTransaction.delete(txn)
        inboxes.forEach((inbox, other) => {
          if (other !== peer) {
            inbox.push({ index, format: prng.int31(gen, 1, 2) })
          }
        })
      }
    })
  })

  const deliver = peer => {
    const inbox = inboxes[peer]
    for (let k = prng.int31(gen, 1, Math.max(1, inbox.length)); k > 0 && inbox.length > 0; k--) {
      const { index, format } = inbox.splice(prng.int31(gen, 0, inbox.length - 1), 1)[0]
      apply(docs[peer], format === 1 ? updates[index].v1 : updates[index].v2, format)
    }
    if (updates.length > 0 && prng.int31(gen, 0, 4) === 0) {
      const again = prng.oneOf(gen, updates)
      apply(docs[peer], again.v1, 1)
    }
  }

  const syncFrom = (source, target) => {
    const sv = Y.encodeStateVector(docs[target])
    const update = { v1: Y.encodeStateAsUpdate(docs[source], sv), v2: Y.encodeStateAsUpdateV2(docs[source], sv) }
    const format = prng.int31(gen, 1, 2)
    apply(docs[target], format === 1 ? update.v1 : update.v2, format)
    return update
  }

  for (let step = prng.int31(gen, 5, 40); step > 0; step--) {
    const r = prng.int31(gen, 0, 19)
    const peer = prng.int31(gen, 0, docs.length - 1)
    if (r < 12) {
      docs[peer].transact(() => {
        for (let edits = prng.int31(gen, 1, 3); edits > 0; edits--) {
          randomEdit(gen, docs[peer], kinds)
        }
      })
    } else if (r < 18) {
      deliver(peer)
    } else {
      const source = (peer + prng.int31(gen, 1, docs.length - 1)) % docs.length
      syncs.push(syncFrom(source, peer))
    }
  }

  // Everyone through the first peer and back: afterwards nothing may be pending anywhere.
  docs.forEach((_doc, peer) => peer > 0 && syncFrom(peer, 0))
  docs.forEach((_doc, peer) => peer > 0 && syncFrom(0, peer))
  const peers = docs.map(doc => describe(doc, kinds))
  docs.forEach((doc, peer) => {
    if (hasPending(doc)) {
      throw new Error(`seed ${seed}: peer ${peer} still has pending updates after the final sync`)
    }
    if (!isDeepStrictEqual(peers[peer], peers[0])) {
      throw new Error(`seed ${seed}: Yjs peers 0 and ${peer} did not converge: ${JSON.stringify(peers[0])} vs ${JSON.stringify(peers[peer])}`)
    }
  })
  return { clientIds, updates, syncs, peers }
}
