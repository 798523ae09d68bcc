// The story-planning board of the canvas page: every element of the document's canvas drawn where it lies (groups
// behind, connectors as arrows between the elements they join), its text editable in place, moved by dragging
// (a group takes the elements it holds along; a card or note dropped on a group joins it), and who has which
// element selected, from everyone's awareness state `canvas: {selected}`.
import * as Y from 'yjs'
import { bindTextarea } from './textarea-binding.js'
import { elementOf, elementsOf, topZ } from './outline.js'

/** New elements' sizes, as README's canvas model gives them. */
export const DEFAULT_SIZES = {
  card: { width: 240, height: 160 },
  note: { width: 200, height: 200 },
  group: { width: 640, height: 400 }
}

const SVG = 'http://www.w3.org/2000/svg'

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
  /** @type {Map<string, {node: HTMLElement, unbind: () => void}>} */
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

  const nodeFor = (id, element) => {
    const node = document.createElement('div')
    node.className = `element ${element.get('type')}`
    node.dataset.id = id
    const text = document.createElement('textarea')
    text.spellcheck = false
    text.setAttribute('aria-label', `${element.get('type')} text`)
    const remove = document.createElement('button')
    remove.className = 'remove'
    remove.textContent = '×'
    remove.title = 'Remove'
    remove.addEventListener('click', () => canvas.delete(id))
    node.append(text, remove)
    node.addEventListener('pointerdown', event => {
      if (connectingFrom && connectingFrom !== id) {
        connect(connectingFrom, id)
      }
      select(id)
      if (event.target === node) {
        drag(id, node, event)
      }
    })
    const ytext = element.get('text')
    if (ytext instanceof Y.Text) {
      return { node, unbind: bindTextarea(ytext, text) }
    }
    text.disabled = true // another client's element without a text of the model's kind: shown, not editable
    return { node, unbind: () => {} }
  }

  const connect = (from, to) => {
    connectingFrom = null
    board.classList.remove('connecting')
    canvas.set(crypto.randomUUID(), elementOf({ type: 'connector', from, to, z: topZ(canvas) + 1 }))
  }

  /** Moves the element with the pointer; what it lands on is written in one transaction when it is let go. */
  const drag = (id, node, start) => {
    const element = canvas.get(id)
    const origin = { x: Number(element.get('x')), y: Number(element.get('y')) }
    node.setPointerCapture(start.pointerId)
    const offset = event => ({
      dx: Math.round(event.clientX - start.clientX),
      dy: Math.round(event.clientY - start.clientY)
    })
    const move = event => {
      const { dx, dy } = offset(event)
      node.style.left = `${origin.x + dx}px`
      node.style.top = `${origin.y + dy}px`
    }
    const drop = event => {
      node.removeEventListener('pointermove', move)
      node.removeEventListener('pointerup', drop)
      const { dx, dy } = offset(event)
      if (dx !== 0 || dy !== 0) {
        canvas.doc.transact(() => moveElement(id, dx, dy))
      }
    }
    node.addEventListener('pointermove', move)
    node.addEventListener('pointerup', drop)
  }

  const moveElement = (id, dx, dy) => {
    const element = canvas.get(id)
    const shift = target => {
      target.set('x', Number(target.get('x')) + dx)
      target.set('y', Number(target.get('y')) + dy)
    }
    shift(element)
    if (element.get('type') === 'group') {
      elementsOf(canvas).filter(([, child]) => child.get('parent') === id).forEach(([, child]) => shift(child))
    } else {
      joinGroupUnder(id, element)
    }
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

  /** The topmost group that holds the middle of `element` (a card or note), if any. */
  const groupUnder = (id, element) => {
    const x = Number(element.get('x')) + Number(element.get('width')) / 2
    const y = Number(element.get('y')) + Number(element.get('height')) / 2
    return elementsOf(canvas)
      .filter(([groupId, group]) => groupId !== id && group.get('type') === 'group' &&
        x >= group.get('x') && x <= group.get('x') + group.get('width') &&
        y >= group.get('y') && y <= group.get('y') + group.get('height'))
      .sort(([, a], [, b]) => b.get('z') - a.get('z'))[0]?.[0]
  }

  const render = () => {
    const elements = new Map(elementsOf(canvas))
    for (const [id, { node, unbind }] of shown) {
      if (!elements.has(id)) {
        unbind()
        node.remove()
        shown.delete(id)
      }
    }
    const selections = selectionsOf()
    let right = 0
    let bottom = 0
    for (const [id, element] of elements) {
      if (element.get('type') === 'connector') {
        continue
      }
      if (!shown.has(id)) {
        const made = nodeFor(id, element)
        shown.set(id, made)
        board.append(made.node)
      }
      const { node } = shown.get(id)
      const [x, y, width, height] = ['x', 'y', 'width', 'height'].map(field => Number(element.get(field)))
      Object.assign(node.style, {
        left: `${x}px`, top: `${y}px`, width: `${width}px`, height: `${height}px`,
        // Groups behind the arrows (z-index 1), everything else above them, in the order of their `z`.
        zIndex: String(element.get('type') === 'group' ? 0 : 2 + Math.round(Number(element.get('z')) || 0)),
        backgroundColor: element.get('color') ?? ''
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
    }
    drawArrows(elements)
    arrows.setAttribute('width', String(right + 40))
    arrows.setAttribute('height', String(bottom + 40))
  }

  /** Connectors as arrows from the edge of one element to the edge of the other. */
  const drawArrows = elements => {
    const boxOf = id => {
      const element = elements.get(id)
      if (!element || element.get('type') === 'connector') {
        return null
      }
      const [x, y, width, height] = ['x', 'y', 'width', 'height'].map(field => Number(element.get(field)))
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
    for (const [id, element] of elements) {
      const [from, to] = element.get('type') === 'connector'
        ? [boxOf(element.get('from')), boxOf(element.get('to'))]
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
      const count = shown.size
      canvas.doc.transact(() => {
        const element = canvas.set(id, elementOf({
          type, x: board.scrollLeft + 40 + (count % 10) * 24, y: board.scrollTop + 40 + (count % 10) * 24,
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
