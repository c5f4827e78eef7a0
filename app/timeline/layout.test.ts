import { describe, expect, it } from 'vitest'
import { Flag, Layer } from '../../src/engine'
import {
  buildTimeline,
  Cat,
  categoryOf,
  familyOf,
  idleStretches,
  Mark,
  MAX_ROWS,
  packRows,
} from './layout'
import { runOf } from './fixture.testkit'
import { chooseGaps } from './scales'

describe('row packing', () => {
  it('puts overlapping requests on separate rows and reuses free rows', () => {
    const row = new Uint8Array(4)
    const used = packRows([0, 1, 5, 6], [4, 3, 7, 8], 6, row)
    expect([...row]).toEqual([0, 1, 0, 1])
    expect(used).toBe(2)
  })

  it('caps the rows: more overlap the last one', () => {
    const row = new Uint8Array(5)
    expect(packRows([0, 0, 0, 0, 0], [9, 9, 9, 9, 9], 3, row)).toBe(3)
    expect([...row]).toEqual([0, 1, 2, 2, 2])
  })
})

describe('lanes of a run', () => {
  it('has a lane per layer with requests, in stack order, every request once', () => {
    const run = runOf('unlink-snapshot', 'jbd2')
    const d = buildTimeline(run.p, run.duration)
    expect(d.lanes.map((l) => l.label)).toEqual([
      'guest block layer',
      'loop',
      'host block layer',
      'host disk',
    ])
    expect(d.requests).toBe(run.p.requests.length - 1)
    for (const l of d.lanes) {
      for (let i = 1; i < l.submit.length; i++)
        expect(l.submit[i]).toBeGreaterThanOrEqual(l.submit[i - 1] as number)
      for (let i = 0; i < l.ids.length; i++) {
        expect(l.end[i]).toBeGreaterThanOrEqual(l.start[i] as number)
        expect(l.start[i]).toBeGreaterThanOrEqual(l.submit[i] as number)
        expect(l.end[i]! - l.submit[i]!).toBeLessThanOrEqual(l.maxDur)
        expect(l.row[i]).toBeLessThan(MAX_ROWS)
      }
    }
    // The PREFLUSH|FUA journal commit is marked.
    const blk = d.lanes[0]!
    const commit = [...blk.ids].findIndex((id) => (run.p.requests.flags[id] as number) & Flag.FUA)
    expect(blk.marks[commit]! & Mark.FUA).toBeTruthy()
    expect(blk.marks[commit]! & Mark.PREFLUSH).toBeTruthy()
  })

  it('splits the loop layer per worker, named after the workers', () => {
    const run = runOf('aio-order', 'cgroup-workers')
    const d = buildTimeline(run.p, run.duration)
    const loop = d.lanes.filter((l) => l.layer === Layer.LOOP)
    expect(loop.map((l) => l.label)).toEqual([
      'loop · root worker',
      'loop · a worker',
      'loop · b worker',
    ])
    const layers = d.lanes.map((l) => l.layer)
    expect([...layers].sort((a, b) => a - b)).toEqual(layers)
    for (const l of loop) for (const id of l.ids) expect(run.p.requests.lane[id]).toBe(l.worker)
  })

  it('indexes children and walks a family both ways', () => {
    const run = runOf('unlink-snapshot', 'jbd2')
    const d = buildTimeline(run.p, run.duration)
    const r = run.p.requests
    const child = [...Array(r.length).keys()].find(
      (id) => id > 0 && (r.parent[id] as number) > 0,
    ) as number
    const parent = r.parent[child] as number
    const f = familyOf(run.p, d, parent)
    expect(f.members.has(child)).toBe(true)
    expect(f.links).toContainEqual({ parent, child })
    const up = familyOf(run.p, d, child)
    expect(up.links).toContainEqual({ parent, child })
  })

  it('colours requests by what they do', () => {
    expect(categoryOf(1, Flag.WRITEBACK)).toBe(Cat.WRITEBACK)
    expect(categoryOf(1, 0)).toBe(Cat.WRITE)
    expect(categoryOf(0, 0)).toBe(Cat.READ)
    expect(categoryOf(2, 0)).toBe(Cat.FLUSH)
    expect(categoryOf(5, 0)).toBe(Cat.FLUSH)
    expect(categoryOf(3, 0)).toBe(Cat.OTHER)
  })

  it('lists outside events', () => {
    const run = runOf('unlink-snapshot', 'fuzzy-copy')
    const d = buildTimeline(run.p, run.duration)
    expect(d.outside.map((o) => o.name)).toEqual(['fuzzy copy starts', 'fuzzy copy ends'])
    expect(run.timeAt(d.outside[0]!.index)).toBe(d.outside[0]!.t)
  })
})

describe('idle stretches', () => {
  it('finds the seconds between unlink-snapshot’s bursts, and gap selection squeezes them', () => {
    const run = runOf('unlink-snapshot', 'jbd2')
    const idle = idleStretches(run.p, run.duration)
    for (let i = 1; i < idle.length; i++)
      expect(idle[i]!.t0).toBeGreaterThanOrEqual(idle[i - 1]!.t1)
    const gaps = chooseGaps(idle, run.duration)
    expect(gaps.length).toBeGreaterThanOrEqual(2)
    const squeezed = gaps.reduce((s, g) => s + g.t1 - g.t0, 0)
    expect(squeezed).toBeGreaterThan(0.99 * run.duration)
    // No request is in flight inside an idle stretch.
    const r = run.p.requests
    for (const g of idle) {
      for (let id = 1; id < r.length; id++) {
        const s = r.submitT[id] as number
        const c = r.completeT[id] as number
        expect(s >= g.t1 || c <= g.t0).toBe(true)
      }
    }
  })
})
