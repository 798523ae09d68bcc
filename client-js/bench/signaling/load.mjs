/**
 * One load process of the signalling benchmark, forked by report.mjs: `connections` WebSockets to one signalling
 * server, in topics of `topicSize` subscribers (this process's own topics), each connection keeping `window`
 * publishes in flight, a y-webrtc ICE-candidate signal each: it sends the next when the server relays one of its
 * own back (the sender is a subscriber too). Every publish a connection receives is one relayed message.
 *
 * The connections speak WebSocket over plain TCP sockets, with every frame they send encoded once up front and
 * the frames they receive only counted and, for their own publishes, recognised by their first bytes: a load
 * generator that costs as little per message as it can, so that the servers, not the clients, set the rate (a
 * general client such as `ws` spends more per message than the server it measures). Both servers relay a publish
 * with its fields in the order they came, `clients` last, which is what makes the first bytes comparable.
 *
 * Protocol with the parent over IPC: it sends {url, worker, connections, topicSize, window}; this process answers
 * {ready} once every connection has subscribed (a ping answered after the subscribe proves it), then on 'start'
 * runs, counting relayed messages, answers {counts} to each 'mark', and exits on 'stop'.
 */
import net from 'node:net'
import { publishMessage } from './signal.mjs'

/** A client-to-server text frame: masked, as RFC 6455 requires, with the all-zero key, so the payload is as is. */
const textFrame = text => {
  const payload = Buffer.from(text)
  const length = payload.length
  const header = length < 126
    ? Buffer.from([0x81, 0x80 | length])
    : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff])
  return Buffer.concat([header, Buffer.alloc(4), payload])
}

const PING = textFrame('{"type":"ping"}')
const PONG = Buffer.from('{"type":"pong"}')

const connect = (url, id, topic, window, counts) => new Promise((resolve, reject) => {
  const { hostname, port, pathname } = new URL(url)
  const message = publishMessage(id, topic)
  const publish = textFrame(message)
  // Up to the sender's id: the first bytes of this connection's own publishes as relayed.
  const own = Buffer.from(message.slice(0, message.indexOf(`"from":"${id}"`) + `"from":"${id}"`.length))
  const socket = net.connect({ host: hostname, port: Number(port), noDelay: true })
  let upgraded = false
  let running = false
  let pending = Buffer.alloc(0)

  const onFrame = (data, start, end) => {
    if (!running) {
      if (data.compare(PONG, 0, PONG.length, start, end) === 0) resolve(connection)
      return
    }
    counts.relayed++
    if (end - start >= own.length && data.compare(own, 0, own.length, start, start + own.length) === 0) {
      counts.published++
      socket.write(publish)
    }
  }

  socket.on('error', reject)
  socket.on('connect', () => {
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
      + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n')
  })
  socket.on('data', chunk => {
    let data = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    let at = 0
    if (!upgraded) {
      const end = data.indexOf('\r\n\r\n')
      if (end < 0) { pending = data; return }
      if (!data.toString('latin1', 0, 12).includes('101')) return reject(new Error(`${url} refused: ${data.toString('latin1', 0, end)}`))
      upgraded = true
      at = end + 4
      socket.write(textFrame(JSON.stringify({ type: 'subscribe', topics: [topic] })))
      socket.write(PING)
    }
    // Server frames: FIN + opcode, then a 7-bit length, or 126 and 16 bits, or 127 and 64 bits; never masked.
    while (data.length - at >= 2) {
      let length = data[at + 1] & 0x7f
      let header = 2
      if (length === 126) {
        if (data.length - at < 4) break
        length = data.readUInt16BE(at + 2)
        header = 4
      } else if (length === 127) {
        if (data.length - at < 10) break
        length = Number(data.readBigUInt64BE(at + 2))
        header = 10
      }
      if (data.length - at < header + length) break
      const opcode = data[at] & 0x0f
      if (opcode === 0x1 || opcode === 0x2) onFrame(data, at + header, at + header + length)
      // Pings are answered with a masked pong carrying the same payload.
      if (opcode === 0x9) socket.write(Buffer.concat([Buffer.from([0x8a, 0x80 | length]), Buffer.alloc(4), data.subarray(at + header, at + header + length)]))
      at += header + length
    }
    pending = at === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(at))
  })

  const connection = {
    start () {
      running = true
      for (let i = 0; i < window; i++) socket.write(publish)
    },
    close: () => socket.destroy()
  }
})

process.on('message', async request => {
  if (request.url) {
    const counts = { relayed: 0, published: 0 }
    const { url, worker, connections, topicSize, window } = request
    const all = []
    for (let i = 0; i < connections; i++) {
      all.push(await connect(url, `w${worker}c${i}`, `bench-${worker}-${Math.floor(i / topicSize)}`, window, counts))
    }
    process.removeAllListeners('message')
    process.on('message', command => {
      if (command === 'start') all.forEach(c => c.start())
      if (command === 'mark') process.send({ counts: { ...counts } })
      if (command === 'stop') {
        all.forEach(c => c.close())
        process.exit(0)
      }
    })
    process.send({ ready: true })
  }
})
