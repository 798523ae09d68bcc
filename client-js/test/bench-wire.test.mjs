// The server benchmark's lean clients send what a Y.Doc typing at the end of its text sends, without one.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as Y from 'yjs'
import { TypingUpdates, marker, scanMarkers } from '../bench/server/wire.mjs'

test('typing updates are byte for byte the updates of a Y.Doc typing at the end of its text', () => {
  const doc = new Y.Doc()
  doc.clientID = 3_000_000_123 // above 2^31: the ids Yjs draws are uint32
  const sent = []
  doc.on('update', update => sent.push(update))
  const typing = new TypingUpdates('text', doc.clientID)
  const text = doc.getText('text')
  for (const typed of ['#00001', 'é', '😀 and more', marker(7, 1_700_000_000_000.5), 'x'.repeat(300)]) {
    text.insert(text.length, typed)
    assert.deepEqual(typing.type(typed), sent.at(-1), `typing ${JSON.stringify(typed)}`)
  }
  assert.equal(typing.clock, text.length)
})

test('a document that applied the typing updates holds the typed text, and each marker is found again', () => {
  const typing = new TypingUpdates('text')
  const doc = new Y.Doc()
  const markers = [marker(1, 1000.25), marker(12_345, 1_800_000_000_000.125)]
  const found = []
  for (const typed of markers) {
    const update = typing.type(typed)
    Y.applyUpdate(doc, update)
    scanMarkers(Buffer.from(update), (clientIndex, sentAt) => found.push([clientIndex, sentAt]))
  }
  assert.equal(doc.getText('text').toString(), markers.join(''))
  assert.deepEqual(found, [[1, 1000.25], [12_345, 1_800_000_000_000.125]])
})
