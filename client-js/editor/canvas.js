// Weft's canvas page, canvas.html?doc=<name>&token=<jwt>: the story-planning board of the same document the
// editor page edits (its root Y.Map `canvas`), synced through an unmodified y-websocket provider, with the people
// on it and what each has selected, outline templates, and the export of the board as a Markdown outline.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { connectionFor } from './connection.js'
import { showPresence } from './presence.js'
import { onPermissionDenied } from '../src/permission-denied.js'
import { pageStatus, showConnection } from './page-status.js'
import { showBoard } from './board.js'
import { CANVAS } from './canvas-model.js'
import { TEMPLATES, applyTemplate, outlineOf } from './outline.js'

const element = id => document.getElementById(id)

const { serverUrl, docName, params } = connectionFor(window.location)
document.title = `${docName} · Canvas · Weft`
element('doc-name').textContent = docName
element('to-text').search = window.location.search

const doc = new Y.Doc()
// As on the editor page: tabs sync through the server, never around it.
const provider = new WebsocketProvider(serverUrl, docName, doc, { params, disableBc: true })
const { showNotice } = showConnection(provider, pageStatus({ status: element('status'), notice: element('notice') }))
onPermissionDenied(provider, reason => showNotice(`Your changes are not accepted by the server: ${reason}`))

const canvas = doc.getMap(CANVAS)
const board = showBoard({ canvas, awareness: provider.awareness, board: element('board'), arrows: element('arrows') })
showPresence(provider.awareness,
  { nameInput: element('name'), list: element('people'), storage: window.sessionStorage })

for (const button of document.querySelectorAll('[data-add]')) {
  button.addEventListener('click', () => board.add(button.dataset.add))
}
element('connect').addEventListener('click', () => {
  if (!board.connectSelected()) {
    showNotice('Select the element the arrow starts from first, then Connect, then the element it points to.')
  }
})

const templates = element('template')
templates.append(...Object.entries(TEMPLATES).map(([key, { name }]) => new Option(name, key)))
element('apply-template').addEventListener('click',
  () => applyTemplate(canvas, templates.value, () => crypto.randomUUID()))

element('export').addEventListener('click', () => {
  const outline = outlineOf(canvas.toJSON(), docName)
  element('outline').value = outline
  const download = element('download')
  URL.revokeObjectURL(download.href)
  download.href = URL.createObjectURL(new Blob([outline], { type: 'text/markdown' }))
  download.download = `${docName.replaceAll('/', '-')}-outline.md`
  element('outline-dialog').showModal()
})
