/**
 * Seeded pseudo-random generator. The algorithm is part of the scenario schema: schema version 1
 * pins sfc32 seeded through splitmix32, so a (scenario, seed) pair gives the same run forever. The
 * state is four 32-bit words of plain data, so a run can be checkpointed and resumed.
 */
export interface RngState {
  a: number
  b: number
  c: number
  d: number
}

export const RNG_ALGORITHM = 'sfc32/splitmix32'

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`)
    // Fold the high bits in too, so seeds that differ only above bit 32 still differ.
    const lo = seed >>> 0
    const hi = Math.floor(seed / 0x100000000) >>> 0
    this.a = splitmix32(lo)
    this.b = splitmix32(this.a ^ hi)
    this.c = splitmix32(this.b)
    this.d = splitmix32(this.c ^ 0x5bd1e995)
    for (let i = 0; i < 12; i++) this.nextU32()
  }

  static fromState(state: RngState): Rng {
    const r = new Rng(0)
    r.a = state.a
    r.b = state.b
    r.c = state.c
    r.d = state.d
    return r
  }

  state(): RngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d }
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`int(n) needs a positive integer, got ${n}`)
    if (n <= 0x100000000) {
      // Rejection sampling keeps the distribution exact for every n.
      const limit = 0x100000000 - (0x100000000 % n)
      for (;;) {
        const x = this.nextU32()
        if (x < limit) return x % n
      }
    }
    return Math.floor(this.float() * n)
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }

  /** Uniform float in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.nextU32() >>> 5
    const lo = this.nextU32() >>> 6
    return (hi * 67108864 + lo) / 9007199254740992
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[this.int(items.length)] as T
  }

  /** Independent child stream, so adding draws in one layer does not shift another layer's. */
  fork(label: number): Rng {
    return new Rng(((this.nextU32() ^ Math.imul(label, 0x9e3779b1)) >>> 0) + label * 0x100000000)
  }
}
