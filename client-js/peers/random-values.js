// Random content for the fuzzed edits, drawn from a seeded lib0 PRNG so that a seed replays exactly.
// The pools lean on the edges of Yjs's encodings: surrogate pairs (Yjs counts UTF-16 units and may split a
// pair), lib0's number rule (varInt up to 2^31-1, else float32 when exact, else float64), -0, NaN, bigint,
// binary and undefined.
import * as prng from 'lib0/prng'

const GRAPHEMES = ['a', 'b', 'c', 'x', 'y', 'z', ' ', '\n', 'é', 'ß', '中', '😀', '👍🏽', '𝄞']

const NUMBERS = [
  0, 1, -1, 42, -77, 63, 64, -64, 127, 128, 8191, 8192, 2147483647, -2147483647, -2147483648, 2147483648,
  2 ** 53 - 1, -(2 ** 53), 0.5, -1.25, 0.1, 3.141592653589793, 1e300, 1.5e-10, 16777217, -0, NaN, Infinity,
  -Infinity
]

const BIGINTS = [0n, 5n, -5n, 2n ** 63n - 1n, -(2n ** 63n)]

const OBJECT_KEYS = ['a', 'b', 'key', 'ü', '1', 'emoji😀']

/**
 * @param {prng.PRNG} gen
 * @param {number} maxGraphemes
 * @return {string} a non-empty string of whole code points
 */
export const randomString = (gen, maxGraphemes = 6) => {
  let s = ''
  const n = prng.int31(gen, 1, maxGraphemes)
  for (let i = 0; i < n; i++) {
    s += prng.oneOf(gen, GRAPHEMES)
  }
  return s
}

/**
 * @param {prng.PRNG} gen
 * @param {number} len
 */
export const randomBytes = (gen, len) => {
  const bytes = new Uint8Array(len)
  for (let i = 0; i < len; i++) {
    bytes[i] = prng.int31(gen, 0, 255)
  }
  return bytes
}

/**
 * A value Yjs stores as ContentAny (lib0's writeAny).
 *
 * @param {prng.PRNG} gen
 * @param {number} depth
 * @return {any}
 */
export const randomAny = (gen, depth = 0) => {
  const leaf = depth >= 2
  switch (prng.int31(gen, 0, leaf ? 8 : 10)) {
    case 0: return null
    case 1: return prng.bool(gen)
    case 2: return prng.int31(gen, -100, 100)
    case 3: return prng.oneOf(gen, NUMBERS)
    case 4: return prng.oneOf(gen, BIGINTS)
    case 5: return randomBytes(gen, prng.int31(gen, 0, 4))
    case 6: return undefined
    case 7:
    case 8: return randomString(gen)
    case 9: {
      const arr = []
      for (let i = prng.int31(gen, 0, 3); i > 0; i--) {
        arr.push(randomAny(gen, depth + 1))
      }
      return arr
    }
    default: {
      const obj = {}
      for (let i = prng.int31(gen, 0, 3); i > 0; i--) {
        obj[prng.oneOf(gen, OBJECT_KEYS)] = randomAny(gen, depth + 1)
      }
      return obj
    }
  }
}

/**
 * A value JSON.stringify can write: what text embeds hold (ContentEmbed is JSON text on the wire).
 *
 * @param {prng.PRNG} gen
 */
export const randomEmbed = gen => prng.oneOf(gen, [
  () => ({ image: prng.oneOf(gen, ['a.png', 'b.jpg']) }),
  () => ({ formula: randomString(gen), size: prng.int31(gen, 1, 9) }),
  () => ({ video: { src: 'v.mp4', loop: prng.bool(gen) }, ratio: 0.75 })
])()

const TEXT_ATTRIBUTES = {
  bold: [true, null],
  italic: [true, null],
  color: ['#f00', '#00f', null],
  link: [{ href: 'https://example.com/a' }, { href: 'https://example.com/ü' }, null]
}

/**
 * Formatting attributes for text: one or two keys, null meaning "remove".
 *
 * @param {prng.PRNG} gen
 */
export const randomTextAttributes = gen => {
  const attrs = {}
  for (let i = prng.int31(gen, 1, 2); i > 0; i--) {
    const key = prng.oneOf(gen, Object.keys(TEXT_ATTRIBUTES))
    attrs[key] = prng.oneOf(gen, TEXT_ATTRIBUTES[key])
  }
  return attrs
}

const XML_TEXT_ATTRIBUTES = {
  b: [{}, null],
  i: [{}, null],
  a: [{ href: 'https://example.com/a' }, { href: 'x', title: 'T' }, null]
}

/**
 * Formatting for XML text: YXmlText.toString() renders each attribute as a tag whose attributes are the
 * value's keys, so values are objects (or null to remove).
 *
 * @param {prng.PRNG} gen
 */
export const randomXmlTextAttributes = gen => {
  const attrs = {}
  for (let i = prng.int31(gen, 1, 2); i > 0; i--) {
    const key = prng.oneOf(gen, Object.keys(XML_TEXT_ATTRIBUTES))
    attrs[key] = prng.oneOf(gen, XML_TEXT_ATTRIBUTES[key])
  }
  return attrs
}
