/**
 * The load generator processes (generator.mjs) as one: clients are dealt out round robin, so that every
 * document's clients sit in several processes and every delivery crosses from one process to another.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const generatorScript = fileURLToPath(new URL('./generator.mjs', import.meta.url))

class Generator {
  constructor () {
    this.child = fork(generatorScript, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.nextId = 0
    /** @type {Map<number, {resolve: Function, reject: Function}>} */
    this.pending = new Map()
    this.child.on('message', ({ id, ok, result, error }) => {
      const call = this.pending.get(id)
      this.pending.delete(id)
      if (ok) call.resolve(result)
      else call.reject(new Error(`generator: ${error}`))
    })
    this.child.on('exit', code => {
      for (const call of this.pending.values()) call.reject(new Error(`generator exited with ${code}`))
      this.pending.clear()
    })
  }

  request (op, request = {}) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      this.pending.set(id, { resolve, reject })
      this.child.send({ id, op, ...request })
    })
  }
}

export class GeneratorPool {
  /** @param {number} size how many processes */
  constructor (size) {
    this.generators = Array.from({ length: size }, () => new Generator())
  }

  /** The generator processes' process ids, for their CPU accounting. */
  get pids () {
    return this.generators.map(g => g.child.pid)
  }

  /** Sends the same request to every generator; `perGenerator(i)` adds what differs. */
  all (op, perGenerator = () => ({})) {
    return Promise.all(this.generators.map((g, i) => g.request(op, perGenerator(i))))
  }

  /**
   * Opens `count` clients, client i on document `docName(i)`, spread over the generators.
   *
   * @return {Promise<{synced: number, failed: number, firstError: string|null}>}
   */
  async connect ({ baseUrl, flavour, count, docName, editing, concurrency = 32, timeoutMs = 60_000 }) {
    const results = await this.all('connect', g => ({
      baseUrl,
      flavour,
      editing,
      concurrency,
      timeoutMs,
      clients: Array.from({ length: count }, (_, index) => ({ index, docName: docName(index) }))
        .filter(({ index }) => index % this.generators.length === g)
    }))
    return {
      synced: results.reduce((sum, r) => sum + r.synced, 0),
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      firstError: results.map(r => r.firstError).find(e => e !== null) ?? null
    }
  }

  /** Every generator sends its share of `editsPerSecond` until `untilMs`; resolves with the edits sent. */
  async load (editsPerSecond, untilMs) {
    const share = editsPerSecond / this.generators.length
    const results = await this.all('load', () => ({ editsPerSecond: share, untilMs }))
    return results.reduce((sum, r) => sum + r.sent, 0)
  }

  /** @return {Promise<{sent: number, latencies: Float64Array}>} latencies sorted ascending */
  async collect (from, to) {
    const results = await this.all('collect', () => ({ from, to }))
    const latencies = Float64Array.from(results.flatMap(r => r.latencies)).sort()
    return { sent: results.reduce((sum, r) => sum + r.sent, 0), latencies }
  }

  closeClients () {
    return this.all('close')
  }

  stop () {
    for (const g of this.generators) g.child.kill()
  }
}
