// Comment anchors on the client (README, "Anchors"): a passage of a root Y.Text named by two Yjs relative
// positions, made from a selection and resolved back to indices in the page's own copy of the document, so that a
// thread's passage is shown where it is now, after every edit, without asking the server again.
import * as Y from 'yjs'

const toBase64 = bytes => btoa(String.fromCharCode(...bytes))
const fromBase64 = text => Uint8Array.from(atob(text), char => char.charCodeAt(0))

/**
 * The anchor of the passage [start, end) of `ytext`, as `POST .../threads` takes it: the start tied to the
 * passage's first character, the end to its last, so that both follow the passage.
 *
 * @param {import('yjs').Text} ytext a root Y.Text
 * @param {number} start
 * @param {number} end
 * @param {string} textName the root's name
 * @return {{type: string, start: string, end: string}}
 */
export const anchorOf = (ytext, start, end, textName) => ({
  type: textName,
  start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, start))),
  end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, end, -1)))
})

/**
 * Where a thread's anchor is in `ytext` now, resolved as the server resolves it (deleted characters are not
 * followed into their undo): `attached` with the passage's `index` and `length`, or `detached` when its characters
 * are all deleted (or the positions are in another type).
 *
 * @param {import('yjs').Text} ytext the root Y.Text the anchor names
 * @param {{start: string, end: string}} anchor the thread's anchor, positions in base64
 * @return {{status: 'attached', index: number, length: number}|{status: 'detached'}|null} null when this copy
 *   of the document does not have the anchored characters yet (the thread arrived before the edit that wrote them)
 */
export const locate = (ytext, anchor) => {
  let start, end
  try {
    const absolute = encoded => Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(fromBase64(encoded)), ytext.doc, false)
    start = absolute(anchor.start)
    end = absolute(anchor.end)
  } catch {
    // Not a relative position (the server checks anchors; this is only a guard): nothing this page can place.
    return { status: 'detached' }
  }
  if (start === null || end === null) {
    return null
  }
  if (start.type !== ytext || end.type !== ytext || end.index <= start.index) {
    return { status: 'detached' }
  }
  return { status: 'attached', index: start.index, length: end.index - start.index }
}
