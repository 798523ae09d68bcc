// The stdin/stdout plumbing of the long-lived peers that the server's Java tests drive (sync-peers.js,
// editor-pages.js): one JSON request per line on stdin, one JSON response per line on stdout.
//   request:  {"id": 7, "op": "<name>", ...fields}
//   response: {"id": 7, "ok": true, "result": {...}} or {"id": 7, "ok": false, "error": "<stack>"}
// Operations may be asynchronous and run concurrently, so responses come in the order they finish: the caller
// matches them by id. When stdin closes, `close` runs (ending connections, browsers) and the process exits.
import { createInterface } from 'node:readline'

/**
 * @param {Object<string, (request: Object) => any>} operations by op name; may return a promise
 * @param {() => Promise<void>|void} close called once stdin has ended and every request was answered
 */
export const serveLines = (operations, close) => {
  // stdout carries the protocol alone (libraries log with console.log), so every console method writes to stderr.
  for (const method of ['log', 'info', 'warn', 'debug']) {
    console[method] = console.error
  }
  const answering = new Set()
  const respond = response => process.stdout.write(JSON.stringify(response) + '\n')

  const answer = async line => {
    let id = null
    try {
      const request = JSON.parse(line)
      id = request.id ?? null
      const operation = Object.hasOwn(operations, request.op) ? operations[request.op] : undefined
      if (operation === undefined) {
        throw new Error(`unknown op ${JSON.stringify(request.op)}: expected one of ${Object.keys(operations)}`)
      }
      respond({ id, ok: true, result: (await operation(request)) ?? {} })
    } catch (error) {
      respond({ id, ok: false, error: error instanceof Error ? error.stack : String(error) })
    }
  }

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  lines.on('line', line => {
    if (line.trim().length > 0) {
      const answered = answer(line)
      answering.add(answered)
      answered.finally(() => answering.delete(answered))
    }
  })
  lines.on('close', async () => {
    await Promise.allSettled([...answering])
    // Providers and browsers keep timers and sockets alive: the peer's life ends with its stdin.
    try {
      await close()
      process.exit(0)
    } catch (error) {
      console.error('closing failed:', error)
      process.exit(1)
    }
  })
}

/**
 * The named object of a request's registry, or an error naming what exists.
 *
 * @template T
 * @param {Map<string, T>} registry
 * @param {string} name
 * @param {string} kind what the registry holds, for the message
 * @return {T}
 */
export const lookUp = (registry, name, kind) => {
  const found = registry.get(name)
  if (found === undefined) {
    throw new Error(`no ${kind} ${JSON.stringify(name)}: there are ${JSON.stringify([...registry.keys()])}`)
  }
  return found
}
