// Trace replay in Yjs: code-point positions become UTF-16 indices, one Yjs transaction per trace transaction.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import * as Y from 'yjs'
import { replayTrace } from '../peers/trace.js'
import { fromBase64 } from '../peers/wire.js'

const withTraceFile = (trace, gzip, body) => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-trace-'))
  try {
    const path = join(dir, gzip ? 'trace.json.gz' : 'trace.json')
    const json = Buffer.from(JSON.stringify(trace))
    writeFileSync(path, gzip ? gzipSync(json) : json)
    return body(path)
  } finally {
    rmSync(dir, { recursive: true })
  }
}

test('positions count code points, also after characters outside the BMP', () => {
  const trace = {
    startContent: 'a😀b',
    endContent: 'a😀X𝄞c',
    txns: [
      { patches: [[2, 1, 'X'], [3, 0, '𝄞c']] }, // 'b' (code point 2) becomes 'X', then text after it
      { patches: [[4, 0, 'zz']] },
      { patches: [[4, 2, '']] }
    ]
  }
  for (const gzip of [true, false]) {
    const result = withTraceFile(trace, gzip, path => replayTrace({ path, clientId: 3 }))
    assert.equal(result.reachedEndContent, true)
    assert.equal(result.length, trace.endContent.length)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, fromBase64(result.update))
    assert.equal(doc.getText('text').toString(), trace.endContent)
    assert.deepEqual([...Y.decodeStateVector(fromBase64(result.stateVector)).keys()], [3])
  }
})

test('each trace transaction is one Yjs transaction', () => {
  const trace = { startContent: '', endContent: 'abcd', txns: [{ patches: [[0, 0, 'ab'], [2, 0, 'cd']] }] }
  const result = withTraceFile(trace, false, path => replayTrace({ path, clientId: 1 }))
  // One transaction merges both inserts into a single struct: one client, one struct, clock 4.
  const { structs } = Y.decodeUpdate(fromBase64(result.update))
  assert.equal(structs.length, 1)
  assert.equal(structs[0].length, 4)
})

test('a trace that does not reach its end content says so', () => {
  const trace = { startContent: '', endContent: 'nope', txns: [{ patches: [[0, 0, 'yes']] }] }
  const result = withTraceFile(trace, false, path => replayTrace({ path, clientId: 1 }))
  assert.equal(result.reachedEndContent, false)
})
