// Two-way binding between a <textarea> and a Y.Text. Local input becomes the smallest Y.Text change that turns
// the old value into the new one; remote changes rewrite the textarea and keep the selection on the characters it
// was on (Yjs relative positions, taken before each transaction), so that another person's typing does not push
// your caret around.
import * as Y from 'yjs'
import { simpleDiffStringWithCursor } from 'lib0/diff'

/**
 * @param {import('yjs').Text} ytext
 * @param {HTMLTextAreaElement} textarea
 * @return {() => void} undoes the binding
 */
export const bindTextarea = (ytext, textarea) => {
  // Marks the transactions of this binding, so that the observer skips what the textarea already shows.
  const origin = { binding: 'textarea' }
  let shown = ytext.toString()
  textarea.value = shown

  const onInput = () => {
    const value = textarea.value
    const { index, remove, insert } = simpleDiffStringWithCursor(shown, value, textarea.selectionEnd)
    shown = value
    if (remove === 0 && insert.length === 0) {
      return
    }
    ytext.doc.transact(() => {
      if (remove > 0) {
        ytext.delete(index, remove)
      }
      if (insert.length > 0) {
        ytext.insert(index, insert)
      }
    }, origin)
  }

  // Before any transaction the textarea shows exactly the Y.Text (local input is applied as it happens), so its
  // selection indices name characters of the Y.Text.
  let selection = null
  const rememberSelection = () => {
    selection = [textarea.selectionStart, textarea.selectionEnd].map(index => Y.createRelativePositionFromTypeIndex(ytext, index))
  }

  const onChange = (_event, transaction) => {
    if (transaction.origin === origin) {
      return
    }
    shown = ytext.toString()
    const direction = textarea.selectionDirection
    const [start, end] = selection.map(position => Y.createAbsolutePositionFromRelativePosition(position, ytext.doc)?.index ?? shown.length)
    textarea.value = shown
    textarea.setSelectionRange(start, end, direction)
  }

  textarea.addEventListener('input', onInput)
  ytext.doc.on('beforeTransaction', rememberSelection)
  ytext.observe(onChange)
  return () => {
    textarea.removeEventListener('input', onInput)
    ytext.doc.off('beforeTransaction', rememberSelection)
    ytext.unobserve(onChange)
  }
}
