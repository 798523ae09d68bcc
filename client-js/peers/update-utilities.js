// Yjs's update utilities (updates.js: merge, diff, state vector from an update, format conversion, meta) applied
// to a list of updates, for the differential test of Weft's `Updates` class.
import * as Y from 'yjs'
import { fromBase64, toBase64 } from './wire.js'

const FORMATS = {
  1: {
    merge: Y.mergeUpdates,
    diff: Y.diffUpdate,
    stateVector: Y.encodeStateVectorFromUpdate,
    convert: Y.convertUpdateFormatV1ToV2,
    meta: Y.parseUpdateMeta
  },
  2: {
    merge: Y.mergeUpdatesV2,
    diff: Y.diffUpdateV2,
    stateVector: Y.encodeStateVectorFromUpdateV2,
    convert: Y.convertUpdateFormatV2ToV1,
    meta: Y.parseUpdateMetaV2
  }
}

/** @param {Map<number, number>} clocks */
const entries = clocks => [...clocks.entries()]

/**
 * @param {Object} request
 * @param {number} request.format 1 or 2, the format of the updates (and of every result but `converted`)
 * @param {Array<string>} request.updates base64
 * @param {string} request.stateVector base64 (V1 state vector), what `diff` is computed against
 * @return {{merged: string, diff: string, stateVector: string, converted: string,
 *   meta: {from: Array<[number, number]>, to: Array<[number, number]>}}} `diff`, `stateVector`, `converted` and
 *   `meta` are of the merged update
 */
export const updateUtilities = ({ format, updates, stateVector }) => {
  const utilities = FORMATS[format]
  if (utilities === undefined) {
    throw new Error(`format must be 1 or 2, not ${format}`)
  }
  const merged = utilities.merge(updates.map(fromBase64))
  const { from, to } = utilities.meta(merged)
  return {
    merged: toBase64(merged),
    diff: toBase64(utilities.diff(merged, fromBase64(stateVector))),
    stateVector: toBase64(utilities.stateVector(merged)),
    converted: toBase64(utilities.convert(merged)),
    meta: { from: entries(from), to: entries(to) }
  }
}
