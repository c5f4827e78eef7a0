/**
 * The explorer against hand-computed oracles (crash-model §4.3). Each case is a small block trace
 * whose state count can be worked out on paper: disjoint volatile writes, flushes that cover some
 * of them, FUA, a flush racing a write in flight, overlapping writes at sector granularity, and a
 * happens-before chain of overwrites. Sampling, slicing and the promise check are covered too.
 */
import { describe, expect, it } from 'vitest'
import { Rng } from '../kernel/rng'
import { expectationCheck, promiseCheck } from './checks'
import { explore, Exploration, DEFAULT_OPTIONS } from './explore'
import type { CrashInput } from './input'
import { powerLossFromTrace, type TraceRequest } from './trace'

let nextId = 1
function write(block: number, submitT: number, completeT: number, extra: Partial<TraceRequest> = {}): TraceRequest {
  return { id: nextId++, op: 'write', block, count: 1, preflush: false, fua: false, submitT, completeT, ...extra }
}
function flush(submitT: number, completeT: number): TraceRequest {
  return { id: nextId++, op: 'flush', block: 0, count: 0, preflush: true, fua: false, submitT, completeT }
}

describe('state counts', () => {
  it('n disjoint volatile writes give 2^n states', () => {
    for (const n of [0, 1, 3, 10]) {
      const trace = Array.from({ length: n }, (_, i) => write(i, i, i + 100))
      const r = explore(powerLossFromTrace(trace, 10_000))
      expect(r.states_total).toBe(2 ** n)
      expect(r.distinct).toBe(2 ** n)
      expect(r.exhaustive).toBe(true)
    }
  })

  it('a completed flush submitted after k of them completed leaves 2^(n-k)', () => {
    const n = 6
    const k = 4
    const trace = Array.from({ length: n }, (_, i) => write(i, 10 * i, i < k ? 10 * i + 5 : 1000))
    trace.push(flush(100, 200))
    const r = explore(powerLossFromTrace(trace, 2000))
    expect(r.states_total).toBe(2 ** (n - k))
    expect(r.formula).toMatch(/^2\^2 subsets of 2 volatile writes/)
  })

  it('a completed FUA write is durable: it is in every state', () => {
    const fua = write(7, 0, 50, { fua: true })
    const r = explore(powerLossFromTrace([fua, write(8, 0, 60)], 100))
    expect(r.states_total).toBe(2)
    const input = powerLossFromTrace([fua], 100)
    expect(input.base.get(7)?.version).toBe(fua.id)
  })

  it('a flush submitted while a write is in flight does not cover it', () => {
    const w = write(3, 0, 500)
    const f = flush(100, 200)
    const r = explore(powerLossFromTrace([w, f], 1000))
    expect(r.states_total).toBe(2)
    const covered = explore(powerLossFromTrace([write(3, 0, 50), flush(100, 200)], 1000))
    expect(covered.states_total).toBe(1)
  })

  it('overlapping writes at sector granularity follow the per-sector product', () => {
    const a = write(0, 0, 100, { count: 2 })
    const b = write(1, 10, 110, { count: 2 })
    const r = explore(powerLossFromTrace([a, b], 1000), { granularity: 'sector' })
    // block 0: {old, a}; block 1: {old, a, b}; block 2: {old, b}
    expect(r.states_total).toBe(2 * 3 * 2)
    expect(r.distinct).toBe(12)
    expect(r.formula).toContain('2·3·2 = 12')
  })

  it('unordered overlapping writes at write granularity add the choice of which landed last', () => {
    const a = write(0, 0, 100, { count: 2 })
    const b = write(1, 10, 110, { count: 2 })
    const r = explore(powerLossFromTrace([a, b], 1000))
    // {}, {a}, {b}, {a,b} with block 1 = a or b: 5 states
    expect(r.states_total).toBe(5)
    expect(r.distinct).toBe(5)
  })

  it('a happens-before chain of overwrites of one block gives one state per version plus the old one', () => {
    const chain = [write(5, 0, 10), write(5, 20, 30), write(5, 40, 50)]
    const w = explore(powerLossFromTrace(chain, 100))
    expect(w.distinct).toBe(4)
    expect(w.states_total).toBe(8)
    const s = explore(powerLossFromTrace(chain, 100), { granularity: 'sector' })
    expect(s.states_total).toBe(4)
    expect(s.distinct).toBe(4)
  })
})

describe('budget, sampling and slices', () => {
  const trace = Array.from({ length: 16 }, (_, i) => write(i, i, i + 100))

  it('samples with a seed when the space is over budget, and says so', () => {
    const r = explore(powerLossFromTrace(trace, 10_000), { budget: 1000, samples: 500, seed: 9, factorize: false })
    expect(r.exhaustive).toBe(false)
    expect(r.states_checked).toBe(500)
    expect(r.states_total).toBe(2 ** 16)
    expect(r.coverage).toMatch(/seeded sample \(seed 9\) of 500 states/)
    const again = explore(powerLossFromTrace(trace, 10_000), { budget: 1000, samples: 500, seed: 9, factorize: false })
    expect(again.distinct).toBe(r.distinct)
  })

  it('gives the same result in slices as in one go', () => {
    const input = powerLossFromTrace(trace, 10_000)
    const e = new Exploration(input, { ...DEFAULT_OPTIONS, factorize: false })
    let slices = 0
    while (!e.advance(1000)) slices++
    expect(slices).toBeGreaterThan(10)
    expect(e.result()).toEqual(explore(input, { factorize: false }))
  })
})

describe('checks', () => {
  it('finds a broken promise and shows the state', () => {
    const w = write(2, 0, 10, { fua: true })
    const trace = [w]
    // A stack that acknowledged the FUA write without making it durable: nothing is in the base.
    const input: CrashInput = { ...powerLossFromTrace(trace, 100), base: new Map(), writes: [{ id: w.id, blocks: [2], versions: [w.id], submitT: 0, completeT: 10 }] }
    const r = explore(input, { blockwise: [promiseCheck(trace, 100)] })
    expect(r.states_total).toBe(2)
    expect(r.inconsistent).toBe(1)
    const bad = r.verdicts.find((v) => v.category === 'promise-broken')
    expect(bad?.states).toBe(1)
    expect(bad?.sentence).toMatch(/promised durable by its FUA completion/)
    expect(r.examples.find((x) => x.verdict === 'promise-broken')?.changed).toEqual([])
  })
})

describe('counting by product', () => {
  it('agrees with enumeration on random traces (seeded)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = new Rng(seed)
      const trace: TraceRequest[] = []
      let id = 1
      const n = 1 + rng.int(9)
      for (let i = 0; i < n; i++) {
        const submitT = rng.int(100)
        const done = rng.chance(0.8) ? submitT + 1 + rng.int(100) : -1
        trace.push({ id: id++, op: rng.chance(0.9) ? 'write' : 'discard', block: rng.int(12), count: 1 + rng.int(3), preflush: rng.chance(0.1), fua: rng.chance(0.15), submitT, completeT: done, label: `w${i}` })
      }
      for (let f = rng.int(3); f > 0; f--) {
        const submitT = rng.int(200)
        trace.push({ id: id++, op: 'flush', block: 0, count: 0, preflush: true, fua: false, submitT, completeT: rng.chance(0.7) ? submitT + rng.int(50) : -1, label: `f${f}` })
      }
      const t = 150 + rng.int(100)
      const base = powerLossFromTrace(trace, t)
      // Drop the base sometimes, as a stack that breaks its promises would.
      const input = rng.chance(0.3) ? { ...base, base: new Map() } : base
      const expectations = [{ after: 'f1', durable: ['w0', 'w1'] }]
      for (const granularity of ['write', 'sector'] as const) {
        const opts = { granularity, blockwise: [promiseCheck(trace, t), expectationCheck(trace, t, expectations)] }
        const walked = explore(input, { ...opts, factorize: false })
        const counted = explore(input, opts)
        if (!walked.exhaustive) continue
        const key = (r: typeof walked) => ({ total: r.states_total, inconsistent: r.inconsistent, verdicts: r.verdicts.map((v) => [v.category, v.states]).sort() })
        // Product counting applies only where choices are independent; elsewhere both walk.
        expect(key(counted), `seed ${seed} ${granularity}`).toEqual(key(walked))
        if (counted.coverage.includes('by product')) expect(counted.distinct, `seed ${seed}`).toBe(walked.distinct)
      }
    }
  })
})
