// The story-planning board of the canvas page: every element of the document's canvas drawn where it lies (groups
// behind, connectors as arrows between the elements they join), its text editable in place, moved by dragging
// (a group takes what it holds along; a card or note put or dropped on a group joins it), and who has which
// element selected, from everyone's awareness state `canvas: {selected}`.
import * as Y from 'yjs'
import { bindTextarea } from './textarea-binding.js'
import { DEFAULT_SIZES, boxOf, clampPosition, elementOf, elementsOf, numberOr, topZ } from './canvas-model.js'

const SVG = 'http://www.w3.org/2000/svg'
/** What ends a drag: the drop, or the pointer lost to the browser (a gesture, a capture taken away). */
const ENDS = ['pointerup', 'pointercancel', 'lostpointercapture']
/** The kinds of element drawn as boxes; connectors are drawn as arrows between them. */
const BOXES = new Set(['card', 'note', 'group'])

/**
 * @param {{
 *   canvas: import('yjs').Map<import('yjs').Map<unknown>>,
 *   awareness: import('y-protocols/awareness').Awareness,
 *   board: HTMLElement,
 *   arrows: SVGSVGElement
 * }} parts `board` holds the elements; `arrows`, an SVG layer over it, the connectors
 * @return {{add: (type: 'card'|'note'|'group') => string, connectSelected: () => boolean}}
 */
export const showBoard = ({ canvas, awareness, board, arrows }) => {
  /**
   * What is drawn for each element, with what it was drawn from: another client may replace an element's map,
   * its text or its type, and then its node is made anew.
   *
   * @type {Map<string, {node: HTMLElement, element: Y.Map<unknown>, type: string, text: unknown, unbind: () => void}>}
   */
  const shown = new Map()
  let selected = null
  let connectingFrom = null

  const select = id => {
    selected = id
    awareness.setLocalStateField('canvas', { selected: id })
  }

  const selectionsOf = () => {
    const by = new Map()
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId !== awareness.clientID && state.canvas?.selected && state.user) {
        by.set(state.canvas.selected, state.user)
      }
    }
    return by
  }

  const draw = (id, element) => {
    const type = String(element.get('type'))
    const node = document.createElement('div')
    node.className = `element ${type}`
    node.dataset.id = id
    const text = document.createElement('textarea')
    text.spellcheck = false
    text.setAttribute('aria-label', `${type} text`)
    const remove = document.createElement('button')
    remove.className = 'remove'
    remove.textContent = '×'
    remove.title = 'Remove'
    remove.addEventListener('click', () => canvas.delete(id))
    node.append(text, remove)
    node.addEventListener('pointerdown', event => {
      if (event.button !== 0) {
        return
      }
      if (connectingFrom && connectingFrom !== id) {
        connect(connectingFrom, id)
      }
      select(id)
      if (event.target === node) {
        drag(id, node, event)
      }
    })
    const ytext = element.get('text')
    let unbind = () => {}
    if (ytext instanceof Y.Text) {
      unbind = bindTextarea(ytext, text)
    } else {
      text.disabled = true // another client's element without a text of the model's kind: shown, not editable
    }
    return { node, element, type, text: ytext, unbind }
  }

  const undraw = id => {
    const { node, unbind } = shown.get(id)
    unbind()
    node.remove()
    shown.delete(id)
  }

  const connect = (from, to) => {
    connectingFrom = null
    board.classList.remove('connecting')
    canvas.set(crypto.randomUUID(), elementOf({ type: 'connector', from, to, z: topZ(canvas) + 1 }))
  }

  /**
   * Moves the element with the pointer; where it lands is written, in one transaction, when it is let go. On the
   * page, positions stay at 0 or more, where the board can be scrolled to.
   */
  const drag = (id, node, start) => {
    const origin = boxOf(canvas.get(id))
    const offset = event => ({
      dx: Math.max(Math.min(0, -origin.x), Math.round(event.clientX - start.clientX)),
      dy: Math.max(Math.min(0, -origin.y), Math.round(event.clientY - start.clientY))
    })
    const move = event => {
      if (event.pointerId === start.pointerId) {
        const { dx, dy } = offset(event)
        node.style.left = `${origin.x + dx}px`
        node.style.top = `${origin.y + dy}px`
      }
    }
    const end = event => {
      if (event.pointerId !== start.pointerId) {
        return
      }
      for (const ending of ENDS) {
        node.removeEventListener(ending, end)
      }
      node.removeEventListener('pointermove', move)
      const { dx, dy } = offset(event)
      if (event.type === 'pointerup' && (dx !== 0 || dy !== 0) && canvas.has(id)) {
        canvas.doc.transact(() => moveElement(id, dx, dy))
      } else {
        render() // put it back where the document has it
      }
    }
    node.setPointerCapture(start.pointerId)
    node.addEventListener('pointermove', move)
    for (const ending of ENDS) {
      node.addEventListener(ending, end)
    }
  }

  const moveElement = (id, dx, dy) => {
    const element = canvas.get(id)
    const shift = target => {
      const { x, y } = boxOf(target)
      target.set('x', clampPosition(x + dx))
      target.set('y', clampPosition(y + dy))
    }
    shift(element)
    if (element.get('type') === 'group') {
      heldBy(id).forEach(shift)
    } else {
      joinGroupUnder(id, element)
    }
  }

  /** What a group holds: its boxes and theirs, each once (a `parent` cycle written elsewhere ends). */
  const heldBy = groupId => {
    const held = new Set([groupId])
    const elements = elementsOf(canvas).filter(([, element]) => BOXES.has(element.get('type')))
    for (let grew = true; grew;) {
      grew = false
      for (const [id, element] of elements) {
        if (!held.has(id) && held.has(element.get('parent'))) {
          held.add(id)
          grew = true
        }
      }
    }
    held.delete(groupId)
    return [...held].map(id => canvas.get(id))
  }

  /** Makes a card or note part of the group it lies on (its middle), or of none. */
  const joinGroupUnder = (id, element) => {
    const group = groupUnder(id, element)
    if (group === undefined) {
      element.delete('parent')
    } else if (element.get('parent') !== group) {
      element.set('parent', group)
    }
  }

  /** The topmost group that holds the middle of `element`, if any. */
  const groupUnder = (id, element) => {
    const box = boxOf(element)
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]
    return inStackingOrder(elementsOf(canvas))
      .filter(([groupId, group]) => {
        const area = boxOf(group)
        return groupId !== id && group.get('type') === 'group' &&
          x >= area.x && x <= area.x + area.width && y >= area.y && y <= area.y + area.height
      })
      .at(-1)?.[0]
  }

  /** Bottom to top: groups first (frames behind what they hold), each kind by `z`, equal ones by id. */
  const inStackingOrder = elements => [...elements].sort(([a, first], [b, second]) =>
    (first.get('type') === 'group' ? 0 : 1) - (second.get('type') === 'group' ? 0 : 1) ||
    numberOr(first.get('z'), 0) - numberOr(second.get('z'), 0) ||
    (a < b ? -1 : a > b ? 1 : 0))

  const render = () => {
    const elements = new Map(elementsOf(canvas).filter(([, element]) => BOXES.has(element.get('type'))))
    for (const [id, drawn] of [...shown]) {
      const element = elements.get(id)
      if (element !== drawn.element || element.get('type') !== drawn.type || element.get('text') !== drawn.text) {
        undraw(id)
      }
    }
    const selections = selectionsOf()
    const groups = [...elements.values()].filter(element => element.get('type') === 'group').length
    arrows.style.zIndex = String(groups)
    let [right, bottom] = [0, 0]
    inStackingOrder(elements).forEach(([id, element], rank) => {
      if (!shown.has(id)) {
        const drawn = draw(id, element)
        shown.set(id, drawn)
        board.append(drawn.node)
      }
      const { node } = shown.get(id)
      const { x, y, width, height } = boxOf(element)
      const color = element.get('color')
      Object.assign(node.style, {
        left: `${x}px`, top: `${y}px`, width: `${width}px`, height: `${height}px`,
        // Groups below the arrows, everything else above them.
        zIndex: String(rank < groups ? rank : rank + 1),
        backgroundColor: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : ''
      })
      node.classList.toggle('selected', id === selected)
      const other = selections.get(id)
      node.style.setProperty('--selected-by', other ? String(other.color) : '')
      if (other) {
        node.dataset.selectedBy = String(other.name)
      } else {
        delete node.dataset.selectedBy
      }
      right = Math.max(right, x + width)
      bottom = Math.max(bottom, y + height)
    })
    drawArrows(elements)
    arrows.setAttribute('width', String(right + 40))
    arrows.setAttribute('height', String(bottom + 40))
  }

  /** Connectors as arrows from the edge of one box to the edge of the other. */
  const drawArrows = boxes => {
    const centred = id => {
      const element = boxes.get(id)
      if (!element) {
        return null
      }
      const { x, y, width, height } = boxOf(element)
      return { cx: x + width / 2, cy: y + height / 2, halfWidth: width / 2, halfHeight: height / 2 }
    }
    // Where the line from the box's centre towards (x, y) leaves the box.
    const edge = (box, x, y) => {
      const [dx, dy] = [x - box.cx, y - box.cy]
      const t = Math.min(dx === 0 ? Infinity : box.halfWidth / Math.abs(dx),
        dy === 0 ? Infinity : box.halfHeight / Math.abs(dy), 1)
      return [box.cx + dx * t, box.cy + dy * t]
    }
    const lines = []
    for (const [id, element] of elementsOf(canvas)) {
      const [from, to] = element.get('type') === 'connector'
        ? [centred(element.get('from')), centred(element.get('to'))]
        : []
      if (!from || !to) {
        continue // a connector whose end was removed is drawn once someone reattaches it
      }
      const [x1, y1] = edge(from, to.cx, to.cy)
      const [x2, y2] = edge(to, from.cx, from.cy)
      const line = document.createElementNS(SVG, 'line')
      line.dataset.id = id
      Object.entries({ x1, y1, x2, y2 }).forEach(([name, value]) => line.setAttribute(name, String(value)))
      line.setAttribute('marker-end', 'url(#arrowhead)')
      lines.push(line)
    }
    arrows.querySelectorAll('line').forEach(line => line.remove())
    arrows.append(...lines)
  }

  canvas.observeDeep(render)
  awareness.on('change', render)
  render()

  return {
    add: type => {
      const id = crypto.randomUUID()
      const step = (shown.size % 10) * 24
      canvas.doc.transact(() => {
        const element = canvas.set(id, elementOf({
          type, x: clampPosition(board.scrollLeft + 40 + step), y: clampPosition(board.scrollTop + 40 + step),
          z: topZ(canvas) + 1, ...DEFAULT_SIZES[type]
        }))
        if (type !== 'group') {
          joinGroupUnder(id, element)
        }
      })
      select(id)
      return id
    },
    /** Starts a connector from the selected element: the next element clicked is its other end. */
    connectSelected: () => {
      if (!selected || !canvas.has(selected)) {
        return false
      }
      connectingFrom = selected
      board.classList.add('connecting')
      return true
    }
  }
}
