// A peer script of ../peers (sync-peers.js, editor-pages.js) as the Java tests drive it: a child process answering
// JSON lines on stdin with JSON lines on stdout, matched by id (answers may come out of order).
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/**
 * @param {string} name the script in peers/, e.g. 'sync-peers.js'
 */
export const startPeer = name => {
  const script = fileURLToPath(new URL(`../../peers/${name}`, import.meta.url))
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] })
  const waiting = new Map()
  let nextId = 1
  createInterface({ input: child.stdout }).on('line', line => {
    const response = JSON.parse(line)
    const settle = waiting.get(response.id)
    waiting.delete(response.id)
    settle(response)
  })
  const exited = new Promise(resolve => child.on('exit', code => resolve(code)))
  /** Sends one request; resolves with the whole response ({id, ok, result|error}). */
  const send = (op, fields = {}) => new Promise(resolve => {
    const id = nextId++
    waiting.set(id, resolve)
    child.stdin.write(JSON.stringify({ id, op, ...fields }) + '\n')
  })
  /** Sends one request; resolves with its result, rejects with Node's error. */
  const call = async (op, fields) => {
    const response = await send(op, fields)
    if (!response.ok) {
      throw new Error(`${op} failed: ${response.error}`)
    }
    return response.result
  }
  const close = async () => {
    child.stdin.end()
    return exited
  }
  return { send, call, close, exited }
}

/**
 * Polls `probe` until `accept` holds for its result, or fails after `timeoutMs` with the last result.
 *
 * @template T
 * @param {string} what the condition, for the failure message
 * @param {() => Promise<T>} probe
 * @param {(value: T) => boolean} accept
 */
export const eventually = async (what, probe, accept, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (accept(value)) {
      return value
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`)
    }
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}
