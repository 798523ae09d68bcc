// peers/sync-peers.js against the reference server, @y/websocket-server: what the Java interop tests will ask of
// Weft (sync, convergence, awareness, reconnection, refusals), shown to hold for y-websocket's own server first.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import * as encoding from 'lib0/encoding'
import { startPeer, eventually } from './support/line-peer.mjs'
import { startReferenceServer } from './support/reference-server.mjs'

let server
let peers

before(async () => {
  server = await startReferenceServer()
  peers = startPeer('sync-peers.js')
})

after(async () => {
  assert.equal(await peers.close(), 0)
  await server.stop()
})

let documents = 0
/** A document no other test uses: the reference server keeps every document in memory for its lifetime. */
const freshDocument = () => `doc-${++documents}`

const create = async (doc, options = {}) => {
  const { peer } = await peers.call('create', { url: server.url, doc, texts: ['text'], maps: ['map'], ...options })
  return peer
}
const state = peer => peers.call('state', { peer })
const until = (what, peer, accept) => eventually(what, () => state(peer), accept)

test('two peers sync text and map edits, and a late joiner receives the content', async () => {
  const doc = freshDocument()
  const a = await create(doc)
  const b = await create(doc)
  await until('a synced', a, s => s.synced)
  await until('b synced', b, s => s.synced)
  await peers.call('insertText', { peer: a, text: 'text', index: 0, content: 'hello' })
  await peers.call('setMapEntry', { peer: b, map: 'map', key: 'answer', value: { n: 42, list: [1, 'two'] } })
  await until('a has the map entry', a, s => s.maps.map.answer?.n === 42)
  const bState = await until('b has the text', b, s => s.texts.text === 'hello')
  assert.deepEqual(bState.maps.map, { answer: { n: 42, list: [1, 'two'] } })

  const late = await create(doc)
  const lateState = await until('the late joiner synced', late, s => s.synced)
  assert.equal(lateState.texts.text, 'hello')
  assert.deepEqual(lateState.maps.map, bState.maps.map)
  for (const peer of [a, b, late]) {
    await peers.call('destroy', { peer })
  }
})

test('concurrent edits converge to the same state on every peer', async () => {
  const doc = freshDocument()
  const all = [await create(doc), await create(doc), await create(doc)]
  for (const peer of all) {
    await until('synced', peer, s => s.synced)
  }
  await Promise.all(all.map((peer, i) => peers.call('insertText', { peer, text: 'text', index: 0, content: `[${i}]` })))
  await peers.call('deleteText', { peer: all[0], text: 'text', index: 0, length: 1 })
  await Promise.all(all.map((peer, i) => peers.call('setMapEntry', { peer, map: 'map', key: 'same', value: i })))
  // Every edit above was applied locally before its call returned, so equal state vectors on all three peers mean
  // each has received every edit (waiting for the text alone raced the map entries).
  const [first, ...rest] = await eventually('every peer has every edit', () => Promise.all(all.map(state)),
    states => states.every(s => s.stateVector === states[0].stateVector && s.texts.text.length === 8))
  for (const other of rest) {
    assert.equal(other.texts.text, first.texts.text)
    assert.deepEqual(other.maps.map, first.maps.map)
    assert.equal(other.stateVector, first.stateVector)
  }
  for (const peer of all) {
    await peers.call('destroy', { peer })
  }
})

test('awareness: a joiner sees the states already there, and a destroyed peer\'s state is removed', async () => {
  const doc = freshDocument()
  const a = await create(doc, { awareness: { user: { name: 'Ada' } } })
  const { clientId: aId } = await until('a synced', a, s => s.synced)
  const b = await create(doc, { awareness: { user: { name: 'Barbara' } } })
  const { clientId: bId } = await until('b sees a', b, s => s.awareness[aId]?.user?.name === 'Ada')
  await until('a sees b', a, s => s.awareness[bId]?.user?.name === 'Barbara')

  await peers.call('setAwareness', { peer: a, state: { user: { name: 'Ada L.' } } })
  await until('b sees the new name', b, s => s.awareness[aId]?.user?.name === 'Ada L.')
  await peers.call('destroy', { peer: a })
  const after = await until('b no longer sees a', b, s => !(aId in s.awareness))
  assert.deepEqual(Object.keys(after.awareness), [String(bId)])
  await peers.call('destroy', { peer: b })
})

test('offline edits on both sides converge after a reconnect', async () => {
  const doc = freshDocument()
  const a = await create(doc)
  const b = await create(doc)
  await until('a synced', a, s => s.synced)
  await until('b synced', b, s => s.synced)
  await peers.call('insertText', { peer: a, text: 'text', index: 0, content: 'shared ' })
  await until('b has it', b, s => s.texts.text === 'shared ')

  await peers.call('disconnect', { peer: a })
  await peers.call('disconnect', { peer: b })
  assert.equal((await state(a)).status, 'disconnected')
  await peers.call('insertText', { peer: a, text: 'text', index: 7, content: 'A' })
  await peers.call('insertText', { peer: b, text: 'text', index: 0, content: 'B' })
  await peers.call('reconnect', { peer: a })
  await peers.call('reconnect', { peer: b })
  const aState = await until('a has both', a, s => s.synced && s.texts.text.length === 9)
  const bState = await until('b has both', b, s => s.synced && s.texts.text.length === 9)
  assert.equal(aState.texts.text, 'Bshared A')
  assert.equal(bState.texts.text, 'Bshared A')
  assert.equal(aState.connections, 2)
  for (const peer of [a, b]) {
    await peers.call('destroy', { peer })
  }
})

test('requests about an unknown peer, or of an unknown op, fail and the process goes on', async () => {
  const unknownPeer = await peers.send('state', { peer: 'peer-999' })
  assert.equal(unknownPeer.ok, false)
  assert.match(unknownPeer.error, /no peer "peer-999"/)
  const unknownOp = await peers.send('teleport')
  assert.match(unknownOp.error, /unknown op "teleport"/)
  const doc = freshDocument()
  const a = await create(doc)
  await until('still working', a, s => s.synced)
  await peers.call('destroy', { peer: a })
})

test('a server restart: closes are reported, the peer reconnects on its own and resyncs', async () => {
  const restartable = await startReferenceServer()
  const doc = freshDocument()
  const { peer } = await peers.call('create', { url: restartable.url, doc, texts: ['text'] })
  await until('synced', peer, s => s.synced)
  await peers.call('insertText', { peer, text: 'text', index: 0, content: 'kept by the client' })
  await restartable.stop()
  const down = await until('disconnected', peer, s => s.status !== 'connected' && s.closes.length > 0)
  assert.equal(down.synced, false)
  // The reference server keeps nothing: the restarted one receives the document from the client.
  const again = await startReferenceServer({ port: new URL(restartable.url).port })
  const second = await peers.call('create', { url: again.url, doc, texts: ['text'] })
  await until('the client is back', peer, s => s.synced && s.connections === 2)
  await until('the new client has the text', second.peer, s => s.texts.text === 'kept by the client')
  await peers.call('destroy', { peer })
  await peers.call('destroy', { peer: second.peer })
  await again.stop()
})

/**
 * A server that refuses: it answers every connection with a permission-denied message, then closes it with an
 * application close code. (The reference server has no auth; this is what Weft sends to a read-only client.)
 */
const startRefusingServer = async (code, reason) => {
  const http = createServer()
  const sockets = new WebSocketServer({ server: http })
  sockets.on('connection', socket => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 2) // auth
    encoding.writeVarUint(encoder, 0) // permission denied
    encoding.writeVarString(encoder, reason)
    socket.send(encoding.toUint8Array(encoder))
    socket.close(code, reason)
  })
  await new Promise(resolve => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `ws://127.0.0.1:${http.address().port}`,
    stop: () => new Promise(resolve => { sockets.close(); http.close(resolve) })
  }
}

test('a permission-denied message and a 4403 close are reported; y-websocket then stops reconnecting', async () => {
  const refusing = await startRefusingServer(4403, 'read-only token')
  const { peer } = await peers.call('create', { url: refusing.url, doc: freshDocument(), params: { token: 'x' } })
  const refused = await until('the terminal close', peer, s => s.terminalClose !== null)
  assert.deepEqual(refused.permissionDenied, ['read-only token'])
  assert.deepEqual(refused.closes, [{ code: 4403, reason: 'read-only token' }])
  assert.deepEqual(refused.terminalClose, { code: 4403, reason: 'read-only token' })
  assert.equal(refused.status, 'disconnected')
  await peers.call('destroy', { peer })
  await refusing.stop()
})
