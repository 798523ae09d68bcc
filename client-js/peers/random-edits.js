// Random edits on a Yjs document: one call picks a live shared type reachable from the enabled roots and
// applies one random operation to it. Nested types are inserted empty and filled by later edits, which is what
// Yjs does with prelim content anyway (it replays it into the same transaction).
import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import { root } from './schema.js'
import {
  randomAny, randomBytes, randomEmbed, randomString, randomTextAttributes, randomXmlTextAttributes
} from './random-values.js'

const MAP_KEYS = ['a', 'b', 'c', 'd', 'ü']
const XML_NODE_NAMES = ['p', 'h1', 'li', 'span']
const XML_ATTRIBUTE_KEYS = ['class', 'id', 'data-x']

/**
 * Every shared type reachable from the enabled roots through live content, roots first.
 *
 * @param {Y.Doc} doc
 * @param {Array<string>} kinds
 * @return {Array<Y.AbstractType<any>>}
 */
export const liveTypes = (doc, kinds) => {
  const out = []
  const visit = type => {
    out.push(type)
    if (type instanceof Y.Array || type instanceof Y.XmlFragment) {
      type.toArray().forEach(child => child instanceof Y.AbstractType && visit(child))
    } else if (type instanceof Y.Map) {
      type.forEach(child => child instanceof Y.AbstractType && visit(child))
    }
  }
  kinds.forEach(kind => visit(root(doc, kind)))
  return out
}

/**
 * Types that may nest inside arrays and maps: the enabled kinds that are not XML.
 *
 * @param {Array<string>} kinds
 */
const nestableTypes = kinds => kinds.flatMap(kind => {
  switch (kind) {
    case 'array': return [() => new Y.Array()]
    case 'map': return [() => new Y.Map()]
    case 'text': return [() => new Y.Text()]
    default: return []
  }
})

/**
 * A list element or map value: mostly plain values, sometimes binary (ContentBinary when it stands alone),
 * sometimes a nested shared type.
 */
const randomEntry = (gen, kinds) => {
  const nestable = nestableTypes(kinds)
  const r = prng.int31(gen, 0, 9)
  if (r === 0) {
    return randomBytes(gen, prng.int31(gen, 0, 5))
  }
  if (r <= 2 && nestable.length > 0) {
    return prng.oneOf(gen, nestable)()
  }
  return randomAny(gen)
}

/** Yjs lists take any value but undefined and bigint as a direct element (maps take those too). */
const randomListEntry = (gen, kinds) => {
  for (;;) {
    const entry = randomEntry(gen, kinds)
    if (entry !== undefined && typeof entry !== 'bigint') {
      return entry
    }
  }
}

const randomEntries = (gen, kinds) => {
  const entries = []
  for (let i = prng.int31(gen, 1, 3); i > 0; i--) {
    entries.push(randomListEntry(gen, kinds))
  }
  return entries
}

/** A range [index, index + len) inside a list of the given length; the length is at least 1. */
const randomRange = (gen, length, maxLen) => {
  const index = prng.int31(gen, 0, length - 1)
  return [index, prng.int31(gen, 1, Math.min(maxLen, length - index))]
}

const editArray = (gen, array, kinds) => {
  const r = prng.int31(gen, 0, 9)
  if (r < 4 && array.length > 0) {
    const [index, len] = randomRange(gen, array.length, 3)
    array.delete(index, len)
  } else if (r < 5) {
    array.push(randomEntries(gen, kinds))
  } else {
    array.insert(prng.int31(gen, 0, array.length), randomEntries(gen, kinds))
  }
}

const editMap = (gen, map, kinds) => {
  const key = prng.oneOf(gen, MAP_KEYS)
  if (prng.int31(gen, 0, 9) < 3) {
    map.delete(key)
  } else {
    map.set(key, randomEntry(gen, kinds))
  }
}

/** The text as Yjs counts it: UTF-16 code units, and one unit per embed. */
const textUnits = text => text.toDelta().map(op => typeof op.insert === 'string' ? op.insert : '\u0000').join('')

const isHighSurrogate = unit => unit >= 0xd800 && unit <= 0xdbff

/**
 * Moves an index off the middle of a surrogate pair. Yjs itself diverges when edits split a pair (the peer
 * that splits writes U+FFFD halves, a peer that received the pair whole keeps it), so the fuzz keeps every
 * position on a code point boundary to hold Yjs to its own convergence.
 */
const onCodePoint = (units, index) => index > 0 && isHighSurrogate(units.charCodeAt(index - 1)) ? index - 1 : index

/** A non-empty range of whole code points. */
const randomTextRange = (gen, units, maxLen) => {
  const [index, len] = randomRange(gen, units.length, maxLen)
  const start = onCodePoint(units, index)
  const end = onCodePoint(units, index + len)
  return [start, end > start ? end - start : (isHighSurrogate(units.charCodeAt(start)) ? 2 : 1)]
}

/**
 * @param {Y.Text} text a YText or a YXmlText
 * @param {boolean} xml XML text takes object-valued formats and no embeds (its toString() renders both badly)
 */
const editText = (gen, text, xml) => {
  const attributes = () => xml ? randomXmlTextAttributes(gen) : randomTextAttributes(gen)
  const units = textUnits(text)
  const r = prng.int31(gen, 0, 19)
  if (r < 4 && units.length > 0) {
    text.delete(...randomTextRange(gen, units, 5))
  } else if (r < 8 && units.length > 0) {
    text.format(...randomTextRange(gen, units, 8), attributes())
  } else if (r < 10 && !xml) {
    const index = onCodePoint(units, prng.int31(gen, 0, units.length))
    if (prng.bool(gen)) {
      text.insertEmbed(index, randomEmbed(gen), attributes())
    } else {
      text.insertEmbed(index, randomEmbed(gen))
    }
  } else if (r < 11 && !xml) {
    const key = prng.oneOf(gen, MAP_KEYS)
    if (prng.bool(gen)) {
      text.setAttribute(key, randomAny(gen))
    } else {
      text.removeAttribute(key)
    }
  } else {
    const index = onCodePoint(units, prng.int31(gen, 0, units.length))
    if (prng.int31(gen, 0, 2) === 0) {
      text.insert(index, randomString(gen), attributes())
    } else {
      text.insert(index, randomString(gen))
    }
  }
}

const randomXmlNode = gen => prng.bool(gen)
  ? new Y.XmlElement(prng.oneOf(gen, XML_NODE_NAMES))
  : new Y.XmlText()

/** @param {Y.XmlFragment} node a fragment or an element */
const editXmlNode = (gen, node) => {
  const r = prng.int31(gen, 0, 9)
  if (r < 3 && node.length > 0) {
    const [index, len] = randomRange(gen, node.length, 2)
    node.delete(index, len)
  } else if (r < 6 && node instanceof Y.XmlElement) {
    const key = prng.oneOf(gen, XML_ATTRIBUTE_KEYS)
    if (prng.int31(gen, 0, 3) === 0) {
      node.removeAttribute(key)
    } else {
      node.setAttribute(key, randomString(gen, 3))
    }
  } else {
    const nodes = [randomXmlNode(gen)]
    if (prng.bool(gen)) {
      nodes.push(randomXmlNode(gen))
    }
    node.insert(prng.int31(gen, 0, node.length), nodes)
  }
}

/**
 * Applies one random edit to one random live type of the document (in the caller's transaction, if any).
 *
 * @param {prng.PRNG} gen
 * @param {Y.Doc} doc
 * @param {Array<string>} kinds
 */
export const randomEdit = (gen, doc, kinds) => {
  const type = prng.oneOf(gen, liveTypes(doc, kinds))
  if (type instanceof Y.XmlText) {
    editText(gen, type, true)
  } else if (type instanceof Y.Text) {
    editText(gen, type, false)
  } else if (type instanceof Y.Array) {
    editArray(gen, type, kinds)
  } else if (type instanceof Y.Map) {
    editMap(gen, type, kinds)
  } else if (type instanceof Y.XmlFragment) {
    editXmlNode(gen, type)
  } else {
    throw new Error(`no edits for ${type.constructor.name}`)
  }
}
