/**
 * A load generator process of the server benchmark, forked by pool.mjs and driven over IPC: it hosts a share of
 * the lean clients (wire.mjs), sends edits at the rate it is given, and records every delivery its clients
 * receive (send time and latency). Several of them run at once so that one Node event loop is not the
 * bottleneck.
 *
 * Requests (each with an `id`, echoed in the reply):
 *   {op: 'connect', baseUrl, flavour, clients: [{index, docName}], editing, concurrency, timeoutMs}
 *       -> {synced, failed, firstError}
 *   {op: 'load', editsPerSecond, untilMs}   sends edits round robin over its editing clients until untilMs
 *       -> {sent}
 *   {op: 'collect', from, to}   what was sent and delivered with a send time in [from, to), then forgets it all
 *       -> {sent, latencies}
 *   {op: 'close'} -> {}
 */
import { FLAVOURS, LeanClient, now } from './wire.mjs'

/** @type {LeanClient[]} */
let clients = []
/** Send times of this process's edits; [send time, latency] pairs of the deliveries its clients received. */
let sentTimes = []
let deliveries = []

const recordDelivery = (_clientIndex, sentAt, receivedAt) => {
  deliveries.push(sentAt, receivedAt - sentAt)
}

/** Opens the clients, `concurrency` at a time, and waits until each has synced or failed. */
const connect = async ({ baseUrl, flavour, clients: specs, editing, concurrency, timeoutMs }) => {
  let synced = 0
  let failed = 0
  let firstError = null
  let next = 0
  const worker = async () => {
    while (next < specs.length) {
      const { index, docName } = specs[next++]
      const client = new LeanClient({
        flavour: FLAVOURS[flavour], baseUrl, docName, index, editing, onMarker: recordDelivery
      })
      try {
        await client.connect(timeoutMs)
        clients.push(client)
        synced++
      } catch (error) {
        failed++
        firstError ??= error.message
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { synced, failed, firstError }
}

/**
 * Open-loop load: every few milliseconds it sends the edits that are due by then, whatever the server's answers
 * do, so that a slow server shows as growing latency rather than as a slower generator.
 */
const load = ({ editsPerSecond, untilMs }) => new Promise(resolve => {
  const editors = clients.filter(c => c.typing !== null && c.synced)
  if (editors.length === 0) return resolve({ sent: 0 })
  const start = now()
  let sent = 0
  let next = 0
  const tick = () => {
    const time = now()
    const due = Math.floor(editsPerSecond * (Math.min(time, untilMs) - start) / 1000) - sent
    for (let i = 0; i < due; i++) {
      const client = editors[next]
      next = (next + 1) % editors.length
      const sentAt = now()
      sentTimes.push(sentAt)
      client.edit(sentAt)
    }
    sent += Math.max(0, due)
    if (time >= untilMs) {
      clearInterval(timer)
      resolve({ sent })
    }
  }
  const timer = setInterval(tick, 5)
})

const collect = ({ from, to }) => {
  const sent = sentTimes.filter(t => t >= from && t < to).length
  const latencies = []
  for (let i = 0; i < deliveries.length; i += 2) {
    if (deliveries[i] >= from && deliveries[i] < to) latencies.push(deliveries[i + 1])
  }
  sentTimes = []
  deliveries = []
  return { sent, latencies }
}

const close = async () => {
  const closing = clients.map(client => new Promise(resolve => {
    if (!client.socket || client.socket.readyState > 1) return resolve()
    client.socket.once('close', resolve)
    client.close()
    setTimeout(() => { client.socket.terminate(); resolve() }, 5000).unref()
  }))
  await Promise.all(closing)
  clients = []
  return {}
}

const operations = { connect, load, collect, close }

process.on('message', async ({ id, op, ...request }) => {
  try {
    process.send({ id, ok: true, result: await operations[op](request) })
  } catch (error) {
    process.send({ id, ok: false, error: error.stack })
  }
})
process.on('disconnect', () => process.exit(0))
