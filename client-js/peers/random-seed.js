// lib0's PRNG fills its state from the seed with xorshift32, which stays at zero for seed 0 and starts
// similar states from neighbouring seeds; the fuzz runs seeds 1, 2, 3... so each is scrambled first.
import * as prng from 'lib0/prng'

/** murmur3's 32-bit finaliser: a bijection on uint32 that spreads neighbouring seeds apart */
const fmix32 = h => {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * @param {number} seed any integer in [0, 2^32)
 * @return {prng.PRNG}
 */
export const createGenerator = seed => {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed must be an integer in [0, 2^32), not ${seed}`)
  }
  return prng.create(fmix32((seed ^ 0x9e3779b9) >>> 0) || 1)
}
