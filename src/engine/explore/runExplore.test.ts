/**
 * Crash and snapshot models over engine runs. Small workloads whose answer is known: a FUA write
 * acknowledged before it is durable (the 2012 proposal) leaves a power-loss state without it; a
 * buffered write sitting in the host page cache is in an atomic snapshot of the file but not in a
 * block snapshot of the disk, and may be lost at power loss; "write, write, flush" without waiting
 * breaks a declared expectation at some instant, waiting first never does.
 */
import { describe, expect, it } from 'vitest'
import { runConfig } from '../run'
import { makeConfig, ops, thread } from '../testing'
import { candidates } from './input'
import { RunStates } from './models'
import { eventIndexOf, exploreAt, exploreEvery, instantsOf, type RunExploreOptions } from './runExplore'

const opts = (model: RunExploreOptions['model']): RunExploreOptions => ({ model, granularity: 'write', budget: 2 ** 20, samples: 4096, seed: 1, examplesPerVerdict: 2 })
const DIO = { loop: { directIo: true, logicalBlockSize: 4096 as const } }

describe('models over a run', () => {
  it('power loss can drop a FUA write the 2012 proposal acknowledged; mainline cannot', () => {
    for (const [mode, broken] of [['mainline', 0], ['proposal-2012', 1]] as const) {
      const r = runConfig(makeConfig({ loop: { ...DIO.loop, mode } }, [thread([ops.write(7, { fua: true, wait: true })])]), 1)
      const e = exploreAt(new RunStates(r), r.events, opts('power-loss'))
      expect(e.inconsistent, mode).toBe(broken)
      if (broken) expect(e.examples.find((x) => x.verdict === 'promise-broken')?.findings[0]?.sentence).toMatch(/FUA completion/)
    }
  })

  it('a buffered write in the host page cache is in an atomic snapshot, not in a block snapshot, maybe not after power loss', () => {
    const r = runConfig(makeConfig({}, [thread([ops.write(4, { wait: true, label: 'w' })])]), 1)
    const states = new RunStates(r)
    const w = r.labels.w as number
    const atomic = states.input('atomic-snapshot', r.events)
    expect(atomic.initial(4)).toBe(w)
    expect(atomic.writes).toEqual([])
    const block = states.input('block-snapshot', r.events)
    expect(block.initial(4)).toBe(0)
    expect(exploreAt(states, r.events, opts('power-loss')).states_total).toBe(2)
    expect(exploreAt(states, r.events, opts('atomic-snapshot')).states_total).toBe(1)
  })

  it('an atomic snapshot holds any subset of the writes loop has received and not completed', () => {
    const r = runConfig(makeConfig(DIO, [thread([ops.write(1), ops.write(2), ops.write(3), ops.wait()])]), 2)
    const states = new RunStates(r)
    let most = 0
    for (let i = 0; i <= r.events; i++) {
      const input = states.input('atomic-snapshot', i)
      // Every write offered is in flight at the guest, and loop already has it (R4: never before).
      for (const w of input.writes) expect(w.completeT).toBe(-1)
      // A write whose data the file already shows (completion still on its way up) is no choice.
      expect(exploreAt(states, i, opts('atomic-snapshot')).states_total).toBe(2 ** candidates(input).length)
      most = Math.max(most, candidates(input).length)
    }
    expect(most).toBe(3)
  })

  it('a fuzzy copy is one image read over time', () => {
    const r = runConfig(makeConfig({ deviceBlocks: 32 }, [thread([ops.write(1, { wait: true }), ops.sleep(1_000_000), ops.write(30, { wait: true })])]), 1)
    const e = exploreAt(new RunStates(r), 1, opts('fuzzy-copy'))
    expect(e.states_total).toBe(1)
  })

  it('declared expectations fail without waiting and hold with it', () => {
    const run = (wait: boolean, seed: number) => {
      const o = [ops.write(10, { label: 'a' }), ops.write(20, { label: 'b' }), ...(wait ? [ops.wait()] : []), ops.flush({ label: 'f', wait: true })]
      const cfg = makeConfig(DIO, [thread(o)])
      cfg.workload.expectations = [{ after: 'f', durable: ['a', 'b'] }]
      return exploreEvery(new RunStates(runConfig(cfg, seed)), opts('power-loss'))
    }
    const noWait = run(false, 3)
    expect(noWait.inconsistent).toBeGreaterThan(0)
    expect(noWait.verdicts.find((v) => v.category === 'expectation-failed')?.sentence).toMatch(/"a" was expected to be durable once "f" completed|"b" was expected/)
    for (let seed = 1; seed <= 10; seed++) expect(run(true, seed).inconsistent, `seed ${seed}`).toBe(0)
  })
})

describe('instants', () => {
  const r = runConfig(makeConfig(DIO, [thread([ops.write(1), ops.flush({ wait: true })])]), 1)

  it('resolves end, event indices and times', () => {
    expect(eventIndexOf(r, 'end')).toBe(r.events)
    expect(eventIndexOf(r, { event: 3 })).toBe(3)
    expect(eventIndexOf(r, { t: -1 })).toBe(0)
    const t = r.log.time[5] as number
    const i = eventIndexOf(r, { t })
    expect(r.log.time[i - 1]).toBe(t)
    expect(i === r.events || (r.log.time[i] as number) > t).toBe(true)
    expect(() => eventIndexOf(r, { event: r.events + 1 })).toThrow(RangeError)
  })

  it('lists each instant where the state set can change, from start to end', () => {
    const list = instantsOf(r, 'power-loss')
    expect(list[0]).toBe(0)
    expect(list[list.length - 1]).toBe(r.events)
    expect([...list].sort((a, b) => a - b)).toEqual(list)
    expect(new Set(list).size).toBe(list.length)
  })
})
