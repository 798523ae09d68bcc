/**
 * The server benchmark: Weft, @y/websocket-server and Hocuspocus under the same workloads in one run
 * (workloads.mjs), each server its own OS process, the load from several generator processes; written to
 * docs/benchmarks.md. `./weft bench server` (the script bench/server) builds the server and calls
 *
 *   node client-js/bench/server/report.mjs --java <java> --classpath <Weft's runtime classpath>
 *        [--only fanout,latency,memory,connections,coldload] [--servers weft,weft-process-crash,y-websocket,hocuspocus]
 *        [--quick] [--generators 4] [--p99-bound 100] [--fixed-rate 300] [--step-seconds 10]
 *        [--connections 10000] [--cold-runs 5] [--profile] [--jvm-flag FLAG ...]
 *   node client-js/bench/server/report.mjs --render
 *
 * A full run (every part, every server, not --quick) writes its section of docs/benchmarks.md; any other run
 * prints the section instead. --profile records Weft under JDK Flight Recorder during its runs and prints where
 * its time and allocations go (`jfr view`); the recordings stay in server/target/. --jvm-flag
 * passes a flag to Weft's JVM (bench/server passes those of `./weft serve`). Every run keeps its raw
 * results in server/target/server-bench-results.json; --render writes (or prints) the report from them again.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { replayTrace } from '../../peers/trace.js'
import { fromBase64 } from '../../peers/wire.js'
import { GeneratorPool } from './pool.mjs'
import { SERVERS, startServer } from './servers.mjs'
import * as workloads from './workloads.mjs'
import { BEGIN, END, renderSection } from './markdown.mjs'
import { machine, writeSection } from '../support/report-file.mjs'
import { measureDiskSync } from './disk-sync.mjs'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const tracesDir = path.resolve(repoRoot, '../shared/traces')
const reportFile = path.join(repoRoot, 'docs', 'benchmarks.md')
// The last run's raw results (build output, not committed): --render writes the report from them again.
const resultsFile = path.join(repoRoot, 'server', 'target', 'server-bench-results.json')
const PARTS = ['fanout', 'latency', 'memory', 'connections', 'coldload']

const { values: options } = parseArgs({
  options: {
    java: { type: 'string' },
    classpath: { type: 'string' },
    only: { type: 'string' },
    servers: { type: 'string' },
    quick: { type: 'boolean', default: false },
    generators: { type: 'string', default: '4' },
    'p99-bound': { type: 'string', default: '100' },
    'fixed-rate': { type: 'string' },
    'step-seconds': { type: 'string' },
    connections: { type: 'string' },
    'cold-runs': { type: 'string' },
    profile: { type: 'boolean', default: false },
    'jvm-flag': { type: 'string', multiple: true, default: [] },
    render: { type: 'boolean', default: false }
  }
})
const usage = message => {
  console.error(`report.mjs: ${message}\nusage: report.mjs --java <java> --classpath <classpath> ` +
    `[--only ${PARTS.join(',')}] [--servers ${SERVERS.map(s => s.key).join(',')}] [--quick] [--generators 4] ` +
    '[--p99-bound 100] [--fixed-rate 300] [--step-seconds 10] [--connections 10000] [--cold-runs 5] [--profile]')
  process.exit(2)
}
if (!options.render && (!options.java || !options.classpath)) usage('--java and --classpath are needed')
const listOption = (value, known, what) => {
  if (value === undefined) return known
  const chosen = value.split(',').map(s => s.trim()).filter(Boolean)
  for (const name of chosen) if (!known.includes(name)) usage(`no ${what} '${name}'; ${what}s: ${known.join(', ')}`)
  return known.filter(name => chosen.includes(name))
}
const parts = listOption(options.only, PARTS, 'part')
const servers = SERVERS.filter(s => listOption(options.servers, SERVERS.map(k => k.key), 'server').includes(s.key))
const number = (name, full, quick) => {
  const value = Number(options[name] ?? (options.quick ? quick : full))
  if (!(value > 0)) usage(`--${name} takes a positive number`)
  return value
}

/** @type {import('./workloads.mjs').Settings} */
const settings = {
  clients: 200,
  documents: 20,
  startRate: options.quick ? 100 : 50,
  rateFactor: options.quick ? 2 : 1.5,
  stepSeconds: number('step-seconds', 10, 3),
  warmUpSeconds: options.quick ? 5 : 30,
  drainSeconds: 2,
  p99BoundMs: number('p99-bound', 100, 100),
  fixedRate: number('fixed-rate', 300, 300),
  fixedSeconds: options.quick ? 5 : 20,
  idleDocuments: options.quick ? 50 : 200,
  idleConnections: options.quick ? 500 : 2000,
  maxConnections: number('connections', 10_000, 2000),
  connectionsPerDocument: 10,
  coldRuns: number('cold-runs', 5, 1)
}
const generators = number('generators', 4, 4)
const writesReport = !options.quick && parts.length === PARTS.length && servers.length === SERVERS.length

const log = message => console.error(`server bench: ${message}`)

const packageVersion = name =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'client-js', 'node_modules', name, 'package.json'), 'utf8')).version

/** The final document of the automerge-paper trace, built with Yjs, as one update. */
const loadB4 = () => {
  const replayed = replayTrace({ path: path.join(tracesDir, 'automerge-paper.json.gz'), clientId: 1 })
  if (!replayed.reachedEndContent) throw new Error('the B4 trace did not replay to its end content')
  const update = fromBase64(replayed.update)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return { update, length: doc.getText('text').length }
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-server-bench-'))
const recordings = []

/** Starts a server of `kind` on the data directory `name` under the run's temporary directory. */
const starter = (kind, name) => () => {
  const jvmFlags = [...options['jvm-flag']]
  if (options.profile && kind.weft) {
    const recording = path.join(repoRoot, 'server', 'target', `server-bench-${name}-${recordings.length}.jfr`)
    fs.mkdirSync(path.dirname(recording), { recursive: true })
    recordings.push(recording)
    jvmFlags.push(`-XX:StartFlightRecording=filename=${recording},settings=profile`)
  }
  return startServer(kind, {
    dataDir: path.join(workDir, name),
    logFile: path.join(workDir, `${name}.log`),
    java: options.java,
    classpath: options.classpath,
    jvmFlags
  })
}

const runPart = async (part, kind, pool, b4) => {
  const name = `${kind.key}-${part}`
  const start = starter(kind, name)
  if (part === 'coldload') return workloads.coldload({ start, settings, b4, log })
  const server = await start()
  try {
    return await workloads[part]({ server, pool, settings, log })
  } finally {
    // After a failure too: the next part starts from no client and no server.
    await pool.closeClients()
    await server.stop()
  }
}

const benchmark = async () => {
  const startedAt = new Date()
  const loadAverageAtStart = os.loadavg()
  const diskSyncAtStart = measureDiskSync(workDir)
  const b4 = parts.includes('coldload') ? loadB4() : null
  const pool = new GeneratorPool(generators)
  /** @type {Record<string, Record<string, any>>} part -> server key -> result */
  const results = {}
  try {
    for (const part of parts) {
      results[part] = {}
      for (const kind of servers) {
        log(`${part}: ${kind.name}`)
        try {
          results[part][kind.key] = await runPart(part, kind, pool, b4)
        } catch (error) {
          log(`${part}: ${kind.name} failed: ${error.stack}`)
          results[part][kind.key] = { error: error.message }
        }
      }
    }
  } finally {
    pool.stop()
  }
  const run = {
    complete: writesReport,
    parts,
    servers,
    settings,
    generators,
    results,
    environment: {
      date: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      minutes: (Date.now() - startedAt.getTime()) / 60_000,
      ...machine(repoRoot),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg(),
      diskSyncAtStart,
      diskSyncAtEnd: measureDiskSync(workDir),
      jdk: spawnSync(options.java, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].trim(),
      node: process.version,
      packages: {
        ...Object.fromEntries(['@y/websocket-server', 'y-leveldb', '@hocuspocus/server',
          '@hocuspocus/extension-sqlite', 'better-sqlite3', 'yjs', 'y-protocols', 'lib0', 'ws']
          .map(name => [name, packageVersion(name)])),
        // The ws that @y/websocket-server itself loads (it asks for an older major).
        'ws in @y/websocket-server': JSON.parse(fs.readFileSync(createRequire(
          path.join(repoRoot, 'client-js', 'node_modules', '@y', 'websocket-server', 'package.json'))
          .resolve('ws/package.json'), 'utf8')).version
      }
    }
  }
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true })
  fs.writeFileSync(resultsFile, JSON.stringify(run, null, 2))
  log(`results kept in ${path.relative(process.cwd(), resultsFile)}`)
  publish(run, writesReport)
  if (options.profile) printProfiles()
}

/** Writes the run's section into docs/benchmarks.md, or prints it. */
const publish = (run, write) => {
  const section = renderSection(run)
  if (write) {
    fs.mkdirSync(path.dirname(reportFile), { recursive: true })
    writeSection(reportFile, section, BEGIN, END)
    log(`written to ${path.relative(process.cwd(), reportFile)}`)
  } else {
    console.log(section)
    log('a partial or quick run: docs/benchmarks.md left as it is')
  }
}

const printProfiles = () => {
  const jfr = path.join(path.dirname(options.java), 'jfr')
  for (const recording of recordings) {
    if (!fs.existsSync(recording)) continue
    for (const view of ['hot-methods', 'allocation-by-class', 'gc-pauses']) {
      const result = spawnSync(jfr, ['view', '--width', '160', view, recording], { encoding: 'utf8' })
      console.log(`\n=== ${path.relative(repoRoot, recording)}: ${view}\n${result.stdout}${result.stderr}`)
    }
  }
}

try {
  if (options.render) {
    // The report of the last run again (after a change to markdown.mjs, say), written only if that run was full.
    const run = JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
    publish(run, run.complete)
  } else {
    await benchmark()
  }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true })
}
