// Comment threads, for the editor page and the reader page: listed beside the text from the server (refreshed the
// moment any comment event arrives on the sync socket, which the provider asked for with `params.ext = 'comments'`),
// each thread's passage highlighted in the text where it is now (resolved against the page's own copy of the
// document at every change, see anchors.js), resolved threads collapsed, and a way to comment on a selection.
// Clicking a thread shows its passage; putting the caret in a highlighted passage picks out its thread.
// Everything people wrote is shown as plain text, never markup.
import { onExtensionMessage } from '../src/extension-messages.js'
import { anchorOf, locate } from './anchors.js'
import { highlightBehind } from './highlights.js'

/**
 * @param {{ytext: import('yjs').Text, textName?: string, provider: import('y-websocket').WebsocketProvider,
 *   docName: string, token: string|null, textarea: HTMLTextAreaElement, backdrop: HTMLElement, list: HTMLElement,
 *   form?: HTMLFormElement, onError: (message: string) => void}} options `ytext` is the root Y.Text named
 *   `textName` ("text") shown in `textarea`; `backdrop` the element behind it that shows the highlights; `form`,
 *   if given, comments on the textarea's selection (a `body` field and a submit button)
 *   (and a `private` checkbox where private threads may be opened: the reader page)
 * @return {{commentOn: (start: number, end: number, body: string, options?: {isPrivate?: boolean}) => Promise<object>,
 *   refresh: () => Promise<void>}}
 */
export const showComments = ({ ytext, textName = 'text', provider, docName, token, textarea, backdrop, list, form, onError }) => {
  const threadsUrl = `/api/documents/${encodeURIComponent(docName)}/threads`
  const api = async (url, method = 'GET', body) => {
    const headers = { 'Content-Type': 'application/json' }
    if (token) {
      headers.Authorization = `Bearer ${token}`
    }
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const answer = response.status === 204 ? null : await response.json().catch(() => null)
    if (!response.ok) {
      throw Object.assign(new Error(answer?.error?.message ?? `the server answered ${response.status}`),
        { status: response.status })
    }
    return answer
  }

  const highlights = highlightBehind(textarea, backdrop)
  /** @type {Map<number, {thread: object, item: HTMLElement, quote: HTMLElement, place: {index: number, length: number}|null}>} */
  const shown = new Map()
  /** The thread whose passage is picked out (clicked, or holding the caret), or null. */
  let active = null

  /** Places every thread's passage in the text as it is now: the highlights, and each thread's quote. */
  const place = () => {
    const text = textarea.value
    const passages = []
    for (const [id, view] of shown) {
      const { thread } = view
      const where = thread.anchor.type === textName ? locate(ytext, thread.anchor) : null
      // Until this copy has the anchored characters, the server's answer stands (and nothing is highlighted).
      const status = (where ?? thread.anchor).status
      view.place = where?.status === 'attached' ? where : null
      view.item.dataset.anchor = status
      view.item.classList.toggle('active', id === active)
      if (status === 'detached') {
        view.quote.textContent = `${thread.quote} (deleted)`
      } else {
        view.quote.textContent = view.place ? text.slice(view.place.index, view.place.index + view.place.length) : thread.anchor.text
      }
      if (view.place && !thread.resolved) {
        passages.push({ id, ...view.place, active: id === active })
      }
    }
    highlights.show(passages)
  }

  /** Picks out thread `id`: selects its passage in the text and scrolls it into view. */
  const showPassage = id => {
    active = id
    place()
    const where = shown.get(id)?.place
    if (!where) {
      return
    }
    textarea.focus()
    textarea.setSelectionRange(where.index, where.index + where.length)
    const mark = highlights.markOf(id)
    if (mark) {
      textarea.scrollTop = Math.max(0, mark.offsetTop - textarea.clientHeight / 3)
    }
  }

  /** Picks out the thread whose passage holds the caret (the shortest such, and the current one first). */
  const followCaret = () => {
    const caret = textarea.selectionStart
    const holds = ({ place, thread }) => place && !thread.resolved && place.index <= caret && caret < place.index + place.length
    if (active !== null && shown.has(active) && holds(shown.get(active))) {
      return
    }
    const holding = [...shown.values()].filter(holds).sort((a, b) => a.place.length - b.place.length)[0]
    const next = holding ? holding.thread.id : null
    if (next !== active) {
      active = next
      place()
      holding?.item.scrollIntoView({ block: 'nearest' })
    }
  }
  for (const event of ['click', 'keyup', 'select']) {
    textarea.addEventListener(event, followCaret)
  }

  const comment = ({ author, body }) => {
    const line = document.createElement('p')
    line.className = 'comment'
    const name = document.createElement('b')
    name.textContent = author.name
    line.append(name, document.createTextNode(` ${body}`))
    return line
  }

  const button = (label, className, onClick) => {
    const element = document.createElement('button')
    element.type = 'button'
    element.className = className
    element.textContent = label
    element.addEventListener('click', onClick)
    return element
  }

  const threadItem = thread => {
    const item = document.createElement('li')
    item.dataset.threadId = thread.id
    item.dataset.resolved = String(thread.resolved)
    item.dataset.private = String(thread.private)
    const quote = document.createElement('blockquote')
    quote.title = 'Show the passage'
    quote.tabIndex = 0
    quote.addEventListener('click', () => showPassage(thread.id))
    quote.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        showPassage(thread.id)
      }
    })
    item.append(quote)
    if (thread.private) {
      const privacy = document.createElement('p')
      privacy.className = 'privacy'
      privacy.textContent = 'Private: between the author and one reader'
      item.append(privacy)
    }
    // A resolved thread is collapsed: its comments behind a summary, no reply box.
    let comments = item
    if (thread.resolved) {
      const resolution = document.createElement('p')
      resolution.className = 'resolution'
      resolution.textContent = 'Resolved'
      const details = document.createElement('details')
      const summary = document.createElement('summary')
      summary.textContent = `${thread.comments.length} comment${thread.comments.length === 1 ? '' : 's'}`
      details.append(summary)
      item.append(resolution, details)
      comments = details
    }
    comments.append(...thread.comments.map(comment))
    // Older servers say nothing of what the caller may do: then offer replies, and let the server decide.
    if (thread.can?.resolve) {
      const [label, action] = thread.resolved ? ['Reopen', 'reopen'] : ['Resolve', 'resolve']
      item.append(button(label, action, () => {
        api(`${threadsUrl}/${thread.id}/${action}`, 'POST').then(refresh, error => onError(error.message))
      }))
    }
    if (!thread.resolved && (thread.can?.reply ?? true)) {
      const reply = document.createElement('form')
      reply.className = 'reply'
      const input = document.createElement('input')
      input.name = 'body'
      input.placeholder = 'Reply'
      input.required = true
      input.maxLength = 10000
      const send = document.createElement('button')
      send.textContent = 'Reply'
      reply.append(input, send)
      reply.addEventListener('submit', event => {
        event.preventDefault()
        api(`${threadsUrl}/${thread.id}/comments`, 'POST', { body: input.value })
          .then(() => { input.value = '' }, error => onError(error.message))
      })
      item.append(reply)
    }
    return { thread, item, quote, place: null }
  }

  /** Shows `threads`, keeping what was being typed into reply boxes (and where) across the refresh. */
  const showThreads = threads => {
    const drafts = new Map([...shown].map(([id, { item }]) => [id, item.querySelector('.reply input')]))
    const focused = [...drafts].find(([, input]) => input !== null && input === document.activeElement)?.[0]
    shown.clear()
    list.replaceChildren(...threads.map(thread => {
      const view = threadItem(thread)
      shown.set(thread.id, view)
      const input = view.item.querySelector('.reply input')
      if (input && drafts.get(thread.id)) {
        input.value = drafts.get(thread.id).value
      }
      return view.item
    }))
    if (!shown.has(active)) {
      active = null
    }
    place()
    if (focused !== undefined) {
      shown.get(focused)?.item.querySelector('.reply input')?.focus()
    }
  }

  // Listings can overtake each other: only the latest one asked for is shown.
  let listings = 0
  /** Lists the threads again. A server without comments (any other y-websocket server) answers 404: none. */
  const refresh = () => {
    const listing = ++listings
    return api(threadsUrl).then(({ threads }) => {
      if (listing === listings) {
        showThreads(threads)
      }
    }, error => error.status === 404 ? showThreads([]) : onError(error.message))
  }

  // The binding (bound before) has updated the textarea by the time this observer runs.
  ytext.observe(place)
  provider.on('sync', synced => {
    if (synced) {
      refresh()
    }
  })
  onExtensionMessage(provider, extension => {
    if (extension === 'comments') {
      refresh()
    }
  })

  const commentOn = async (start, end, body, { isPrivate = false } = {}) => {
    const anchor = anchorOf(ytext, start, end, textName)
    const thread = await api(threadsUrl, 'POST', isPrivate ? { anchor, body, private: true } : { anchor, body })
    active = thread.id
    await refresh()
    return thread
  }

  form?.addEventListener('submit', event => {
    event.preventDefault()
    const { selectionStart, selectionEnd } = textarea
    if (selectionStart === selectionEnd) {
      onError('Select the passage your comment is about first.')
      return
    }
    const body = form.elements.namedItem('body')
    // A private thread (between a share-link reader and the author): the reader page's checkbox.
    const isPrivate = form.elements.namedItem('private')?.checked ?? false
    commentOn(selectionStart, selectionEnd, body.value, { isPrivate })
      .then(() => form.reset(), error => onError(error.message))
  })

  return { commentOn, refresh }
}
