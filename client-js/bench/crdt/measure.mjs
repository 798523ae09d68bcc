/**
 * The measuring protocol of the CRDT benchmark, the same for every engine (the Java side follows it too, see
 * dev.weft.crdt.bench.Timings): in one process, a first run that is reported as the cold figure and doubles as
 * warm-up, then the measured runs whose median is quoted.
 *
 * No garbage collection is forced between runs: in V8 a forced full collection throws away optimized code and
 * type feedback, which makes the next run several times slower than anything an application would see.
 * Collections happen when the engines' allocations call for them, on the clock, as they do in use.
 */
import { performance } from 'node:perf_hooks'

/**
 * Collects garbage until the heap stops shrinking (one pass can leave work for the next) and returns the
 * heap in use: for measuring memory only (see above). Needs node --expose-gc.
 */
export const fullGc = () => {
  if (typeof globalThis.gc !== 'function') throw new Error('run node with --expose-gc')
  let used = Infinity
  for (let i = 0; i < 10; i++) {
    globalThis.gc()
    const now = process.memoryUsage().heapUsed
    if (now >= used) return now
    used = now
  }
  return used
}

/** The times of one step over all runs of a process, the first being the cold one. */
export class Timings {
  constructor () {
    /** @type {number[]} milliseconds */
    this.times = []
  }

  /**
   * @template T
   * @param {() => T} step
   * @return {T} what the step returned
   */
  time (step) {
    const start = performance.now()
    const result = step()
    this.times.push(performance.now() - start)
    return result
  }

  /** @return {{ coldMs: number, runsMs: number[], medianMs: number|null }} null when only the cold run was made */
  summary () {
    const [coldMs, ...runsMs] = this.times
    return { coldMs, runsMs, medianMs: runsMs.length > 0 ? median(runsMs) : null }
  }
}

/**
 * @param {number[]} values
 */
export const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
