/**
 * Runs the CRDT benchmark's steps on a JavaScript engine (Yjs or ywasm) and prints the figures as one JSON
 * object. The Java side (dev.weft.crdt.bench.CrdtBench) has the same two modes, arguments and output, so that
 * report.mjs puts Weft beside its peers.
 *
 *   node --expose-gc bench/crdt/peers.mjs time <engine> <opsFile> <updateFile> <runs> <loadRuns> <deadlineSeconds>
 *     replays the prepared trace (see trace.mjs): a cold run and `runs` measured runs, a replay still running
 *     after the deadline being stopped and not repeated; then loads the trace's final document from its update
 *     and encodes it again: a cold run and `loadRuns` measured runs. A negative `runs` skips the replay (and
 *     leaves it out of the output).
 *   node --expose-gc bench/crdt/peers.mjs heap <engine> <opsFile> <updateFile> <docs>
 *     the memory a loaded document retains, in a fresh process.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { engines, replay } from './engines.mjs'
import { readOpsFile } from './trace.mjs'
import { Timings } from './measure.mjs'
import { fullGc } from '../support/measure.mjs'

/**
 * Replay, load and encode timings, each result checked against the trace outside the clock.
 *
 * @param {import('./engines.mjs').Engine} engine
 * @param {string} opsFile
 * @param {string} updateFile
 * @param {number} runs
 * @param {number} loadRuns
 * @param {number} deadlineSeconds
 */
const time = (engine, opsFile, updateFile, runs, loadRuns, deadlineSeconds) => {
  const trace = readOpsFile(opsFile)
  const update = new Uint8Array(fs.readFileSync(updateFile))
  const expectText = doc => {
    if (engine.text(doc) !== trace.endContent) throw new Error(`${engine.name} did not produce the trace's endContent`)
  }
  const replays = new Timings()
  let replayUpdate = null
  let completed = trace.txns.length
  for (let run = 0; run <= runs && completed === trace.txns.length; run++) {
    const replayed = replays.time(() => replay(engine, trace.txns, performance.now() + deadlineSeconds * 1000))
    completed = replayed.completed
    if (completed === trace.txns.length) {
      expectText(replayed.doc)
      replayUpdate = engine.encode(replayed.doc)
    }
    engine.release(replayed.doc)
  }
  const loads = new Timings()
  const encodes = new Timings()
  for (let run = 0; run <= loadRuns; run++) {
    const doc = loads.time(() => engine.load(update))
    expectText(doc)
    const encoded = encodes.time(() => engine.encode(doc))
    if (!Buffer.from(encoded).equals(Buffer.from(update))) {
      throw new Error(`${engine.name} encoded a loaded document differently from the update it was loaded from`)
    }
    engine.release(doc)
  }
  return {
    engine: engine.name,
    version: engine.version,
    runtime: `Node ${process.version}`,
    trace: trace.name,
    transactions: trace.txns.length,
    patches: trace.txns.reduce((n, txn) => n + txn.length, 0),
    documentLength: trace.endContent.length,
    ...(runs >= 0 && {
      replay: { ...replays.summary(), completedTransactions: completed },
      replayUpdateSha256: replayUpdate && sha256(replayUpdate)
    }),
    updateBytes: update.length,
    load: loads.summary(),
    encode: encodes.summary()
  }
}

/**
 * The memory a loaded document retains: `docs` documents are loaded from the update and kept reachable, and
 * the growth of the engine's heap is divided by their number. One document is loaded first and kept
 * throughout, so that compiling code (and for ywasm, the allocator's scratch space for decoding) is not
 * counted. A collected heap (Yjs) is read after full collections; ywasm's WebAssembly memory never shrinks, so
 * its size is read as it is.
 *
 * @param {import('./engines.mjs').Engine} engine
 * @param {string} opsFile
 * @param {string} updateFile
 * @param {number} docs
 */
const heap = (engine, opsFile, updateFile, docs) => {
  const { name, endContent } = readOpsFile(opsFile)
  const update = new Uint8Array(fs.readFileSync(updateFile))
  const loaded = []
  const loadOne = () => {
    const doc = engine.load(update)
    if (engine.text(doc) !== endContent) throw new Error(`${engine.name} did not load the trace's endContent`)
    loaded.push(doc)
  }
  loadOne()
  fullGc()
  const before = engine.heapBytes()
  for (let i = 0; i < docs; i++) loadOne()
  fullGc()
  const after = engine.heapBytes()
  loaded.forEach(engine.release)
  return {
    engine: engine.name,
    trace: name,
    documents: docs,
    retainedBytes: (after - before) / docs,
    method: engine.heapIsCollected
      ? 'V8 heap in use after full GCs, with minus without the documents'
      : 'growth of the WebAssembly memory'
  }
}

const sha256 = bytes => crypto.createHash('sha256').update(bytes).digest('hex')

const [mode, engineName, ...args] = process.argv.slice(2)
const engine = engines[engineName]
const usage = 'usage: peers.mjs time <engine> <opsFile> <updateFile> <runs> <loadRuns> <deadlineSeconds>\n' +
  '       peers.mjs heap <engine> <opsFile> <updateFile> <docs>\n' +
  `engines: ${Object.keys(engines).join(', ')}`
if (engine === undefined || !((mode === 'time' && args.length === 5) || (mode === 'heap' && args.length === 3))) {
  console.error(usage)
  process.exit(2)
}
const result = mode === 'time'
  ? time(engine, args[0], args[1], Number(args[2]), Number(args[3]), Number(args[4]))
  : heap(engine, args[0], args[1], Number(args[2]))
console.log(JSON.stringify(result))
