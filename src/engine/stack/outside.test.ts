/**
 * Events from outside the stack: power loss ends the run at its instant (requests in flight never
 * complete); snapshots are recorded instants; a fuzzy copy reads every block once, along its scan
 * order, each at its own time, and sees what the host would show a reader then.
 */
import { describe, expect, it } from 'vitest'
import { Ev } from '../events'
import { runConfig } from '../run'
import { makeConfig, ops, thread } from '../testing'
import { Outside } from '../vocabulary'

describe('outside events', () => {
  it('power loss stops everything at its instant', () => {
    const cfg = makeConfig({ deviceBlocks: 64 }, [thread([ops.write(1), ops.write(2), ops.powerLoss(), ops.write(3, { wait: true })])])
    const r = runConfig(cfg, 1)
    expect(r.stop).toBe('power-loss')
    const last = r.events - 1
    expect(r.log.kind[last]).toBe(Ev.OUTSIDE)
    expect(r.log.a[last]).toBe(Outside.POWER_LOSS)
    expect(r.verdicts.find((v) => v.check === 'requests-complete')?.ok).toBe(true)
    let open = 0
    for (let id = 1; id < r.requests.length; id++) if (!r.requests.isComplete(id)) open++
    expect(open).toBeGreaterThan(0)
  })

  it('a timed power loss keeps the run alive until it fires', () => {
    const cfg = makeConfig({ deviceBlocks: 64 }, [thread([ops.write(1, { wait: true })])])
    cfg.workload.events.push({ at: 50_000_000, kind: 'power-loss', order: 'ascending', nsPerBlock: 0 })
    const r = runConfig(cfg, 1)
    expect(r.stop).toBe('power-loss')
    expect(r.log.time[r.events - 1]).toBe(50_000_000)
  })

  it('snapshots are instants in the log and do not stop the run', () => {
    const cfg = makeConfig({ deviceBlocks: 64 }, [thread([ops.write(1), ops.snapshot(), ops.write(2, { wait: true })])])
    cfg.workload.events.push({ at: 10, kind: 'block-snapshot', order: 'ascending', nsPerBlock: 0 })
    const r = runConfig(cfg, 1)
    const kinds: number[] = []
    for (let i = 0; i < r.events; i++) if (r.log.kind[i] === Ev.OUTSIDE) kinds.push(r.log.a[i] as number)
    expect(kinds.sort()).toEqual([Outside.ATOMIC_SNAPSHOT, Outside.BLOCK_SNAPSHOT])
    expect(r.stop).toBe('idle')
  })

  for (const order of ['ascending', 'descending', 'random'] as const) {
    it(`a fuzzy copy reads every block once in ${order} order, each at its own time`, () => {
      const cfg = makeConfig({ deviceBlocks: 16 }, [thread([ops.write(3, { wait: true, label: 'w' })])])
      cfg.workload.events.push({ at: 1_000_000, kind: 'fuzzy-copy', order, nsPerBlock: 1000 })
      const r = runConfig(cfg, 4)
      const reads: Array<[number, number, number]> = []
      for (let i = 0; i < r.events; i++) if (r.log.kind[i] === Ev.FUZZY_READ) reads.push([r.log.a[i] as number, r.log.b[i] as number, r.log.time[i] as number])
      expect(reads.map((x) => x[0]).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i))
      if (order === 'ascending') expect(reads.map((x) => x[0])).toEqual(Array.from({ length: 16 }, (_, i) => i))
      if (order === 'descending') expect(reads.map((x) => x[0])).toEqual(Array.from({ length: 16 }, (_, i) => 15 - i))
      expect(new Set(reads.map((x) => x[2])).size).toBe(16)
      // Block 3 was written (through the host page cache) before the copy started.
      expect(reads.find((x) => x[0] === 3)?.[1]).toBe(r.labels.w)
      expect(r.labels.w).toBeGreaterThan(0)
      expect(reads.find((x) => x[0] === 4)?.[1]).toBe(0)
    })
  }
})
