/**
 * What the Node servers' launchers share: they answer the benchmark's `heap` request over IPC with the heap in
 * use after full collections (the launcher runs with --expose-gc).
 */
import { fullGc } from '../support/measure.mjs'

export const answerHeapRequests = () => {
  process.on('message', message => {
    if (message === 'heap') process.send({ heapUsed: fullGc() })
  })
}
