// The pages' comment anchors (editor/anchors.js) with real Yjs documents: an anchor made from a selection follows
// its passage through edits made elsewhere, is detached once its characters are deleted, and is unknown (null) to a
// copy that has not received the characters yet.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as Y from 'yjs'
import { anchorOf, locate } from '../editor/anchors.js'

const syncInto = (from, to) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))

test('an anchor follows its passage through edits made on another copy, and is detached once it is deleted', () => {
  const author = new Y.Doc()
  const reader = new Y.Doc()
  author.getText('text').insert(0, 'Once upon a time there was a fox.')
  syncInto(author, reader)
  const text = author.getText('text').toString()
  const anchor = anchorOf(author.getText('text'), text.indexOf('a fox'), text.indexOf('a fox') + 5, 'text')
  assert.equal(anchor.type, 'text')

  assert.deepEqual(locate(reader.getText('text'), anchor), { status: 'attached', index: text.indexOf('a fox'), length: 5 })
  author.getText('text').insert(0, 'Long ago. ')
  author.getText('text').insert('Long ago. '.length + text.indexOf('a fox') + 2, 'brown ')
  syncInto(author, reader)
  const now = reader.getText('text').toString()
  const where = locate(reader.getText('text'), anchor)
  assert.equal(now.slice(where.index, where.index + where.length), 'a brown fox', 'typed inside, it widens')

  reader.getText('text').delete(where.index, where.length)
  assert.deepEqual(locate(reader.getText('text'), anchor), { status: 'detached' })
})

test('a copy without the anchored characters cannot place the anchor yet', () => {
  const author = new Y.Doc()
  author.getText('text').insert(0, 'fresh words')
  const anchor = anchorOf(author.getText('text'), 0, 5, 'text')
  const late = new Y.Doc()
  assert.equal(locate(late.getText('text'), anchor), null)
  syncInto(author, late)
  assert.deepEqual(locate(late.getText('text'), anchor), { status: 'attached', index: 0, length: 5 })
})

test('an anchor in another root type is not placed in this one', () => {
  const doc = new Y.Doc()
  doc.getText('text').insert(0, 'main text')
  doc.getText('notes').insert(0, 'side notes')
  const anchor = anchorOf(doc.getText('notes'), 0, 4, 'notes')
  assert.deepEqual(locate(doc.getText('text'), anchor), { status: 'detached' })
})
