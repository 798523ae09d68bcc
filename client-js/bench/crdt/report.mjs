/**
 * The CRDT benchmark: Weft beside Yjs and ywasm in one run, written to docs/benchmarks.md. `./weft bench crdt`
 * (the script bench/crdt) builds Weft's test classes and calls
 *
 *   node client-js/bench/crdt/report.mjs --java <java> --classpath <crdt classes:test classes>
 *        [--runs 5] [--load-runs 100] [--deadline 120] [--heap-docs 3] [--profile [--trace B4|svelte|B4x10]]
 *        [--only load [--trace B4|svelte|B4x10]]
 *
 * For each trace it prepares an ops file (trace.mjs) and the final document's update (replayed once by Yjs,
 * untimed), then runs every engine in fresh processes: one for the timings (peers.mjs time, CrdtBench time)
 * and one for the retained heap (heap mode). --profile instead samples Weft's time mode with JDK Flight
 * Recorder and prints where the time goes (profile.mjs); it writes no report. --only load times just the
 * loading and encoding of one trace's document on every engine and prints the medians (a quick before/after
 * check while tuning the load path); it writes no report either.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { engines, replay } from './engines.mjs'
import { readSourceTrace, repeatTrace, writeOpsFile } from './trace.mjs'
import { renderSection, spliceSection } from './markdown.mjs'
import { printProfile } from './profile.mjs'
import { machine } from '../support/report-file.mjs'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const tracesDir = path.resolve(repoRoot, '../shared/traces')
const reportFile = path.join(repoRoot, 'docs', 'benchmarks.md')
const peersScript = fileURLToPath(new URL('./peers.mjs', import.meta.url))

/** The traces, in the order of the report; a repeated trace is built from its source's prepared form. */
const TRACES = [
  { id: 'B4', file: 'automerge-paper.json.gz', title: 'B4 (automerge-paper)' },
  { id: 'svelte', file: 'sveltecomponent.json.gz', title: 'sveltecomponent' },
  { id: 'B4x10', repeats: 'B4', copies: 10, title: 'B4 x 10 (ten copies of B4 one after the other)' }
]

const { values: options } = parseArgs({
  options: {
    java: { type: 'string' },
    classpath: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'load-runs': { type: 'string', default: '100' },
    deadline: { type: 'string', default: '120' },
    'heap-docs': { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    trace: { type: 'string', default: 'B4' }
  }
})
if (!options.java || !options.classpath) {
  console.error('usage: report.mjs --java <java> --classpath <classpath> [--runs 5] [--load-runs 100] ' +
    '[--deadline 120] [--heap-docs 3] [--profile [--trace B4|svelte|B4x10]] [--only load [--trace ...]]')
  process.exit(2)
}
if (options.only !== undefined && options.only !== 'load') {
  console.error(`report.mjs: --only takes 'load', not '${options.only}'`)
  process.exit(2)
}
const runs = Number(options.runs)
const loadRuns = Number(options['load-runs'])
const deadlineSeconds = Number(options.deadline)
const heapDocs = Number(options['heap-docs'])

const log = message => console.error(`crdt bench: ${message}`)

/**
 * Runs a benchmark process and returns the JSON object it printed last.
 *
 * @param {string} command
 * @param {string[]} args
 */
const runJson = (command, args) => {
  const child = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 })
  if (child.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${child.status})`)
  const lines = child.stdout.toString().trim().split('\n')
  return JSON.parse(lines[lines.length - 1])
}

const timeArgs = (opsFile, updateFile) =>
  [opsFile, updateFile, String(runs), String(loadRuns), String(deadlineSeconds)]

/** How each engine is started for a mode; Weft runs on the JVM, its peers on Node. */
const ENGINES = [
  { key: 'weft', name: 'Weft', start: (mode, args, jvmFlags = []) =>
    [options.java, [...jvmFlags, '-cp', options.classpath, 'dev.weft.crdt.bench.CrdtBench', mode, ...args]] },
  ...Object.entries(engines).map(([key, engine]) => ({
    key,
    name: engine.name,
    start: (mode, args) => [process.execPath, ['--expose-gc', peersScript, mode, key, ...args]]
  }))
]

/**
 * Writes each trace's ops file and the update of its final document (replayed by Yjs) into `dir`.
 *
 * @param {string} dir
 * @param {Array<typeof TRACES[number]>} traces
 */
const prepare = (dir, traces) => {
  const prepared = new Map()
  for (const spec of traces) {
    log(`preparing ${spec.title}`)
    const trace = spec.repeats
      ? repeatTrace(prepared.get(spec.repeats).trace, spec.copies, spec.id)
      : readSourceTrace(path.join(tracesDir, spec.file), spec.id)
    const opsFile = path.join(dir, `${spec.id}.ops`)
    const updateFile = path.join(dir, `${spec.id}.update`)
    writeOpsFile(trace, opsFile)
    const { doc } = replay(engines.yjs, trace.txns)
    const update = engines.yjs.encode(doc)
    fs.writeFileSync(updateFile, update)
    const updateSha256 = crypto.createHash('sha256').update(update).digest('hex')
    prepared.set(spec.id, { spec, trace, opsFile, updateFile, updateSha256 })
  }
  return prepared
}

const withTempDir = async work => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-crdt-bench-'))
  try {
    return await work(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const benchmark = () => withTempDir(dir => {
  const startedAt = new Date()
  const loadAverageAtStart = os.loadavg()[0]
  const prepared = prepare(dir, TRACES)
  const results = []
  for (const { spec, opsFile, updateFile, updateSha256 } of prepared.values()) {
    for (const engine of ENGINES) {
      log(`${spec.id}: ${engine.name} timings`)
      const timing = runJson(...engine.start('time', timeArgs(opsFile, updateFile)))
      log(`${spec.id}: ${engine.name} retained heap`)
      const heap = runJson(...engine.start('heap', [opsFile, updateFile, String(heapDocs)]))
      results.push({ trace: spec.id, engine: engine.key, timing, heap, updateSha256 })
    }
  }
  const section = renderSection({
    traces: TRACES,
    engines: ENGINES.map(({ key, name }) => ({ key, name })),
    results,
    protocol: { runs, loadRuns, deadlineSeconds, heapDocs },
    environment: environment(startedAt, loadAverageAtStart, os.loadavg()[0], results)
  })
  fs.mkdirSync(path.dirname(reportFile), { recursive: true })
  const existing = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : null
  fs.writeFileSync(reportFile, spliceSection(existing, section))
  log(`written to ${path.relative(process.cwd(), reportFile)}`)
})

/**
 * Prepares one trace (and the trace it repeats, if any) in `dir`.
 *
 * @param {string} dir
 * @param {string} traceId
 */
const prepareOne = (dir, traceId) => {
  const spec = TRACES.find(t => t.id === traceId)
  if (!spec) throw new Error(`no trace ${traceId}; traces: ${TRACES.map(t => t.id).join(', ')}`)
  return prepare(dir, TRACES.filter(t => t === spec || t.id === spec.repeats)).get(spec.id)
}

const profile = traceId => withTempDir(async dir => {
  const { spec, opsFile, updateFile } = prepareOne(dir, traceId)
  const recording = path.join(repoRoot, 'crdt', 'target', `crdt-bench-${spec.id}.jfr`)
  fs.mkdirSync(path.dirname(recording), { recursive: true })
  const flags = [
    `-XX:StartFlightRecording=filename=${recording},settings=profile,jdk.ExecutionSample#period=1ms`,
    '-XX:FlightRecorderOptions=stackdepth=256'
  ]
  log(`${spec.id}: Weft timings under JDK Flight Recorder`)
  const weft = ENGINES.find(e => e.key === 'weft')
  runJson(...weft.start('time', timeArgs(opsFile, updateFile), flags))
  await printProfile(path.join(path.dirname(options.java), 'jfr'), recording)
  log(`recording kept in ${path.relative(process.cwd(), recording)} (open it in JDK Mission Control)`)
})

/** Load and encode timings of every engine on one trace, without replays (a negative run count skips them). */
const loadOnly = traceId => withTempDir(dir => {
  const { spec, opsFile, updateFile } = prepareOne(dir, traceId)
  const noReplay = [opsFile, updateFile, '-1', String(loadRuns), String(deadlineSeconds)]
  for (const engine of ENGINES) {
    log(`${spec.id}: ${engine.name} load and encode`)
    const { load, encode } = runJson(...engine.start('time', noReplay))
    const ms = value => value === null ? 'n/a' : `${value.toFixed(2)} ms`
    console.log(`${spec.id} ${engine.name.padEnd(6)} load median ${ms(load.medianMs)} (cold ${ms(load.coldMs)}), ` +
      `encode median ${ms(encode.medianMs)} (cold ${ms(encode.coldMs)}), ${loadRuns} runs`)
  }
})

/** When, where and with what the benchmark ran. */
const environment = (startedAt, loadAverageAtStart, loadAverageAtEnd, results) => {
  const runtimeOf = key => results.find(r => r.engine === key).timing.runtime
  return {
    date: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
    ...machine(repoRoot),
    loadAverageAtStart,
    loadAverageAtEnd,
    jdk: runtimeOf('weft'),
    node: runtimeOf('yjs'),
    versions: Object.fromEntries(Object.entries(engines).map(([key, engine]) => [key, engine.version]))
  }
}

await (options.profile ? profile(options.trace) : options.only === 'load' ? loadOnly(options.trace) : benchmark())
