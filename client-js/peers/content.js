// What a document holds, as plain JSON both sides can compare: every root's toJSON() and, for text, its
// toDelta(). Values JSON cannot carry (undefined, bigint, Uint8Array, NaN, infinities, -0) are written as
// one-key tagged objects, so that Java can rebuild the same distinctions from its own values.
import * as Y from 'yjs'
import { root } from './schema.js'
import { toBase64 } from './wire.js'

/**
 * @param {any} value a value from toJSON() or toDelta()
 * @return {any} plain JSON
 */
export const tagged = value => {
  switch (typeof value) {
    case 'undefined':
      return { $undefined: true }
    case 'boolean':
    case 'string':
      return value
    case 'bigint':
      return { $bigint: value.toString() }
    case 'number':
      if (Object.is(value, -0)) {
        return { $number: '-0' }
      }
      return Number.isFinite(value) ? value : { $number: String(value) }
  }
  if (value === null) {
    return null
  }
  if (value instanceof Uint8Array) {
    return { $bytes: toBase64(value) }
  }
  if (value instanceof Y.AbstractType) {
    throw new Error(`a shared type of class ${value.constructor.name} has no JSON form here`)
  }
  if (Array.isArray(value)) {
    return value.map(tagged)
  }
  const out = {}
  for (const [key, inner] of Object.entries(value)) {
    out[key] = tagged(inner)
  }
  return out
}

/**
 * @param {Y.Doc} doc
 * @param {Array<string>} kinds
 * @return {Object<string, {json: any, delta?: any}>}
 */
export const describe = (doc, kinds) => {
  const out = {}
  for (const kind of kinds) {
    const type = root(doc, kind)
    out[kind] = kind === 'text'
      ? { json: tagged(type.toJSON()), delta: tagged(type.toDelta()) }
      : { json: tagged(type.toJSON()) }
  }
  return out
}
