// The story structure behind a canvas: outline templates that lay a structure out on the board (acts as groups,
// their beats as cards), and the export of a board as a Markdown outline (what a writer takes to the manuscript).
// Both work on the document model of README's "The story-planning canvas": the root Y.Map `canvas`, one Y.Map of
// fields per element.
import * as Y from 'yjs'

export const CANVAS = 'canvas'

/** Sizes of what a template lays out, in board units; the gaps between a group's cards and around them. */
const CARD = { width: 240, height: 110 }
const GAP = 20
const GROUP_HEADER = 60
const GROUP_WIDTH = CARD.width + 2 * GAP

/** The templates the canvas page offers: groups (the structure's parts), each with its beats. */
export const TEMPLATES = {
  'three-acts': {
    name: 'Three acts',
    groups: [
      ['Act I: Setup', ['Opening image', 'Inciting incident', 'Turning point into Act II']],
      ['Act II: Confrontation', ['Rising action', 'Midpoint', 'All is lost']],
      ['Act III: Resolution', ['Climax', 'Resolution']]
    ]
  },
  'heros-journey': {
    name: "Hero's journey",
    groups: [
      ['Departure', ['The ordinary world', 'The call to adventure', 'Refusal of the call', 'Meeting the mentor',
        'Crossing the threshold']],
      ['Initiation', ['Tests, allies, enemies', 'The ordeal', 'The reward']],
      ['Return', ['The road back', 'Resurrection', 'Return with the elixir']]
    ]
  },
  'five-acts': {
    name: 'Five acts (Freytag)',
    groups: [
      ['Exposition', ['Who, where, what is at stake']],
      ['Rising action', ['Complications']],
      ['Climax', ['The turning point']],
      ['Falling action', ['Consequences']],
      ['Denouement', ['The new normal']]
    ]
  }
}

/**
 * An element's Y.Map, from its fields (a `text` string becomes its Y.Text).
 *
 * @param {Object<string, unknown>} fields
 */
export const elementOf = ({ text = '', ...fields }) => {
  const element = new Y.Map(Object.entries(fields))
  element.set('text', new Y.Text(text))
  return element
}

/**
 * The canvas's elements, as [id, Y.Map] pairs: a key holding anything else (another client's bug) is left out.
 *
 * @param {import('yjs').Map<unknown>} canvas
 * @return {Array<[string, import('yjs').Map<unknown>]>}
 */
export const elementsOf = canvas => [...canvas.entries()].filter(([, element]) => element instanceof Y.Map)

/** The highest `z` on the canvas (0 when empty): new elements go above it. */
export const topZ = canvas => Math.max(0, ...elementsOf(canvas).map(([, element]) => Number(element.get('z')) || 0))

/**
 * Lays `template` out on the canvas, in one transaction, to the right of everything already there, so that it
 * never covers anyone's work.
 *
 * @param {import('yjs').Map<import('yjs').Map<unknown>>} canvas
 * @param {keyof typeof TEMPLATES} templateKey
 * @param {() => string} newId fresh element ids (random UUIDs on the page)
 */
export const applyTemplate = (canvas, templateKey, newId) => {
  const template = TEMPLATES[templateKey]
  if (!template) {
    throw new Error(`no outline template "${templateKey}"`)
  }
  const right = Math.max(0, ...elementsOf(canvas).map(([, element]) => element)
    .filter(element => element.get('type') !== 'connector')
    .map(element => Number(element.get('x')) + Number(element.get('width'))))
  const left = right === 0 ? 40 : right + 80
  canvas.doc.transact(() => {
    let z = topZ(canvas)
    template.groups.forEach(([title, beats], column) => {
      const group = newId()
      const x = left + column * (GROUP_WIDTH + 40)
      const y = 40
      canvas.set(group, elementOf({
        type: 'group', x, y, width: GROUP_WIDTH, z: ++z, text: title,
        height: GROUP_HEADER + beats.length * (CARD.height + GAP) + GAP
      }))
      beats.forEach((beat, row) => {
        canvas.set(newId(), elementOf({
          type: 'card', parent: group, x: x + GAP, y: y + GROUP_HEADER + row * (CARD.height + GAP), z: ++z,
          ...CARD, text: beat
        }))
      })
    })
  })
}

/**
 * The board as a Markdown outline: each group (left to right) a section with the cards and notes it holds (top to
 * bottom), then what is in no group, then the connectors. An element's text is its line; a text of several lines
 * continues under it.
 *
 * @param {Object<string, any>} elements the canvas as JSON (`canvas.toJSON()`: texts as strings)
 * @param {string} title the document's
 * @return {string}
 */
export const outlineOf = (elements, title) => {
  const byPosition = (a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1)
  const all = Object.entries(elements).map(([id, element]) => ({ id, ...element }))
  const groups = all.filter(element => element.type === 'group')
    .sort((a, b) => a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : 1))
  const groupIds = new Set(groups.map(group => group.id))
  const items = all.filter(element => element.type === 'card' || element.type === 'note')
  const line = element => {
    const [first, ...rest] = String(element.text ?? '').split('\n')
    const head = element.type === 'note' ? `- *Note:* ${first}` : `- ${first}`
    return [head, ...rest.map(more => `  ${more}`)].join('\n')
  }
  const section = (heading, members) => [`## ${heading}`, '', ...members.sort(byPosition).map(line), ''].join('\n')
  const sections = groups.map(group => section(group.text || 'Untitled group',
    items.filter(item => item.parent === group.id)))
  const loose = items.filter(item => !groupIds.has(item.parent))
  if (loose.length > 0) {
    sections.push(section('Not in a group', loose))
  }
  const named = new Map(all.map(element => [element.id, String(element.text ?? '').split('\n')[0] || element.type]))
  const connections = all
    .filter(element => element.type === 'connector' && named.has(element.from) && named.has(element.to))
    .map(({ from, to, text }) => `- ${named.get(from)} → ${named.get(to)}${text ? `: ${text}` : ''}`)
  if (connections.length > 0) {
    sections.push(['## Connections', '', ...connections, ''].join('\n'))
  }
  return [`# ${title}`, '', ...sections].join('\n')
}
