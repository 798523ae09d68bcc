// The canvas as the document keeps it (README, "The story-planning canvas"): the root Y.Map `canvas` maps each
// element's id to a Y.Map of its fields. Other clients may write anything there, so every reading here takes what
// fits the model and falls back where it does not, and every position written stays within the model's range.
import * as Y from 'yjs'

export const CANVAS = 'canvas'

/** The model's range of positions (`x`, `y`). */
export const POSITION_LIMIT = 1_000_000

/** New elements' sizes, as the model gives them; also what an element without a size of its own is drawn at. */
export const DEFAULT_SIZES = {
  card: { width: 240, height: 160 },
  note: { width: 200, height: 200 },
  group: { width: 640, height: 400 }
}

/** `value` if it is a finite number, else `fallback`. */
export const numberOr = (value, fallback) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)

/** A position rounded and kept within the model's range. */
export const clampPosition = value => Math.max(-POSITION_LIMIT, Math.min(POSITION_LIMIT, Math.round(value)))

/**
 * An element's box: its position and size where they are numbers, else the origin and its type's default size.
 *
 * @param {import('yjs').Map<unknown>} element
 * @return {{x: number, y: number, width: number, height: number}}
 */
export const boxOf = element => {
  const size = DEFAULT_SIZES[String(element.get('type'))] ?? DEFAULT_SIZES.card
  return {
    x: numberOr(element.get('x'), 0),
    y: numberOr(element.get('y'), 0),
    width: Math.max(1, numberOr(element.get('width'), size.width)),
    height: Math.max(1, numberOr(element.get('height'), size.height))
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
export const topZ = canvas => Math.max(0, ...elementsOf(canvas).map(([, element]) => numberOr(element.get('z'), 0)))
