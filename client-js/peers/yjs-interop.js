#!/usr/bin/env node
// The Yjs side of Weft's differential tests, run as one long-lived process per Java test class: one JSON request
// per line on stdin, one JSON response per line on stdout, in order (see protocol.js). It exits when stdin closes.
import { createInterface } from 'node:readline'
import { handle } from './protocol.js'

// stdout carries the protocol alone: Yjs warns with console.log (e.g. when an update brings structs of the
// receiving document's own client id), so every console method writes to stderr instead.
for (const method of ['log', 'info', 'warn', 'debug']) {
  console[method] = console.error
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
lines.on('line', line => {
  if (line.trim().length > 0) {
    process.stdout.write(JSON.stringify(handle(line)) + '\n')
  }
})
