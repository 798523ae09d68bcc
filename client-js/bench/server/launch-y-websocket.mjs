/**
 * Starts @y/websocket-server's own server (its `y-websocket-server` bin, src/server.js, unchanged) in this
 * process, with its persistence on: `node --expose-gc launch-y-websocket.mjs PORT DATA_DIR`. The bin takes
 * HOST, PORT and YPERSISTENCE (a y-leveldb directory, which stores every update) from the environment.
 */
import path from 'node:path'
import { answerHeapRequests } from './launcher-ipc.mjs'

const [port, dataDir] = process.argv.slice(2)
process.env.HOST = '127.0.0.1'
process.env.PORT = port
process.env.YPERSISTENCE = path.join(dataDir, 'leveldb')
answerHeapRequests()
await import(new URL('../../node_modules/@y/websocket-server/src/server.js', import.meta.url))
