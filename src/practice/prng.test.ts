/**
 * The practice generator's PRNG is part of every problem: seed N must give problem N forever.
 * These tests pin its first outputs and the sub-stream mixer (a change must bump
 * PRACTICE_VERSION), and check that the helpers stay in range and use every value.
 */
import { describe, expect, it } from 'vitest'
import { mixSeed, PRACTICE_PRNG, PracticeRng } from './prng'

describe('PracticeRng (mulberry32)', () => {
  it('is pinned: these streams never change at one PRACTICE_VERSION', () => {
    expect(PRACTICE_PRNG).toBe('mulberry32')
    const r = new PracticeRng(1)
    expect([r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([2693262067, 11749833, 2265367787])
    const z = new PracticeRng(0)
    expect([z.nextU32(), z.nextU32()]).toEqual([1144304738, 1416247])
    expect([mixSeed(0, 0), mixSeed(7, 1), mixSeed(2 ** 31 - 1, 3)]).toEqual([
      2462723854, 746935934, 393731044,
    ])
  })

  it('is the published mulberry32: it agrees with the algorithm as its comment writes it down', () => {
    // The algorithm, step by step as prng.ts documents it, written again here on purpose.
    const reference = (seed: number): (() => number) => {
      let state = seed >>> 0
      return () => {
        state = (state + 0x6d2b79f5) >>> 0
        let t = Math.imul(state ^ (state >>> 15), state | 1)
        t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t
        return (t ^ (t >>> 14)) >>> 0
      }
    }
    for (const seed of [0, 1, 17, 2 ** 31 - 1, 0xdeadbeef]) {
      const ours = new PracticeRng(seed)
      const ref = reference(seed)
      for (let i = 0; i < 100; i++) expect(ours.nextU32()).toBe(ref())
    }
  })

  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new PracticeRng(42)
    const b = new PracticeRng(42)
    const c = new PracticeRng(43)
    const xs = Array.from({ length: 6 }, () => a.nextU32())
    expect(Array.from({ length: 6 }, () => b.nextU32())).toEqual(xs)
    expect(Array.from({ length: 6 }, () => c.nextU32())).not.toEqual(xs)
  })

  it('keeps int, range and pick in range and reaches every value', () => {
    const r = new PracticeRng(3)
    const seen = new Set<number>()
    for (let i = 0; i < 2000; i++) {
      const x = r.int(7)
      expect(Number.isInteger(x) && x >= 0 && x < 7).toBe(true)
      seen.add(x)
      const y = r.range(3, 5)
      expect(y >= 3 && y <= 5).toBe(true)
    }
    expect(seen.size).toBe(7)
    expect(['a', 'b']).toContain(r.pick(['a', 'b']))
  })

  it('shuffles into a permutation and leaves its input alone', () => {
    const r = new PracticeRng(9)
    const input = [1, 2, 3, 4, 5, 6]
    const out = r.shuffle(input)
    expect(out.slice().sort()).toEqual(input)
    expect(input).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('rejects seeds and bounds it cannot honour', () => {
    expect(() => new PracticeRng(-1)).toThrow(RangeError)
    expect(() => new PracticeRng(1.5)).toThrow(RangeError)
    expect(() => new PracticeRng(2 ** 32)).toThrow(RangeError)
    const r = new PracticeRng(1)
    expect(() => r.int(0)).toThrow(RangeError)
    expect(() => r.pick([])).toThrow(RangeError)
  })
})
