/**
 * The three servers of the benchmark, each started as its own OS process on a fresh (or a given) data
 * directory, with what the benchmark reads from it: CPU seconds from the kernel's accounting, heap in use after
 * a full collection, resident memory.
 *
 * - Weft: `java` on the server module's classpath, as `./weft serve` starts it; heap through `jcmd GC.run` and
 *   `GC.heap_info`.
 * - @y/websocket-server and Hocuspocus: Node launchers (launch-*.mjs) run with --expose-gc that report their
 *   heap over IPC.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

const launcher = name => fileURLToPath(new URL(`./launch-${name}.mjs`, import.meta.url))

/**
 * @typedef {object} ServerKind
 * @property {string} key
 * @property {string} name
 * @property {string} flavour the protocol its clients speak (wire.mjs)
 * @property {string} persistence how it stores documents here
 * @property {boolean} [weft] Weft itself (a JVM), not a peer
 * @property {string[]} [flags] what `weft serve` is given beside the benchmark's own flags
 */

/** @type {ServerKind[]} Weft first: its default durability, then the one that, like the peers, never syncs per write */
export const SERVERS = [
  { key: 'weft', name: 'Weft', weft: true, flavour: 'y-websocket', flags: [], persistence: 'SQLite in WAL mode with synchronous=FULL (`--durability power-loss`, the default: every update committed and fsynced before it is relayed)' },
  { key: 'weft-process-crash', name: 'Weft (process-crash)', weft: true, flavour: 'y-websocket', flags: ['--durability', 'process-crash'], persistence: 'the same with synchronous=NORMAL (`--durability process-crash`: every update committed to the operating system before it is relayed, the log synced at checkpoints)' },
  { key: 'y-websocket', name: '@y/websocket-server', flavour: 'y-websocket', persistence: 'y-leveldb (YPERSISTENCE; every update written, without fsync, while it is relayed)' },
  { key: 'hocuspocus', name: 'Hocuspocus', flavour: 'hocuspocus', persistence: '@hocuspocus/extension-sqlite (whole document stored, debounced 2 s)' }
]

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/**
 * CPU seconds from one `stat` file of /proc: `user` in the program, `system` in the kernel on its behalf (on
 * loopback that includes the TCP stack's work for both ends of what the program sends).
 *
 * @return {{user: number, system: number}}
 */
const statCpu = stat => {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // from field 3, the state
  return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS } // fields 14 and 15
}

/** User and system CPU seconds of one process, its children excluded. */
export const cpuTimes = pid => statCpu(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))

/** User plus system CPU seconds of one process, its children excluded. */
export const cpuSeconds = pid => {
  const { user, system } = cpuTimes(pid)
  return user + system
}

/**
 * User and system CPU seconds of one process's threads, summed by thread name with digits replaced by `#` (so
 * that a pool's threads count together: `weft-loop-#`, `C2 CompilerThre#`). The kernel keeps a name's first 15
 * characters.
 *
 * @return {Record<string, {user: number, system: number}>}
 */
export const threadCpuTimes = pid => {
  const byName = {}
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8')
    } catch {
      continue // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+/g, '#')
    const { user, system } = statCpu(stat)
    const sum = byName[name] ?? { user: 0, system: 0 }
    byName[name] = { user: sum.user + user, system: sum.system + system }
  }
  return byName
}

/** Resident memory of one process, bytes. */
export const rssBytes = pid => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/^VmRSS:\s+(\d+) kB/m)[1]) * 1024
}

export const freePort = () => new Promise((resolve, reject) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address()
    probe.close(() => resolve(port))
  }).on('error', reject)
})

const waitUntilServing = async (port, child, deadlineMs) => {
  const deadline = Date.now() + deadlineMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it listened`)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`)
      await response.arrayBuffer()
      return
    } catch {
      await sleep(100)
    }
  }
  throw new Error(`the server did not answer on port ${port} within ${deadlineMs} ms`)
}

/**
 * A running server.
 */
export class RunningServer {
  /**
   * @param {ServerKind} kind
   * @param {import('node:child_process').ChildProcess} child
   * @param {number} port
   * @param {string} java for jcmd, Weft only
   */
  constructor (kind, child, port, java) {
    this.kind = kind
    this.child = child
    this.port = port
    this.java = java
    this.baseUrl = `ws://127.0.0.1:${port}`
    this.exited = new Promise(resolve => child.once('exit', resolve))
  }

  get pid () { return this.child.pid }

  cpuSeconds () { return cpuSeconds(this.pid) }

  cpuTimes () { return cpuTimes(this.pid) }

  threadCpuTimes () { return threadCpuTimes(this.pid) }

  rssBytes () { return rssBytes(this.pid) }

  /** Heap in use after a full collection, bytes. */
  async heapBytes () {
    if (this.kind.weft) {
      const jcmd = path.join(path.dirname(this.java), 'jcmd')
      const run = args => {
        const result = spawnSync(jcmd, [String(this.pid), ...args], { encoding: 'utf8' })
        if (result.status !== 0) throw new Error(`jcmd ${args.join(' ')} failed: ${result.stderr}${result.stdout}`)
        return result.stdout
      }
      run(['GC.run'])
      run(['GC.run'])
      const used = run(['GC.heap_info']).match(/used (\d+)K/)
      if (!used) throw new Error('jcmd GC.heap_info: no "used" figure')
      return Number(used[1]) * 1024
    }
    return new Promise((resolve, reject) => {
      this.child.once('message', ({ heapUsed }) => resolve(heapUsed))
      this.child.send('heap', error => { if (error) reject(error) })
    })
  }

  /** Asks the server to stop (SIGTERM: each stores what it holds), killing it if it has not within 30 s. */
  async stop () {
    if (this.child.exitCode !== null) return
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000)
    await this.exited
    clearTimeout(timer)
  }
}

/**
 * @param {ServerKind} kind
 * @param {object} options
 * @param {string} options.dataDir
 * @param {string} options.logFile where its output goes
 * @param {string} options.java
 * @param {string} options.classpath Weft's runtime classpath
 * @param {string[]} [options.jvmFlags] Weft's JVM flags (those of `./weft serve`; a flight recording, say)
 * @return {Promise<RunningServer>}
 */
export const startServer = async (kind, { dataDir, logFile, java, classpath, jvmFlags = [] }) => {
  const port = await freePort()
  fs.mkdirSync(dataDir, { recursive: true })
  const log = fs.openSync(logFile, 'a')
  let child
  if (kind.weft) {
    // As `./weft serve` starts it (given its JVM flags); the connection cap is raised above the 10,000 of the
    // concurrency test.
    child = spawn(java, [...jvmFlags, '-cp', classpath,
      'dev.weft.server.Weft', 'serve', '--bind', '127.0.0.1', '--port', String(port), '--data-dir', dataDir,
      '--max-connections', '20000', ...kind.flags], { stdio: ['ignore', log, log] })
  } else {
    child = spawn(process.execPath, ['--expose-gc', launcher(kind.key), String(port), dataDir],
      { stdio: ['ignore', log, log, 'ipc'] })
  }
  fs.closeSync(log)
  const server = new RunningServer(kind, child, port, java)
  try {
    await waitUntilServing(port, child, 60_000)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${kind.name}: ${error.message}; its log: ${logFile}`)
  }
  return server
}
