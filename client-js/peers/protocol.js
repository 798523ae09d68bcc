// The request/response protocol of yjs-interop.js, apart from its stdin/stdout plumbing. One request is one JSON
// object with an "op" and an optional "id" echoed in the response:
//   {"id": 1, "op": "session", "seed": 42, "kinds": ["array", "map"]}              -> session.js
//   {"id": 2, "op": "replay", "clientId": 9, "gc": true, "kinds": [...],
//    "updates": [{"format": 1, "update": "<base64>"}], "checkpoints": [3, 10], "diffs": ["<base64 sv>"],
//    "snapshotAt": 5 (optional, gc false only)}
//                                                                                   -> witness.js
//   {"id": 3, "op": "trace", "path": "<absolute path>.json.gz", "clientId": 1}      -> trace.js
//   {"id": 4, "op": "updates", "format": 1, "updates": ["<base64>"], "stateVector": "<base64>"}
//                                                                                   -> update-utilities.js
// Responses: {"id": 1, "ok": true, "result": {...}} or {"id": 1, "ok": false, "error": "<stack>"}.
// Updates and state vectors travel as base64.
import { runSession } from './session.js'
import { replay } from './witness.js'
import { replayTrace } from './trace.js'
import { updateUtilities } from './update-utilities.js'
import { toBase64 } from './wire.js'

const encodeUpdate = ({ v1, v2, ...rest }) => ({ ...rest, v1: toBase64(v1), v2: toBase64(v2) })

const operations = {
  session: request => {
    const { clientIds, updates, syncs, peers } = runSession(request)
    return { clientIds, updates: updates.map(encodeUpdate), syncs: syncs.map(encodeUpdate), peers }
  },
  replay,
  trace: replayTrace,
  updates: updateUtilities
}

/**
 * @param {string} line one request
 * @return {Object} its response
 */
export const handle = line => {
  let id = null
  try {
    const request = JSON.parse(line)
    id = request.id ?? null
    const operation = Object.hasOwn(operations, request.op) ? operations[request.op] : undefined
    if (operation === undefined) {
      throw new Error(`unknown op ${JSON.stringify(request.op)}: expected one of ${Object.keys(operations)}`)
    }
    return { id, ok: true, result: operation(request) }
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? error.stack : String(error) }
  }
}
