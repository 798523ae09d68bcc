// The "updates" operation: Yjs's update utilities over a session's updates.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as Y from 'yjs'
import { describe } from '../peers/content.js'
import { runSession } from '../peers/session.js'
import { updateUtilities } from '../peers/update-utilities.js'
import { fromBase64, toBase64 } from '../peers/wire.js'

test('merging all of a session\'s updates gives the peers\' document, in both formats', () => {
  const kinds = ['array', 'map', 'text']
  const session = runSession({ seed: 11, kinds })
  for (const format of [1, 2]) {
    const updates = session.updates.map(u => toBase64(format === 1 ? u.v1 : u.v2))
    const result = updateUtilities({ format, updates, stateVector: toBase64(new Uint8Array([0])) })
    const doc = new Y.Doc()
    ;(format === 1 ? Y.applyUpdate : Y.applyUpdateV2)(doc, fromBase64(result.merged))
    assert.deepEqual(describe(doc, kinds), session.peers[0])
    assert.equal(result.diff, result.merged)
    assert.deepEqual(
      [...Y.decodeStateVector(fromBase64(result.stateVector))].sort(),
      [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort())
    assert.deepEqual(result.meta.to.sort(), [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort())
    const converted = fromBase64(result.converted)
    const other = new Y.Doc()
    ;(format === 1 ? Y.applyUpdateV2 : Y.applyUpdate)(other, converted)
    assert.equal(other.getText('text').toString(), session.peers[0].text.json)
  }
})

test('an unknown format is refused', () => {
  assert.throws(() => updateUtilities({ format: 0, updates: [], stateVector: 'AA==' }), /format must be 1 or 2/)
})
