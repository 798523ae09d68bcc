/**
 * Starts a Hocuspocus server with its SQLite persistence (@hocuspocus/extension-sqlite), otherwise as configured
 * by default: `node --expose-gc launch-hocuspocus.mjs PORT DATA_DIR`. Only the idle timeout is raised, from
 * 60 s to 10 min: the benchmark's idle clients send nothing (a real provider's awareness keeps them alive).
 * SIGTERM stores every pending document before the process exits (Hocuspocus's stopOnSignals).
 */
import path from 'node:path'
import { Server } from '@hocuspocus/server'
import { SQLite } from '@hocuspocus/extension-sqlite'
import { answerHeapRequests } from './launcher-ipc.mjs'

const [port, dataDir] = process.argv.slice(2)
answerHeapRequests()
const server = new Server({
  port: Number(port),
  address: '127.0.0.1',
  quiet: true,
  timeout: 10 * 60_000,
  extensions: [new SQLite({ database: path.join(dataDir, 'hocuspocus.sqlite') })]
})
await server.listen()
