// yjs-interop.js as the Java tests drive it: a child process answering JSON lines on stdin with JSON lines on stdout.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'

const script = fileURLToPath(new URL('../peers/yjs-interop.js', import.meta.url))

/** Starts the process; `call` sends one request line and resolves with the next response line. */
const start = () => {
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] })
  const waiting = []
  createInterface({ input: child.stdout }).on('line', line => waiting.shift()(line))
  let stderr = ''
  child.stderr.on('data', chunk => { stderr += chunk })
  const send = line => new Promise(resolve => {
    waiting.push(resolve)
    child.stdin.write(line + '\n')
  })
  const call = async request => JSON.parse(await send(JSON.stringify(request)))
  const exited = new Promise(resolve => child.on('exit', code => resolve(code)))
  return { send, call, exited, close: () => child.stdin.end(), stderr: () => stderr }
}

test('answers requests in order, with their ids, and exits when stdin closes', async () => {
  const node = start()
  const session = await node.call({ id: 1, op: 'session', seed: 9, kinds: ['map'] })
  assert.equal(session.id, 1)
  assert.equal(session.ok, true)
  const updates = session.result.updates.map(u => ({ format: 2, update: u.v2 }))
  const witness = await node.call({ id: 2, op: 'replay', clientId: 1, gc: true, kinds: ['map'], updates, checkpoints: [updates.length] })
  assert.equal(witness.id, 2)
  assert.deepEqual(witness.result.snapshots[0].content, session.result.peers[0])
  node.close()
  assert.equal(await node.exited, 0)
})

test('a failing request is answered with its error, and the process goes on', async () => {
  const node = start()
  const unknown = await node.call({ id: 'a', op: 'teleport' })
  assert.deepEqual([unknown.id, unknown.ok], ['a', false])
  assert.match(unknown.error, /unknown op "teleport"/)
  const broken = JSON.parse(await node.send('{not json'))
  assert.deepEqual([broken.id, broken.ok], [null, false])
  const fine = await node.call({ id: 3, op: 'session', seed: 1, kinds: ['array'] })
  assert.equal(fine.ok, true)
  node.close()
  await node.exited
})

test('Yjs warnings do not reach stdout', async () => {
  const node = start()
  const session = await node.call({ id: 1, op: 'session', seed: 4, kinds: ['array'] })
  const updates = session.result.updates.map(u => ({ format: 1, update: u.v1 }))
  // A witness with a peer's own client id makes Yjs warn that it changes its id.
  const response = await node.call({ id: 2, op: 'replay', clientId: session.result.clientIds[0], gc: true, kinds: ['array'], updates })
  assert.equal(response.ok, true)
  node.close()
  await node.exited
  assert.match(node.stderr(), /Changed the client-id/)
})
