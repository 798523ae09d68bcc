// The editor page (built by scripts/build-editor.mjs) in headless Chromium, through peers/editor-pages.js, synced
// by the reference server's connection handler: two pages edit together, see each other, and a Node peer
// (peers/sync-peers.js) editing the same document is seen by them. The same page against Weft is the server's
// Java page test.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startPeer, eventually } from './support/line-peer.mjs'
import { startReferencePageServer } from './support/reference-server.mjs'

let webDir
let server
let browser
let peers

before(async () => {
  // A build of its own, so that the test checks the page as the sources are now.
  webDir = await mkdtemp(join(tmpdir(), 'weft-editor-'))
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build-editor.mjs', import.meta.url)), webDir], { stdio: 'inherit' })
  assert.equal(build.status, 0, 'build-editor.mjs failed')
  server = await startReferencePageServer(webDir)
  browser = startPeer('editor-pages.js')
  peers = startPeer('sync-peers.js')
})

after(async () => {
  assert.equal(await browser.close(), 0)
  assert.equal(await peers.close(), 0)
  await server.stop()
  await rm(webDir, { recursive: true, force: true })
})

const read = page => browser.call('read', { page })
const until = (what, page, accept) => eventually(what, () => read(page), accept, 20_000)

test('two pages on the same address edit one text together and list each other', async () => {
  const url = `${server.url}/?doc=pair`
  const { page: first } = await browser.call('open', { url })
  const { page: second } = await browser.call('open', { url })
  await until('the first page synced', first, s => s.status === 'synced')
  await until('the second page synced', second, s => s.status === 'synced')

  await browser.call('type', { page: first, text: 'Hello from one.' })
  await until('the second page shows it', second, s => s.text === 'Hello from one.')
  await browser.call('type', { page: second, text: 'Two says: ', at: 0 })
  await browser.call('type', { page: first, text: ' Bye.' })
  const one = await until('the first page has both', first, s => s.text.length === 'Two says: Hello from one. Bye.'.length)
  const two = await until('the second page has both', second, s => s.text === one.text)
  assert.equal(one.text, 'Two says: Hello from one. Bye.')

  // Presence: each lists both users, itself first and marked.
  await browser.call('setName', { page: first, name: 'Grace' })
  await browser.call('setName', { page: second, name: 'Alan' })
  const seenByOne = await until('the first page lists Alan', first, s => s.people.some(p => p.name === 'Alan'))
  assert.deepEqual(seenByOne.people.map(p => [p.name, p.self]), [['Grace', true], ['Alan', false]])
  await until('the second page lists Grace', second, s => s.people.some(p => p.name === 'Grace' && !p.self))
  // The reference server has no comments API: the page's request for the threads is answered 404 (which the
  // browser logs), and the page then shows no comments, quietly.
  const unexpected = errors => errors.filter(error => !/status of 404 .*\/api\/documents\/[^/]+\/threads\)$/.test(error))
  assert.deepEqual(unexpected([...one.errors, ...two.errors]), [])

  await browser.call('close', { page: second })
  await until('the first page alone', first, s => s.people.length === 1)
  await browser.call('close', { page: first })
})

test('a page keeps its caret where it was while another client edits before it', async () => {
  const url = `${server.url}/?doc=caret`
  const { page } = await browser.call('open', { url })
  await until('synced', page, s => s.status === 'synced')
  await browser.call('type', { page, text: 'world' })
  const { peer } = await peers.call('create', { url: server.url.replace('http', 'ws'), doc: 'caret', texts: ['text'] })
  await eventually('the Node peer has the text', () => peers.call('state', { peer }), s => s.texts.text === 'world')
  await peers.call('insertText', { peer, text: 'text', index: 0, content: 'hello ' })
  const moved = await until('the page shows the insert', page, s => s.text === 'hello world')
  assert.deepEqual(moved.selection, [11, 11])
  // Typing goes on where the caret is, after "world".
  await browser.call('press', { page, key: 'Backspace' })
  await eventually('the Node peer sees the deletion', () => peers.call('state', { peer }), s => s.texts.text === 'hello worl')
  await peers.call('destroy', { peer })
  await browser.call('close', { page })
})

test('the document comes from ?doc=, and pages on another document do not see this one', async () => {
  const { page: here } = await browser.call('open', { url: `${server.url}/?doc=here` })
  const { page: elsewhere } = await browser.call('open', { url: `${server.url}/?doc=elsewhere` })
  const { page: byDefault } = await browser.call('open', { url: `${server.url}/` })
  await browser.call('type', { page: here, text: 'only here' })
  await until('synced', elsewhere, s => s.status === 'synced')
  const def = await until('synced', byDefault, s => s.status === 'synced')
  assert.equal(def.doc, 'welcome')
  assert.equal(def.title, 'welcome · Weft')
  const { peer } = await peers.call('create', { url: server.url.replace('http', 'ws'), doc: 'here', texts: ['text'] })
  await eventually('the Node peer on "here" has the text', () => peers.call('state', { peer }), s => s.texts.text === 'only here')
  assert.equal((await read(elsewhere)).text, '')
  assert.equal((await read(byDefault)).text, '')
  await peers.call('destroy', { peer })
  for (const page of [here, elsewhere, byDefault]) {
    await browser.call('close', { page })
  }
})
