// Weft's reader page, where a share link opens: read.html#<link token>. It asks the server what the link opens,
// asks for a name (unless the reader may stay anonymous and leaves it empty), opens a reader session, and then shows
// the document live and read-only, with its comment threads; a reader whose link allows comments selects text and
// comments on it, and sees replies the moment they are written.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { bindTextarea } from './textarea-binding.js'
import { showComments } from './comments.js'
import { pageStatus } from './page-status.js'

const element = id => document.getElementById(id)
const { showStatus, showNotice } = pageStatus({ status: element('status'), notice: element('notice') })

const answerOf = async response => {
  const answer = await response.json()
  if (!response.ok) {
    throw new Error(answer?.error?.message ?? `the server answered ${response.status}`)
  }
  return answer
}

/** Syncs the document read-only with the reader's token and shows its threads. */
const read = session => {
  document.title = `${session.title} · Weft`
  element('title').textContent = session.title
  const doc = new Y.Doc()
  const serverUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}`
  const provider = new WebsocketProvider(serverUrl, session.document, doc,
    { params: { token: session.token, ext: 'comments' }, disableBc: true })
  provider.on('status', ({ status }) => showStatus(status, status === 'connected' ? 'live' : `${status}…`))
  provider.on('closed', ({ reason }) => showNotice(`The link no longer opens${reason ? `: ${reason}` : ''}.`))
  const ytext = doc.getText('text')
  const textarea = element('text')
  bindTextarea(ytext, textarea)
  const form = element('comment')
  form.hidden = session.role !== 'commenter'
  showComments({
    ytext,
    provider,
    docName: session.document,
    token: session.token,
    textarea,
    backdrop: element('highlights'),
    list: element('threads'),
    form: session.role === 'commenter' ? form : undefined,
    onError: showNotice
  })
}

const open = async () => {
  const linkToken = window.location.hash.slice(1)
  if (!linkToken) {
    showNotice('This page opens a share link: its address ends with #<link>.')
    return
  }
  const link = await answerOf(await fetch(`/api/links/${encodeURIComponent(linkToken)}`))
  document.title = `${link.title} · Weft`
  element('title').textContent = link.title
  showStatus('waiting', link.allow_anonymous ? 'your name, if you like' : 'your name, please')
  const join = element('join')
  join.hidden = false
  const name = join.elements.namedItem('name')
  name.required = !link.allow_anonymous
  join.addEventListener('submit', async event => {
    event.preventDefault()
    try {
      const session = await answerOf(await fetch(`/api/links/${encodeURIComponent(linkToken)}/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(name.value.trim() ? { name: name.value.trim() } : {})
      }))
      join.hidden = true
      read(session)
    } catch (error) {
      showNotice(error.message)
    }
  })
}

open().catch(error => showNotice(error.message))
