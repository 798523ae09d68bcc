/**
 * Editing traces for the CRDT benchmark, prepared once so that every engine (Yjs, ywasm, Weft) replays exactly
 * the same operations.
 *
 * A source trace is gzipped JSON {startContent, endContent, txns: [{patches: [[pos, del, insText]]}]} with
 * positions and lengths in Unicode code points. Yjs, ywasm and Weft index text in UTF-16 code units, so
 * preparation converts every patch once, here, and writes an "ops file" that the Node and Java benchmarks both
 * read (lib0 encoding, which both sides already decode):
 *
 *   varString name, varString endContent, varUint txnCount,
 *   per transaction: varUint patchCount, per patch: varUint pos, varUint del, varString insText
 *
 * with pos and del in UTF-16 code units.
 */
import fs from 'node:fs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { readTrace } from '../../peers/trace.js'

/**
 * @typedef {[number, number, string]} Patch [pos, del, insText], UTF-16 code units
 * @typedef {{ name: string, endContent: string, txns: Patch[][] }} Trace
 */

const astralChar = /[\u{10000}-\u{10FFFF}]/u

/**
 * Reads a gzipped JSON trace and converts its code-point positions to UTF-16 indices.
 *
 * @param {string} file
 * @param {string} name
 * @return {Trace}
 */
export const readSourceTrace = (file, name) => {
  const source = readTrace(file)
  if (source.startContent) throw new Error(`${file}: traces with a start content are not supported`)
  const toUtf16 = new Utf16Positions()
  const txns = source.txns.map(txn => txn.patches.map(([pos, del, ins]) => toUtf16.convert(pos, del, ins)))
  if (toUtf16.content !== null && toUtf16.content !== source.endContent) {
    throw new Error(`${file}: replaying the trace does not give its endContent`)
  }
  return { name, endContent: source.endContent, txns }
}

/**
 * Converts code-point patches to UTF-16 patches. While no character outside the Basic Multilingual Plane has
 * been inserted both units agree and nothing needs tracking; from the first such character on, the current
 * content is kept to count the surrogate pairs in front of each position.
 */
class Utf16Positions {
  constructor () {
    /** @type {Patch[]} the patches before the first astral character, to build `content` from when it comes */
    this.bmpPatches = []
    /** @type {string|null} the content so far, once an astral character has appeared */
    this.content = null
  }

  /**
   * @param {number} pos
   * @param {number} del
   * @param {string} ins
   * @return {Patch}
   */
  convert (pos, del, ins) {
    if (this.content === null && !astralChar.test(ins)) {
      this.bmpPatches.push([pos, del, ins])
      return [pos, del, ins]
    }
    if (this.content === null) this.content = this.bmpPatches.reduce(applyPatch, '')
    const pos16 = utf16Offset(this.content, 0, pos)
    const del16 = utf16Offset(this.content, pos16, del) - pos16
    const patch = /** @type {Patch} */ ([pos16, del16, ins])
    this.content = applyPatch(this.content, patch)
    return patch
  }
}

/**
 * @param {string} content
 * @param {Patch} patch
 */
const applyPatch = (content, [pos, del, ins]) => content.slice(0, pos) + ins + content.slice(pos + del)

/**
 * The UTF-16 index reached by advancing `codePoints` code points from UTF-16 index `from`.
 *
 * @param {string} s
 * @param {number} from
 * @param {number} codePoints
 */
const utf16Offset = (s, from, codePoints) => {
  let i = from
  for (let n = 0; n < codePoints; n++) {
    i += s.codePointAt(i) > 0xffff ? 2 : 1
  }
  return i
}

/**
 * The trace replayed `copies` times, each copy appended after the document the previous copies produced, so
 * that the final document is `copies` times longer.
 *
 * @param {Trace} trace
 * @param {number} copies
 * @param {string} name
 * @return {Trace}
 */
export const repeatTrace = (trace, copies, name) => {
  const txns = []
  for (let copy = 0; copy < copies; copy++) {
    const shift = copy * trace.endContent.length
    for (const txn of trace.txns) txns.push(txn.map(([pos, del, ins]) => [pos + shift, del, ins]))
  }
  return { name, endContent: trace.endContent.repeat(copies), txns }
}

/**
 * @param {Trace} trace
 * @param {string} file
 */
export const writeOpsFile = (trace, file) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, trace.name)
  encoding.writeVarString(encoder, trace.endContent)
  encoding.writeVarUint(encoder, trace.txns.length)
  for (const txn of trace.txns) {
    encoding.writeVarUint(encoder, txn.length)
    for (const [pos, del, ins] of txn) {
      encoding.writeVarUint(encoder, pos)
      encoding.writeVarUint(encoder, del)
      encoding.writeVarString(encoder, ins)
    }
  }
  fs.writeFileSync(file, encoding.toUint8Array(encoder))
}

/**
 * @param {string} file
 * @return {Trace}
 */
export const readOpsFile = file => {
  const decoder = decoding.createDecoder(new Uint8Array(fs.readFileSync(file)))
  const name = decoding.readVarString(decoder)
  const endContent = decoding.readVarString(decoder)
  const txns = new Array(decoding.readVarUint(decoder))
  for (let t = 0; t < txns.length; t++) {
    const txn = txns[t] = new Array(decoding.readVarUint(decoder))
    for (let p = 0; p < txn.length; p++) {
      txn[p] = [decoding.readVarUint(decoder), decoding.readVarUint(decoder), decoding.readVarString(decoder)]
    }
  }
  if (decoding.hasContent(decoder)) throw new Error(`${file}: trailing bytes after the last transaction`)
  return { name, endContent, txns }
}
