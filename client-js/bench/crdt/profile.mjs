/**
 * Where Weft's time goes: a summary of the execution samples JDK Flight Recorder took while CrdtBench ran. Each
 * sample is put in the benchmark step whose CrdtBench method is innermost on its stack (replay, load, encode,
 * or the untimed checks), then counted by its top frame (self time) and by every Weft method on its stack
 * (total time).
 */
import { spawn } from 'node:child_process'
import readline from 'node:readline'

const BENCH_CLASS = 'dev.weft.crdt.bench.CrdtBench'
const STEP_OF_METHOD = { replay: 'replay', load: 'load', timeLoadAndEncode: 'encode' }
const TOP = 15

/**
 * Streams `jfr print` (a long recording's JSON form would not fit in a string) and returns each sample's stack,
 * innermost frame first, as `package.Class.method`.
 *
 * @param {string} jfr the JDK's jfr tool
 * @param {string} recording a .jfr file
 * @param {(frames: string[]) => void} onSample
 */
const readSamples = (jfr, recording, onSample) => new Promise((resolve, reject) => {
  const child = spawn(jfr, ['print', '--stack-depth', '256', '--events', 'jdk.ExecutionSample', recording],
    { stdio: ['ignore', 'pipe', 'inherit'] })
  let frames = null
  readline.createInterface({ input: child.stdout }).on('line', line => {
    if (line === '  stackTrace = [') {
      frames = []
    } else if (frames !== null && line === '  ]') {
      onSample(frames)
      frames = null
    } else if (frames !== null && line.trim() !== '...') {
      // "    dev.weft.crdt.Item.integrate(Transaction, int) line: 120"
      frames.push(line.trim().replace(/\(.*$/, ''))
    }
  })
  child.on('error', reject)
  child.on('close', status => status === 0 ? resolve() : reject(new Error(`jfr print failed (exit ${status})`)))
})

/**
 * @param {string} jfr the JDK's jfr tool
 * @param {string} recording a .jfr file
 */
export const printProfile = async (jfr, recording) => {
  const steps = new Map()
  let all = 0
  await readSamples(jfr, recording, frames => {
    const bench = frames.find(frame => frame.startsWith(`${BENCH_CLASS}.`))
    const step = bench === undefined
      ? 'outside the benchmark'
      : STEP_OF_METHOD[bench.slice(BENCH_CLASS.length + 1)] ?? 'checks'
    if (!steps.has(step)) steps.set(step, { samples: 0, self: new Map(), total: new Map() })
    const counts = steps.get(step)
    all++
    counts.samples++
    increment(counts.self, frames[0])
    for (const frame of new Set(frames)) {
      if (frame.startsWith('dev.weft.crdt.') && !frame.startsWith('dev.weft.crdt.bench.')) increment(counts.total, frame)
    }
  })
  console.log(`${all} execution samples`)
  for (const [step, counts] of [...steps].sort((a, b) => b[1].samples - a[1].samples)) {
    console.log(`\n== ${step}: ${counts.samples} samples (${percent(counts.samples, all)} of all)`)
    console.log('  self (top frame):')
    for (const [frame, n] of top(counts.self)) console.log(`    ${percent(n, counts.samples).padStart(6)}  ${frame}`)
    console.log('  total (on the stack), Weft methods:')
    for (const [frame, n] of top(counts.total)) console.log(`    ${percent(n, counts.samples).padStart(6)}  ${frame}`)
  }
}

const increment = (map, key) => map.set(key, (map.get(key) ?? 0) + 1)

const top = map => [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP)

const percent = (n, of) => `${(100 * n / of).toFixed(1)}%`
