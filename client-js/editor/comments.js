// Comment threads beside the text, for the editor page and the reader page: listed from the server (which resolves
// each anchor against the document as it is now), shown as plain text, refreshed the moment any comment event
// arrives on the sync socket (the provider was created with `params.ext = 'comments'`), with a reply box each, and
// a way to comment on a selection (anchored by Yjs relative positions, so that it follows the passage).
import * as Y from 'yjs'
import { onExtensionMessage } from '../src/extension-messages.js'

const toBase64 = bytes => btoa(String.fromCharCode(...bytes))

/**
 * @param {{ytext: import('yjs').Text, provider: import('y-websocket').WebsocketProvider, docName: string,
 *   token: string|null, list: HTMLElement, onError: (message: string) => void}} options
 * @return {{commentOn: (start: number, end: number, body: string) => Promise<void>, refresh: () => Promise<void>}}
 */
export const showComments = ({ ytext, provider, docName, token, list, onError }) => {
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

  const render = threads => {
    list.replaceChildren(...threads.map(thread => {
      const item = document.createElement('li')
      item.dataset.threadId = thread.id
      item.dataset.anchor = thread.anchor.status
      const quote = document.createElement('blockquote')
      quote.textContent = thread.anchor.status === 'attached' ? thread.anchor.text : `${thread.quote} (deleted)`
      item.append(quote)
      for (const comment of thread.comments) {
        const line = document.createElement('p')
        line.className = 'comment'
        const author = document.createElement('b')
        author.textContent = comment.author.name
        // Plain text, never markup: what someone wrote is shown as they wrote it.
        line.append(author, document.createTextNode(` ${comment.body}`))
        item.append(line)
      }
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
      return item
    }))
  }

  // A server without comments (any other y-websocket server) answers 404: then there are none to show.
  const refresh = () => api(threadsUrl).then(({ threads }) => render(threads),
    error => error.status === 404 ? render([]) : onError(error.message))

  onExtensionMessage(provider, extension => {
    if (extension === 'comments') {
      refresh()
    }
  })
  provider.on('sync', synced => {
    if (synced) {
      refresh()
    }
  })

  const commentOn = async (start, end, body) => {
    const anchor = {
      type: 'text',
      start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, start))),
      end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, end, -1)))
    }
    await api(threadsUrl, 'POST', { anchor, body })
  }
  return { commentOn, refresh }
}
