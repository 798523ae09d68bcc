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
import { median } from '../support/measure.mjs'

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
