// The witness: a fresh Yjs document fed a given sequence of updates, the byte-level reference of the Java tests.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as Y from 'yjs'
import { runSession } from '../peers/session.js'
import { replay } from '../peers/witness.js'
import { tagged } from '../peers/content.js'
import { fromBase64, toBase64 } from '../peers/wire.js'

const kinds = ['array', 'map', 'text', 'xml']

const fed = (updates, format) => updates.map(u => ({ format, update: toBase64(format === 1 ? u.v1 : u.v2) }))

test('fed a session\'s updates in the order they were made, the witness holds the peers\' content', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const session = runSession({ seed, kinds })
    const updates = fed(session.updates, seed % 2 + 1)
    const { snapshots, pendingSteps } = replay({ clientId: 0x7fffffff, gc: true, kinds, updates, checkpoints: [updates.length] })
    assert.equal(pendingSteps, 0)
    assert.equal(snapshots.length, 1)
    assert.equal(snapshots[0].pending, false)
    assert.deepEqual(snapshots[0].content, session.peers[0])
  }
})

test('snapshots are the document\'s encodings at each checkpoint, pending included', () => {
  const session = runSession({ seed: 3, kinds: ['text'] })
  const updates = fed(session.updates, 2).reverse() // late dependencies: most updates wait
  const { snapshots, pendingSteps } = replay({ clientId: 1, gc: false, kinds: ['text'], updates, checkpoints: [0, 1, updates.length] })
  assert.deepEqual(snapshots.map(s => s.at), [0, 1, updates.length])
  assert.ok(pendingSteps > 0)

  const doc = new Y.Doc({ gc: false })
  doc.clientID = 1
  Y.applyUpdateV2(doc, fromBase64(updates[0].update))
  assert.equal(snapshots[1].stateVector, toBase64(Y.encodeStateVector(doc)))
  assert.equal(snapshots[1].update, toBase64(Y.encodeStateAsUpdate(doc)))
  assert.equal(snapshots[1].updateV2, toBase64(Y.encodeStateAsUpdateV2(doc)))
  assert.deepEqual(snapshots[0].content, { text: { json: '', delta: [] } })
})

test('diffs encode the final state against the given state vectors', () => {
  const session = runSession({ seed: 5, kinds: ['array', 'map'] })
  const updates = fed(session.updates, 1)
  const empty = toBase64(new Uint8Array([0]))
  const { snapshots, diffs } = replay({ clientId: 1, gc: true, kinds: ['array', 'map'], updates, checkpoints: [updates.length], diffs: [empty] })
  assert.equal(diffs[0].update, snapshots[0].update)
  assert.equal(diffs[0].updateV2, snapshots[0].updateV2)
})

test('the history reads the final document through a snapshot taken after the first updates', () => {
  const session = runSession({ seed: 7, kinds: ['text'] })
  const updates = fed(session.updates, 1)
  const at = Math.floor(updates.length / 2)
  const { history } = replay({ clientId: 1, gc: false, kinds: ['text'], updates, checkpoints: [updates.length], snapshotAt: at })

  const early = new Y.Doc({ gc: false })
  updates.slice(0, at).forEach(({ update }) => Y.applyUpdate(early, fromBase64(update)))
  const restored = Y.createDocFromSnapshot(early, Y.decodeSnapshot(fromBase64(history.snapshot)))
  assert.deepEqual(restored.getText('text').toDelta(), early.getText('text').toDelta())
  assert.deepEqual(history.delta, tagged(early.getText('text').toDelta()))
  assert.equal(toBase64(Y.encodeSnapshot(Y.snapshot(early))), history.snapshot)
  assert.throws(() => replay({ clientId: 1, gc: true, kinds: ['text'], updates, snapshotAt: 0 }), /garbage collection/)
})

test('an update in an unknown format is refused', () => {
  assert.throws(() => replay({ clientId: 1, gc: true, kinds, updates: [{ format: 3, update: 'AAA=' }] }), /format must be 1 or 2/)
})
