// Highlighted passages in a <textarea>, which cannot style parts of its own text: a backdrop behind it, laid out
// exactly as the textarea is (editor.css gives both the same box, font, wrapping and scrollbar gutter, and the
// backdrop follows the textarea's scrolling), holds the same text with each highlighted passage in a <mark>. The
// textarea's background is transparent, so the marks show through under the characters they cover, and the
// textarea keeps all of its own behaviour (typing, selecting, the caret).

/**
 * @param {HTMLTextAreaElement} textarea
 * @param {HTMLElement} backdrop an element behind the textarea, styled as it is
 * @return {{show: (passages: Array<{id: number, index: number, length: number, active: boolean}>) => void,
 *   markOf: (id: number) => HTMLElement|null}}
 */
export const highlightBehind = (textarea, backdrop) => {
  const followScroll = () => {
    backdrop.scrollTop = textarea.scrollTop
    backdrop.scrollLeft = textarea.scrollLeft
  }
  textarea.addEventListener('scroll', followScroll)

  /** Shows the textarea's current text with `passages` marked; overlapping passages split into pieces. */
  const show = passages => {
    const text = textarea.value
    const cuts = new Set([0, text.length])
    for (const { index, length } of passages) {
      cuts.add(Math.min(index, text.length))
      cuts.add(Math.min(index + length, text.length))
    }
    const points = [...cuts].sort((a, b) => a - b)
    const nodes = []
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]]
      const covering = passages.filter(({ index, length }) => index <= from && to <= index + length)
      if (covering.length === 0) {
        nodes.push(document.createTextNode(text.slice(from, to)))
        continue
      }
      const mark = document.createElement('mark')
      mark.dataset.threads = covering.map(({ id }) => id).join(' ')
      mark.classList.toggle('active', covering.some(({ active }) => active))
      mark.textContent = text.slice(from, to)
      nodes.push(mark)
    }
    // A text ending in a line break has an empty last line in the textarea; a <br> gives the backdrop one too
    // (without adding to its text).
    nodes.push(document.createElement('br'))
    backdrop.replaceChildren(...nodes)
    followScroll()
  }

  const markOf = id => backdrop.querySelector(`mark[data-threads~="${id}"]`)
  return { show, markOf }
}
