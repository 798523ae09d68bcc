// The shared types a fuzzed document uses: one root per kind, named after the kind. The Java side of the
// differential tests reads the same roots under the same names, so the kinds are the whole vocabulary both
// sides agree on.
import * as Y from 'yjs'

export const KINDS = Object.freeze(['array', 'map', 'text', 'xml'])

const rootGetters = {
  array: doc => doc.getArray('array'),
  map: doc => doc.getMap('map'),
  text: doc => doc.getText('text'),
  xml: doc => doc.getXmlFragment('xml')
}

/**
 * @param {Array<string>} kinds
 * @return {Array<string>} the kinds, checked
 */
export const checkKinds = kinds => {
  if (!Array.isArray(kinds) || kinds.length === 0) {
    throw new Error(`kinds must be a non-empty array of ${KINDS.join(', ')}`)
  }
  for (const kind of kinds) {
    if (!KINDS.includes(kind)) {
      throw new Error(`unknown kind ${JSON.stringify(kind)}: expected one of ${KINDS.join(', ')}`)
    }
  }
  return kinds
}

/**
 * @param {Y.Doc} doc
 * @param {string} kind
 * @return {Y.AbstractType<any>}
 */
export const root = (doc, kind) => rootGetters[kind](doc)
