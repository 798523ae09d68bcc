// What the editor page reads from its own URL: which document, and where to sync it. (The page itself is tested
// in Chromium: editor-page.test.mjs here, and the server's EditorPageTest against Weft.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connectionFor, addressOf, DEFAULT_DOCUMENT } from '../editor/connection.js'

test('the page syncs with the host that served it, on the document ?doc= names, passing a token on', () => {
  assert.deepEqual(connectionFor({ protocol: 'http:', host: 'localhost:8080', search: '?doc=notes&token=abc.def' }),
    { serverUrl: 'ws://localhost:8080', docName: 'notes', params: { token: 'abc.def' } })
  assert.deepEqual(connectionFor({ protocol: 'https:', host: 'weft.example', search: '' }),
    { serverUrl: 'wss://weft.example', docName: DEFAULT_DOCUMENT, params: {} })
  assert.equal(connectionFor({ protocol: 'http:', host: 'h', search: '?doc=' }).docName, DEFAULT_DOCUMENT)
  assert.equal(addressOf({ search: '?doc=a&token=t' }, 'b c'), '?doc=b+c&token=t')
})
