/**
 * The four parts of the server benchmark, each run against one freshly started server:
 *
 * - fanout: 200 editing clients over 20 documents (10 per document); the offered edit rate rises step by step
 *   until a step is not sustained (see `sustained`), twice in a row.
 * - latency: the same clients at one fixed offered rate.
 * - memory: heap per idle connection and per (empty) loaded document.
 * - connections: as many idle connections as asked for (10,000), spread over the generator processes.
 * - coldload: the B4 document stored, the server restarted, then the time from connecting to holding the whole
 *   document.
 *
 * A delivery is one edit reaching one other client of its document; an echo of an edit to its own sender is not
 * one. Latencies are milliseconds from the edit being sent to its update arriving.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { FLAVOURS, LeanClient, now } from './wire.mjs'
import { percentile } from '../support/measure.mjs'
import { cpuSeconds } from './servers.mjs'

/**
 * @typedef {object} Settings
 * @property {number} clients editing clients of fanout and latency
 * @property {number} documents their documents
 * @property {number} startRate the first step's offered edits per second, over all clients
 * @property {number} rateFactor each next step offers this many times more
 * @property {number} stepSeconds
 * @property {number} warmUpSeconds of load at fixedRate before fanout's and latency's measured steps
 * @property {number} drainSeconds how long after a step its late deliveries still count
 * @property {number} p99BoundMs a step whose p99 latency is above this is not sustained
 * @property {number} fixedRate edits per second of the latency part
 * @property {number} fixedSeconds
 * @property {number} idleDocuments documents of the memory part
 * @property {number} idleConnections connections of the memory part
 * @property {number} maxConnections connections of the connections part
 * @property {number} connectionsPerDocument
 * @property {number} coldRuns restarts of the coldload part
 */

/** The share of expected deliveries a sustained step must have delivered within its drain time. */
const DELIVERED_SHARE = 0.99
/** The share of the offered edits the generators must have sent for a step to measure the server at all. */
const SENT_SHARE = 0.95

const fanoutDoc = settings => index => `fanout-${Math.floor(index * settings.documents / settings.clients)}`

/**
 * One step of offered load: edits at `rate` for `seconds`, then the drain time; what arrived, how late, and the
 * server's CPU seconds over the whole of it.
 */
const loadStep = async ({ server, pool, settings, rate, seconds }) => {
  const perDocument = settings.clients / settings.documents
  const generatorsCpu = () => pool.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)
  const cpuBefore = server.cpuTimes()
  const generatorsBefore = generatorsCpu()
  const threadsBefore = server.threadCpuTimes()
  const from = now()
  const to = from + seconds * 1000
  await pool.load(rate, to)
  await sleep(settings.drainSeconds * 1000)
  const cpuAfter = server.cpuTimes()
  const cpu = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system
  const systemCpu = cpuAfter.system - cpuBefore.system
  const generatorCpu = generatorsCpu() - generatorsBefore
  const threadsAfter = server.threadCpuTimes()
  const { sent, latencies } = await pool.collect(from, to)
  const expected = sent * (perDocument - 1)
  const delivered = latencies.length
  const step = {
    offeredEditsPerSecond: rate,
    sentEditsPerSecond: sent / seconds,
    deliveriesPerSecond: delivered / seconds,
    expectedDeliveries: expected,
    delivered,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length > 0 ? latencies[latencies.length - 1] : null,
    cpuSeconds: cpu,
    cpuSecondsPerMillionDeliveries: delivered > 0 ? cpu / delivered * 1e6 : null,
    // The kernel's part: for a server that relays, mostly sending the frames, which every server has to do.
    systemCpuSecondsPerMillionDeliveries: delivered > 0 ? systemCpu / delivered * 1e6 : null,
    // The generators' CPU beside it shows how much of the machine the load itself took.
    generatorCpuSeconds: generatorCpu,
    cpuSecondsByThread: Object.fromEntries(Object.entries(threadsAfter)
      .map(([name, { user, system }]) => {
        const before = threadsBefore[name] ?? { user: 0, system: 0 }
        return [name, { user: user - before.user, system: system - before.system }]
      })
      .filter(([, seconds]) => seconds.user + seconds.system > 0)
      .sort((a, b) => b[1].user + b[1].system - a[1].user - a[1].system))
  }
  step.generatorKeptUp = sent >= SENT_SHARE * rate * seconds
  step.sustained = sustained(step, settings)
  return step
}

/**
 * Sustained: the generators sent what was offered, at least 99 % of the deliveries it called for arrived by the
 * end of the drain time, and their p99 latency stayed within the bound.
 */
const sustained = (step, settings) => step.generatorKeptUp &&
  step.delivered >= DELIVERED_SHARE * step.expectedDeliveries && step.p99Ms !== null &&
  step.p99Ms <= settings.p99BoundMs

/**
 * Load at the fixed rate, not reported, so that the JIT compilers (the JVM's C1 and C2, V8's) have compiled the
 * hot paths before anything is measured: a server runs for days, and a JVM 20 s into its life still spends as
 * much CPU compiling as serving.
 */
const warmUp = ({ server, pool, settings }) =>
  loadStep({ server, pool, settings, rate: settings.fixedRate, seconds: settings.warmUpSeconds })

const connectEditors = async (server, pool, settings) => {
  const connected = await pool.connect({
    baseUrl: server.baseUrl,
    flavour: server.kind.flavour,
    count: settings.clients,
    docName: fanoutDoc(settings),
    editing: true
  })
  if (connected.failed > 0) throw new Error(`${connected.failed} clients did not sync: ${connected.firstError}`)
}

/**
 * @param {object} run
 * @param {import('./servers.mjs').RunningServer} run.server
 * @param {import('./pool.mjs').GeneratorPool} run.pool
 * @param {Settings} run.settings
 * @param {(message: string) => void} run.log
 */
export const fanout = async ({ server, pool, settings, log }) => {
  await connectEditors(server, pool, settings)
  await warmUp({ server, pool, settings })
  const steps = []
  let failures = 0
  for (let rate = settings.startRate; failures < 2; rate = Math.round(rate * settings.rateFactor)) {
    const step = await loadStep({ server, pool, settings, rate, seconds: settings.stepSeconds })
    steps.push(step)
    log(`${server.kind.name}: ${describeStep(step)}`)
    failures = step.sustained ? 0 : failures + 1
    if (!step.generatorKeptUp) break
  }
  await pool.closeClients()
  const best = steps.filter(s => s.sustained).sort((a, b) => b.deliveriesPerSecond - a.deliveriesPerSecond)[0] ?? null
  return { steps, best }
}

export const describeStep = step =>
  `offered ${step.offeredEditsPerSecond} edits/s (sent ${step.sentEditsPerSecond.toFixed(0)}): ` +
  `${step.deliveriesPerSecond.toFixed(0)} deliveries/s, ${step.delivered}/${step.expectedDeliveries} delivered, ` +
  `p50 ${fixed(step.p50Ms)} ms, p99 ${fixed(step.p99Ms)} ms, ` +
  `${fixed(step.cpuSecondsPerMillionDeliveries)} CPU s per million deliveries` +
  `${step.sustained ? '' : ' (not sustained)'}`

const fixed = value => value === null ? '–' : value.toFixed(1)

/** The fixed offered load, after a warm-up at the same rate. */
export const latency = async ({ server, pool, settings, log }) => {
  await connectEditors(server, pool, settings)
  await warmUp({ server, pool, settings })
  const step = await loadStep({ server, pool, settings, rate: settings.fixedRate, seconds: settings.fixedSeconds })
  log(`${server.kind.name}: ${describeStep(step)}`)
  await pool.closeClients()
  return step
}

/**
 * Heap after full collections: with no connection, with one idle connection on each of `idleDocuments` empty
 * documents, and with `idleConnections` over the same documents. The growth of the last phase divided by its
 * connections is the heap per idle connection; the growth of the middle phase per document, less one
 * connection, is the heap per loaded (empty) document.
 */
export const memory = async ({ server, pool, settings, log }) => {
  const docName = index => `idle-${index % settings.idleDocuments}`
  const connect = async count => {
    const result = await pool.connect({ baseUrl: server.baseUrl, flavour: server.kind.flavour, count, docName, editing: false })
    if (result.failed > 0) throw new Error(`${result.failed} idle clients did not sync: ${result.firstError}`)
  }
  const heap0 = await server.heapBytes()
  const rss0 = server.rssBytes()
  await connect(settings.idleDocuments)
  const heap1 = await server.heapBytes()
  const more = settings.idleConnections - settings.idleDocuments
  await connect(more)
  const heap2 = await server.heapBytes()
  const rss2 = server.rssBytes()
  await pool.closeClients()
  const perConnection = (heap2 - heap1) / more
  const result = {
    heapEmptyBytes: heap0,
    heapPerIdleConnectionBytes: perConnection,
    heapPerDocumentBytes: (heap1 - heap0) / settings.idleDocuments - perConnection,
    rssPerIdleConnectionBytes: (rss2 - rss0) / settings.idleConnections
  }
  log(`${server.kind.name}: ${Math.round(perConnection)} B heap per idle connection, ` +
    `${Math.round(result.heapPerDocumentBytes)} B per loaded empty document`)
  return result
}

/** Opens `maxConnections` idle connections, `connectionsPerDocument` per document, and counts those that synced. */
export const connections = async ({ server, pool, settings, log }) => {
  const heap0 = await server.heapBytes()
  const started = now()
  const result = await pool.connect({
    baseUrl: server.baseUrl,
    flavour: server.kind.flavour,
    count: settings.maxConnections,
    docName: index => `many-${Math.floor(index / settings.connectionsPerDocument)}`,
    editing: false,
    concurrency: 64,
    timeoutMs: 120_000
  })
  const seconds = (now() - started) / 1000
  const heap = await server.heapBytes()
  const rss = server.rssBytes()
  await pool.closeClients()
  log(`${server.kind.name}: ${result.synced} of ${settings.maxConnections} connections synced in ` +
    `${seconds.toFixed(1)} s${result.failed > 0 ? `; first failure: ${result.firstError}` : ''}`)
  return {
    attempted: settings.maxConnections,
    synced: result.synced,
    failed: result.failed,
    firstError: result.firstError,
    seconds,
    heapGrowthBytes: heap - heap0,
    rssBytes: rss
  }
}

/**
 * Stores the B4 document (one client sends it as one update; a second client syncs it back whole, so the
 * server holds it), stops the server, then `coldRuns` times: starts it on the same data, connects, and times
 * until the client holds the whole document. That is the arrival of sync step 2 for a server that answers only
 * once the document is loaded; a server that answers at once with what it has (@y/websocket-server, whose
 * persistence loads asynchronously) completes the client through the updates that follow, and the time counts
 * until then. Also the heap the loaded document added, and the server's CPU seconds over the load.
 *
 * @param {object} run
 * @param {() => Promise<import('./servers.mjs').RunningServer>} run.start starts a server on the
 *   benchmark's data directory for this server kind
 * @param {{ update: Uint8Array, length: number }} run.b4 the document as one update, and its text's length
 */
export const coldload = async ({ start, settings, b4, log }) => {
  await withServer(start, async server => {
    const uploader = new LeanClient({ flavour: FLAVOURS[server.kind.flavour], baseUrl: server.baseUrl, docName: B4, index: 1 })
    await uploader.connect(60_000)
    uploader.sendUpdate(b4.update)
    try {
      await timeWholeDocument(server, b4)
    } finally {
      uploader.close()
    }
    // y-leveldb writes asynchronously and @y/websocket-server does not flush on SIGTERM: give it time.
    await sleep(2000)
  })
  const runs = []
  for (let run = 0; run < settings.coldRuns; run++) {
    runs.push(await withServer(start, async server => {
      const heapBefore = await server.heapBytes()
      const cpuBefore = server.cpuSeconds()
      const { syncStep2Ms, wholeMs } = await timeWholeDocument(server, b4)
      const cpuSeconds = server.cpuSeconds() - cpuBefore
      const heapBytes = await server.heapBytes() - heapBefore
      log(`${server.kind.name}: cold load ${wholeMs.toFixed(1)} ms (sync step 2 after ${syncStep2Ms.toFixed(1)} ms), ` +
        `${(heapBytes / 1e6).toFixed(2)} MB heap`)
      return { syncStep2Ms, wholeMs, cpuSeconds, heapBytes }
    }))
  }
  return { runs }
}

const B4 = 'b4'

/** Runs `work` on a server `start` starts, and stops the server after it, whatever happened. */
const withServer = async (start, work) => {
  const server = await start()
  try {
    return await work(server)
  } finally {
    await server.stop()
  }
}

/**
 * Connects one client to the B4 document and waits until it holds the whole document.
 *
 * @return {Promise<{syncStep2Ms: number, wholeMs: number}>} from the start of the connection to the arrival of
 *   sync step 2, and of the message that completed the document (not counting this client's own applying)
 */
const timeWholeDocument = (server, b4) => new Promise((resolve, reject) => {
  const timeoutMs = 60_000
  const connectedAt = now()
  const client = new LeanClient({
    flavour: FLAVOURS[server.kind.flavour],
    baseUrl: server.baseUrl,
    docName: B4,
    index: 0,
    onApplied: (doc, receivedAt) => {
      if (doc.getText('text').length !== b4.length) return
      finish()
      resolve({ syncStep2Ms: client.syncedAt - connectedAt, wholeMs: receivedAt - connectedAt })
    }
  })
  const timer = setTimeout(() => {
    finish()
    reject(new Error(`the document did not arrive whole within ${timeoutMs} ms`))
  }, timeoutMs)
  const finish = () => {
    clearTimeout(timer)
    client.onApplied = null
    client.close()
  }
  client.connect(timeoutMs).catch(error => {
    finish()
    reject(error)
  })
})
