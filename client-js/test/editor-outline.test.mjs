// The canvas page's outline templates and Markdown export, on real Y.Docs. (The page itself is tested in Chromium
// by the server's CanvasPageTest.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as Y from 'yjs'
import { CANVAS, elementOf } from '../editor/canvas-model.js'
import { applyTemplate, outlineOf } from '../editor/outline.js'

const counter = () => {
  let next = 0
  return () => `e${++next}`
}

test('a template lays its parts out as groups holding their beats, in one update', () => {
  const doc = new Y.Doc()
  const canvas = doc.getMap(CANVAS)
  let updates = 0
  doc.on('update', () => updates++)

  applyTemplate(canvas, 'three-acts', counter())

  assert.equal(updates, 1)
  const elements = Object.values(canvas.toJSON())
  const groups = elements.filter(element => element.type === 'group')
  assert.deepEqual(groups.map(group => group.text), ['Act I: Setup', 'Act II: Confrontation', 'Act III: Resolution'])
  for (const card of elements.filter(element => element.type === 'card')) {
    const group = canvas.get(card.parent).toJSON()
    assert.ok(card.x >= group.x && card.x + card.width <= group.x + group.width, `${card.text} lies within its group`)
    assert.ok(card.y >= group.y && card.y + card.height <= group.y + group.height, `${card.text} lies within its group`)
  }
  assert.equal(new Set(elements.map(element => element.z)).size, elements.length, 'every element has a z of its own')
})

test('a second template goes to the right of what is on the board, never over it', () => {
  const canvas = new Y.Doc().getMap(CANVAS)
  canvas.set('mine', elementOf({ type: 'note', x: 100, y: 100, width: 900, height: 200, z: 7, text: 'my notes' }))

  applyTemplate(canvas, 'five-acts', counter())

  const added = Object.entries(canvas.toJSON()).filter(([id]) => id !== 'mine').map(([, element]) => element)
  assert.ok(added.every(element => element.x > 1000))
  assert.ok(added.every(element => element.z > 7))
  assert.throws(() => applyTemplate(canvas, 'no-such-template', counter()), /no outline template "no-such-template"/)
})

test('the outline: groups left to right, their cards and notes top to bottom, then the rest, then the arrows', () => {
  // Titles and labels keep their first line; non-numbers count as 0; arrows the board does not draw are left out.
  const canvas = new Y.Doc().getMap(CANVAS)
  const add = (id, fields) => canvas.set(id, elementOf({ z: 1, width: 100, height: 50, ...fields }))
  add('act2', { type: 'group', x: 500, y: 0, width: 300, height: 400, text: 'Act two' })
  add('act1', { type: 'group', x: 0, y: 0, width: 300, height: 400, text: 'Act one\nthe calm' })
  add('storm', { type: 'card', parent: 'act1', x: 10, y: 200, text: 'The storm\nboats capsize' })
  add('harbour', { type: 'card', parent: 'act1', x: 10, y: 60, text: 'The harbour' })
  add('idea', { type: 'note', parent: 'act2', x: 510, y: 60, text: 'more rain?' })
  add('loose', { type: 'card', parent: 'gone', x: 900, y: 0, text: 'Epilogue' })
  add('arrow', { type: 'connector', from: 'harbour', to: 'storm', text: 'that night\nat ten' })
  add('dangling', { type: 'connector', from: 'harbour', to: 'gone' })
  add('between-arrows', { type: 'connector', from: 'arrow', to: 'storm' })
  add('nowhere', { type: 'card', x: NaN, y: 'top', text: 'Prologue' })
  canvas.set('not-an-element', 42)

  assert.equal(outlineOf(canvas.toJSON(), 'novel'), [
    '# novel',
    '',
    '## Act one',
    '',
    '- The harbour',
    '- The storm',
    '  boats capsize',
    '',
    '## Act two',
    '',
    '- *Note:* more rain?',
    '',
    '## Not in a group',
    '',
    '- Prologue',
    '- Epilogue',
    '',
    '## Connections',
    '',
    '- The harbour → The storm: that night',
    ''
  ].join('\n'))
})
