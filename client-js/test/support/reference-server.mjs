// The reference y-websocket server, @y/websocket-server (pinned), that the peers and the editor page are checked
// against before and beside Weft: the same clients must behave the same against both.
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { readFile } from 'node:fs/promises'
import { join, extname } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { WebSocketServer } from 'ws'
import { setupWSConnection, docs } from '@y/websocket-server/utils'

const bin = fileURLToPath(new URL('../../node_modules/@y/websocket-server/src/server.js', import.meta.url))

const freePort = () => new Promise((resolve, reject) => {
  const probe = createNetServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address()
    probe.close(() => resolve(port))
  }).on('error', reject)
})

/**
 * Starts the package's own server (its `y-websocket-server` bin) on a free loopback port.
 * The bin takes its port from PORT and does not say which one it got when given 0, hence the probe for a free one.
 *
 * @param {{port?: number|string}} options a port to listen on again (a restart), else a free one
 * @return {Promise<{url: string, stop: () => Promise<void>}>}
 */
export const startReferenceServer = async ({ port = undefined } = {}) => {
  port ??= await freePort()
  const child = spawn(process.execPath, [bin], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = new Promise(resolve => child.on('exit', resolve))
  await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', line => {
      if (line.startsWith('running at')) {
        resolve()
      }
    })
    exited.then(code => reject(new Error(`y-websocket-server exited with ${code} before it listened`)))
  })
  return {
    url: `ws://127.0.0.1:${port}`,
    stop: async () => {
      child.kill()
      await exited
    }
  }
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json'
}

/**
 * Serves the built editor page from `webDir` at `/` (as Weft does) and syncs its documents through the reference
 * server's connection handler, so that the page can be tried against y-websocket's own server.
 *
 * @param {string} webDir the output of scripts/build-editor.mjs
 * @return {Promise<{url: string, stop: () => Promise<void>}>} url: http://127.0.0.1:<port>
 */
export const startReferencePageServer = async webDir => {
  const server = createServer(async (request, response) => {
    const name = new URL(request.url, 'http://localhost').pathname.slice(1) || 'index.html'
    const type = CONTENT_TYPES[extname(name)]
    if (type === undefined || name.includes('/')) {
      response.writeHead(404).end()
      return
    }
    try {
      const body = await readFile(join(webDir, name))
      response.writeHead(200, { 'Content-Type': type }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  const sockets = new WebSocketServer({ server })
  sockets.on('connection', setupWSConnection)
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: async () => {
      for (const client of sockets.clients) {
        client.terminate()
      }
      await new Promise(resolve => sockets.close(resolve))
      await new Promise(resolve => server.close(resolve))
      // The handler keeps every document (and its awareness timer) for the life of the process.
      for (const doc of docs.values()) {
        doc.destroy()
      }
      docs.clear()
    }
  }
}
