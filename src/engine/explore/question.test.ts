/**
 * The Web Worker contract: a question is answered in slices, reports progress between them, can
 * be abandoned halfway (cancel = stop stepping) without harm to the next question, and when
 * finished gives the same answer as a one-shot exploration.
 */
import { describe, expect, it } from 'vitest'
import { runConfig } from '../run'
import { makeConfig, ops, thread } from '../testing'
import { CrashOracle } from './question'
import { exploreAt } from './runExplore'
import { RunStates } from './models'
import { DEFAULT_OPTIONS } from './explore'

describe('CrashOracle', () => {
  // 18 overlapping writes in flight at once on a DIO loop: their choices are not independent,
  // so the walker needs many slices.
  const writes = Array.from({ length: 18 }, (_, i) => ops.write(i, { count: 2 }))
  const run = runConfig(makeConfig({ loop: { directIo: true, logicalBlockSize: 4096 } }, [thread([...writes, ops.flush({ wait: true, label: 'f' }), ops.wait()])]), 1)
  const oracle = new CrashOracle(run)
  const busiest = (() => {
    let best = 0
    let at = 0
    const states = new RunStates(run)
    for (let i = 0; i <= run.events; i += 5) {
      const n = states.input('atomic-snapshot', i).writes.length
      if (n > best) [best, at] = [n, i]
    }
    return at
  })()

  it('answers in slices with progress, like a one-shot exploration', () => {
    const q = oracle.ask({ model: 'atomic-snapshot', event: busiest })
    let slices = 0
    expect(q.step(1)).toBe(false)
    while (!q.step(1000)) {
      slices++
      const p = q.progress()
      expect(p.checked).toBeLessThanOrEqual(p.of)
      expect(p.done).toBe(false)
    }
    expect(q.progress().done).toBe(true)
    expect(slices).toBeGreaterThan(2)
    const oneShot = exploreAt(new RunStates(run), busiest, { ...DEFAULT_OPTIONS, model: 'atomic-snapshot' })
    expect(q.result()).toEqual(oneShot)
  })

  it('can be abandoned halfway; the next question is unaffected', () => {
    const q = oracle.ask({ model: 'atomic-snapshot', event: busiest })
    q.step(10)
    expect(q.progress().done).toBe(false)
    const next = oracle.ask({ model: 'power-loss', event: run.events })
    while (!next.step());
    expect(next.result().event).toBe(run.events)
  })

  it('refuses an instant outside the run', () => {
    expect(() => oracle.ask({ model: 'power-loss', event: run.events + 1 })).toThrow(RangeError)
  })
})
