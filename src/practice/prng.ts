/**
 * The practice generator's own seeded generator, pinned with PRACTICE_VERSION: seed N must give
 * problem N forever, so it depends on nothing that may change elsewhere (not the engine's Rng,
 * whose algorithm follows the scenario schema, and never Math.random).
 *
 * Algorithm (PRACTICE_PRNG = 'mulberry32'), on 32-bit unsigned words:
 *   state ← (state + 0x6D2B79F5) mod 2^32
 *   t ← imul(state ⊕ (state >>> 15), state | 1)
 *   t ← (t + imul(t ⊕ (t >>> 7), t | 61)) ⊕ t
 *   output ← t ⊕ (t >>> 14)
 * int(n) draws uniformly from [0, n) by rejection (outputs at or above the largest multiple of n
 * below 2^32 are drawn again), so no value is favoured.
 */
export const PRACTICE_PRNG = 'mulberry32'

export class PracticeRng {
  private state: number

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new RangeError(`practice seed must be an integer in 0..2^32-1, got ${seed}`)
    this.state = seed >>> 0
  }

  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = Math.imul(this.state ^ (this.state >>> 15), this.state | 1)
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t
    return (t ^ (t >>> 14)) >>> 0
  }

  /** Uniform integer in [0, n), 1 ≤ n ≤ 2^32. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000)
      throw new RangeError(`int(n) needs an integer in 1..2^32, got ${n}`)
    const limit = 0x100000000 - (0x100000000 % n)
    for (;;) {
      const x = this.nextU32()
      if (x < limit) return x % n
    }
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }

  /** True with probability percent / 100 (an integer percentage keeps the draw exact). */
  percent(percent: number): boolean {
    return this.int(100) < percent
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[this.int(items.length)] as T
  }

  /** A shuffled copy (Fisher–Yates, last position first). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice()
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const tmp = out[i] as T
      out[i] = out[j] as T
      out[j] = tmp
    }
    return out
  }
}

/** Mixes a seed with a small tag into a new 32-bit seed (splitmix-style finalizer), for sub-streams. */
export function mixSeed(seed: number, tag: number): number {
  let z = (seed ^ Math.imul(tag + 1, 0x9e3779b9)) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}
