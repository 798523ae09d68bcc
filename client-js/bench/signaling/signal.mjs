/** What the signalling benchmark's connections publish: a y-webrtc ICE-candidate signal, as y-webrtc sends it. */

/** The publish that connection `from` sends to `topic`, as JSON text. */
export const publishMessage = (from, topic) => JSON.stringify({
  type: 'publish',
  topic,
  data: {
    type: 'signal',
    from,
    to: 'peer',
    token: 0.7310585786300049,
    signal: {
      type: 'candidate',
      candidate: {
        candidate: 'candidate:842163049 1 udp 1677729535 192.0.2.10 52311 typ srflx raddr 10.0.0.5 rport 52311 generation 0 ufrag Xk9v network-cost 999',
        sdpMLineIndex: 0,
        sdpMid: '0'
      }
    }
  }
})
