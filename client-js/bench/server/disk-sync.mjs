/**
 * How long the disk under the servers' data directories takes to sync a small write: what every commit of Weft's
 * default durability waits for, and what moves its tail latency from one run to the next on a shared virtual disk.
 * Measured at the start and the end of a run, so that a reader can tell a slow disk from a slow server.
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const WRITE_BYTES = 4096
const SYNCS = 300

/**
 * Appends 4 KB and fdatasyncs it, 300 times, in a file of its own in `dir` (removed after).
 *
 * @param {string} dir
 * @returns {{ p50Ms: number, p99Ms: number, maxMs: number }}
 */
export const measureDiskSync = dir => {
  const file = path.join(dir, 'disk-sync-probe')
  const fd = fs.openSync(file, 'w')
  const block = Buffer.alloc(WRITE_BYTES, 1)
  const times = []
  try {
    for (let i = 0; i < SYNCS; i++) {
      fs.writeSync(fd, block)
      const started = performance.now()
      fs.fdatasyncSync(fd)
      times.push(performance.now() - started)
    }
  } finally {
    fs.closeSync(fd)
    fs.rmSync(file)
  }
  times.sort((a, b) => a - b)
  const at = q => times[Math.min(times.length - 1, Math.floor(times.length * q))]
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: times.at(-1) }
}
