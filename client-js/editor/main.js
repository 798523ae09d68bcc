// Weft's editor page: one shared plain text (the Y.Text "text") in a textarea, synced with the server that served
// the page through an unmodified y-websocket provider, the people editing it (awareness), and the comment threads
// on it, their passages highlighted in the text; selecting a passage and commenting opens a thread.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { connectionFor, addressOf } from './connection.js'
import { bindTextarea } from './textarea-binding.js'
import { showPresence } from './presence.js'
import { onPermissionDenied } from '../src/permission-denied.js'
import { showComments } from './comments.js'
import { pageStatus, showConnection } from './page-status.js'

const element = id => document.getElementById(id)

const { serverUrl, docName, params } = connectionFor(window.location)
document.title = `${docName} · Weft`
element('to-canvas').search = window.location.search

const openForm = element('open')
openForm.elements.namedItem('doc').value = docName
openForm.addEventListener('submit', event => {
  event.preventDefault()
  const name = openForm.elements.namedItem('doc').value.trim()
  if (name && name !== docName) {
    window.location.search = addressOf(window.location, name)
  }
})

const doc = new Y.Doc()
// Cross-tab BroadcastChannel sync is off: two tabs must edit together through the server, never around it.
// `ext: 'comments'` asks for comment events on the socket, which keep the threads beside the text live.
const provider = new WebsocketProvider(serverUrl, docName, doc, { params: { ...params, ext: 'comments' }, disableBc: true })

const { showNotice } = showConnection(provider, pageStatus({ status: element('status'), notice: element('notice') }))
onPermissionDenied(provider, reason => {
  showNotice(`Your changes are not accepted by the server: ${reason}`)
})

bindTextarea(doc.getText('text'), element('text'))
showComments({
  ytext: doc.getText('text'),
  provider,
  docName,
  token: params.token ?? null,
  textarea: element('text'),
  backdrop: element('highlights'),
  list: element('threads'),
  form: element('comment'),
  onError: showNotice
})
showPresence(provider.awareness, { nameInput: element('name'), list: element('people'), storage: window.sessionStorage })
