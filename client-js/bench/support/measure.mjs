/**
 * Measuring helpers shared by the benchmarks (client-js/bench/*): the heap in use after full collections, and
 * medians and percentiles of samples.
 */

/**
 * Collects garbage until the heap stops shrinking (one pass can leave work for the next) and returns the
 * heap in use: for measuring memory only (a forced collection also throws away optimized code, so it has no
 * place between timed runs). Needs node --expose-gc.
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

/**
 * @param {number[]} values
 */
export const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * The nearest-rank percentile of samples already sorted in ascending order; null when there are none.
 *
 * @param {ArrayLike<number>} sorted
 * @param {number} p between 0 and 100
 */
export const percentile = (sorted, p) => {
  if (sorted.length === 0) return null
  const rank = Math.ceil(p / 100 * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}
