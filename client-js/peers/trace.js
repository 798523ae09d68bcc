// Replays an editing trace (the automerge-perf format: {startContent, endContent, txns: [{patches: [[pos,
// deleteCount, insertText]]}]}, positions and counts in Unicode code points) into a YText named "text", one Yjs
// transaction per trace transaction.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import * as Y from 'yjs'
import { toBase64 } from './wire.js'

/** @param {string} path a .json or .json.gz trace */
export const readTrace = path => {
  const raw = readFileSync(path)
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'))
}

const ASTRAL = /[\u{10000}-\u{10FFFF}]/u

const hasAstral = trace => ASTRAL.test(trace.startContent) ||
  trace.txns.some(txn => txn.patches.some(([, , text]) => ASTRAL.test(text)))

/**
 * Maps code-point positions to the UTF-16 indices YText counts in. While a trace has no character outside the
 * Basic Multilingual Plane the two are the same; otherwise it keeps its own copy of the text to count in.
 */
class PositionMap {
  constructor (astral, startContent) {
    this.shadow = astral ? startContent : null
  }

  /** @param {number} codePoints */
  utf16 (codePoints) {
    if (this.shadow === null) {
      return codePoints
    }
    let index = 0
    for (let i = 0; i < codePoints; i++) {
      index += this.shadow.codePointAt(index) > 0xffff ? 2 : 1
    }
    return index
  }

  splice (start, deleteCount, text) {
    if (this.shadow !== null) {
      this.shadow = this.shadow.slice(0, start) + text + this.shadow.slice(start + deleteCount)
    }
  }
}

/**
 * @param {Object} request
 * @param {string} request.path
 * @param {number} request.clientId
 * @return {{length: number, reachedEndContent: boolean, stateVector: string, update: string, updateV2: string}}
 */
export const replayTrace = ({ path, clientId }) => {
  const trace = readTrace(path)
  const doc = new Y.Doc()
  doc.clientID = clientId
  const text = doc.getText('text')
  const positions = new PositionMap(hasAstral(trace), trace.startContent)
  if (trace.startContent.length > 0) {
    text.insert(0, trace.startContent)
  }
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, deleteCount, insert] of txn.patches) {
        const start = positions.utf16(pos)
        if (deleteCount > 0) {
          const units = positions.utf16(pos + deleteCount) - start
          text.delete(start, units)
          positions.splice(start, units, '')
        }
        if (insert.length > 0) {
          text.insert(start, insert)
          positions.splice(start, 0, insert)
        }
      }
    })
  }
  const content = text.toString()
  return {
    length: content.length,
    reachedEndContent: content === trace.endContent,
    stateVector: toBase64(Y.encodeStateVector(doc)),
    update: toBase64(Y.encodeStateAsUpdate(doc)),
    updateV2: toBase64(Y.encodeStateAsUpdateV2(doc))
  }
}
