// The Yjs side of the differential fuzz tests on its own: sessions are reproducible from their seed and the Yjs
// peers converge.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { runSession } from '../peers/session.js'

const MIXES = [['array', 'map'], ['text'], ['xml'], ['array', 'map', 'text', 'xml']]

test('a seed replays the same session, byte for byte', () => {
  for (const kinds of MIXES) {
    const first = runSession({ seed: 42, kinds })
    const again = runSession({ seed: 42, kinds })
    assert.deepEqual(again.clientIds, first.clientIds)
    assert.deepEqual(again.updates, first.updates)
    assert.deepEqual(again.syncs, first.syncs)
    assert.deepEqual(again.peers, first.peers)
  }
})

test('neighbouring seeds give different sessions, seed 0 included', () => {
  const sessions = [0, 1, 2].map(seed => runSession({ seed, kinds: ['array', 'map'] }))
  assert.notDeepEqual(sessions[0].updates, sessions[1].updates)
  assert.notDeepEqual(sessions[1].updates, sessions[2].updates)
})

test('peers converge and every update comes in both formats', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const kinds = MIXES[seed % MIXES.length]
    const { clientIds, updates, peers } = runSession({ seed, kinds }) // throws if the peers did not converge
    assert.equal(new Set(clientIds).size, clientIds.length)
    assert.equal(peers.length, clientIds.length)
    for (const update of updates) {
      assert.ok(update.v1 instanceof Uint8Array && update.v1.length > 0)
      assert.ok(update.v2 instanceof Uint8Array && update.v2.length > 0)
    }
  }
})

test('the sessions edit what their kinds name', () => {
  const { peers } = runSession({ seed: 7, kinds: ['array', 'map', 'text', 'xml'] })
  assert.deepEqual(Object.keys(peers[0]).sort(), ['array', 'map', 'text', 'xml'])
  assert.ok('delta' in peers[0].text)
  const lengths = Array.from({ length: 30 }, (_, i) => runSession({ seed: i + 1, kinds: ['text'] }).peers[0].text.json.length)
  assert.ok(lengths.some(length => length > 10), `texts stay nearly empty: ${lengths}`)
})

test('unknown kinds and bad seeds are refused', () => {
  assert.throws(() => runSession({ seed: 1, kinds: ['list'] }), /unknown kind/)
  assert.throws(() => runSession({ seed: 1, kinds: [] }), /non-empty/)
  assert.throws(() => runSession({ seed: -1, kinds: ['map'] }), /seed must be/)
  assert.throws(() => runSession({ seed: 1.5, kinds: ['map'] }), /seed must be/)
})
