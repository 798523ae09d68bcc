// The story structure behind a canvas: outline templates that lay a structure out on the board (acts as groups,
// their beats as cards), and the export of a board as a Markdown outline (what a writer takes to the manuscript).
// Both work on the document model of README's "The story-planning canvas": the root Y.Map `canvas`, one Y.Map of
// fields per element.
import { boxOf, clampPosition, elementOf, elementsOf, topZ } from './canvas-model.js'

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
  const right = Math.max(0, ...elementsOf(canvas)
    .filter(([, element]) => element.get('type') !== 'connector')
    .map(([, element]) => boxOf(element))
    .map(box => box.x + box.width))
  const left = clampPosition(right === 0 ? 40 : right + 80)
  canvas.doc.transact(() => {
    let z = topZ(canvas)
    template.groups.forEach(([title, beats], column) => {
      const group = newId()
      const x = clampPosition(left + column * (GROUP_WIDTH + 40))
      const y = 40
      canvas.set(group, elementOf({
        type: 'group', x, y, width: GROUP_WIDTH, z: ++z, text: title,
        height: GROUP_HEADER + beats.length * (CARD.height + GAP) + GAP
      }))
      beats.forEach((beat, row) => {
        canvas.set(newId(), elementOf({
          type: 'card', parent: group, z: ++z,
          x: clampPosition(x + GAP), y: y + GROUP_HEADER + row * (CARD.height + GAP),
          ...CARD, text: beat
        }))
      })
    })
  })
}

/**
 * The board as a Markdown outline: each group (left to right) a section with the cards and notes it holds (top to
 * bottom), then what is in no group, then the connectors. An element's text is its line; a text of several lines
 * continues under it (a group's title and an arrow's label keep their first line).
 *
 * @param {Object<string, any>} elements the canvas as JSON (`canvas.toJSON()`: texts as strings)
 * @param {string} title the document's
 * @return {string}
 */
export const outlineOf = (elements, title) => {
  const number = value => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
  const all = Object.entries(elements)
    .filter(([, element]) => element !== null && typeof element === 'object')
    .map(([id, element]) => ({
      ...element, id, x: number(element.x), y: number(element.y), text: String(element.text ?? '')
    }))
  const firstLine = element => element.text.split('\n')[0]
  const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const groups = all.filter(element => element.type === 'group').sort((a, b) => a.x - b.x || a.y - b.y || byId(a, b))
  const groupIds = new Set(groups.map(group => group.id))
  const items = all.filter(element => element.type === 'card' || element.type === 'note')
  const line = element => {
    const [first, ...rest] = element.text.split('\n')
    const head = element.type === 'note' ? `- *Note:* ${first}` : `- ${first}`
    return [head, ...rest.map(more => `  ${more}`)].join('\n')
  }
  const section = (heading, members) => [`## ${heading}`, '',
    ...members.sort((a, b) => a.y - b.y || a.x - b.x || byId(a, b)).map(line), ''].join('\n')
  const sections = groups.map(group => section(firstLine(group) || 'Untitled group',
    items.filter(item => item.parent === group.id)))
  const loose = items.filter(item => !groupIds.has(item.parent))
  if (loose.length > 0) {
    sections.push(section('Not in a group', loose))
  }
  // Arrows join cards, notes and groups; one whose end is anything else is not drawn, and not listed.
  const ends = new Map([...groups, ...items].map(element => [element.id, firstLine(element) || element.type]))
  const connections = all
    .filter(element => element.type === 'connector' && ends.has(element.from) && ends.has(element.to))
    .map(arrow => `- ${ends.get(arrow.from)} → ${ends.get(arrow.to)}` + (firstLine(arrow) ? `: ${firstLine(arrow)}` : ''))
  if (connections.length > 0) {
    sections.push(['## Connections', '', ...connections, ''].join('\n'))
  }
  return [`# ${title}`, '', ...sections].join('\n')
}
