import { describe, expect, it } from 'vitest'
import { Data, Ev, Stage } from '../../src/engine'
import { testRun } from '../stackview/testRuns'
import {
  ackedAt,
  badgesOf,
  blockDetail,
  cellsOf,
  classifyBlocks,
  crashClasses,
  crashImageOf,
  versionName,
  versionState,
  Where,
  whereOf,
} from './classify'
import { fsRoles } from './fsRoles'
import { heatShape } from './HeatMap'
import { PlaceTracker } from './tracker'

describe('where a version is', () => {
  it('maps stages to places, durable first', () => {
    expect(whereOf(Stage.GUEST_CACHE, false)).toBe(Where.GUEST_CACHE)
    expect(whereOf(Stage.GUEST_QUEUE, false)).toBe(Where.TRANSIT)
    expect(whereOf(Stage.LOOP, false)).toBe(Where.TRANSIT)
    expect(whereOf(Stage.HOST_CACHE, false)).toBe(Where.HOST_CACHE)
    expect(whereOf(Stage.HOST_IO, false)).toBe(Where.TRANSIT)
    expect(whereOf(Stage.DISK_CACHE, false)).toBe(Where.DISK_CACHE)
    expect(whereOf(Stage.MEDIA, false)).toBe(Where.MEDIA)
    expect(whereOf(Stage.SUPERSEDED, false)).toBe(Where.GONE)
    expect(whereOf(Stage.DISK_CACHE, true)).toBe(Where.DURABLE)
  })

  it('follows block 14 of the unlink through the stack', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const ce = run.p.requests.completeEv
    const { log } = run.p
    const first = (kind: number, c?: number) => {
      for (let i = 0; i < log.length; i++)
        if (log.kind[i] === kind && log.a[i] === 14 && (c === undefined || log.c[i] === c))
          return i + 1
      throw new Error('not found')
    }
    const at = (i: number) => {
      const s = run.stateAt(i)
      const list = s.versions.get(14) ?? []
      const v = list[list.length - 1]
      if (!v) throw new Error('block 14 has no version')
      return versionState(s, ce, i, 14, v)
    }
    expect(at(first(Ev.STAGE, Stage.LOOP))).toMatchObject({
      version: 11,
      where: Where.TRANSIT,
      acked: false,
    })
    expect(at(first(Ev.STAGE, Stage.HOST_CACHE))).toMatchObject({
      where: Where.HOST_CACHE,
      inHostCache: true,
    })
    const cached = at(first(Ev.CACHE_PUT))
    expect(cached).toMatchObject({
      where: Where.DISK_CACHE,
      inDiskCache: true,
      onMedia: false,
      durable: false,
      acked: false,
    })
    expect(badgesOf(cached)).toEqual(['H', 'D'])
    const done = at(run.p.events)
    expect(done).toMatchObject({ where: Where.DURABLE, onMedia: true, durable: true, acked: true })
    expect(badgesOf(done)).toEqual(['A', 'H', 'M', '✓'])
  })

  it('acknowledged means the guest write completed before the playhead', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const ce = run.p.requests.completeEv
    const c = ce[11] as number
    expect(ackedAt(ce, 11, c)).toBe(false)
    expect(ackedAt(ce, 11, c + 1)).toBe(true)
    expect(ackedAt(ce, 0, 1000)).toBe(false)
    expect(ackedAt(ce, -1, 1000)).toBe(false)
  })

  it('classifies every block by its newest version, and counts them', () => {
    const run = testRun('unlink-snapshot', 'jbd2')
    const { log } = run.p
    let at = -1
    for (let i = 0; i < log.length && at < 0; i++)
      if (log.kind[i] === Ev.CACHE_PUT && log.a[i] === 14) at = i + 1
    const s = run.stateAt(at)
    const out = new Uint8Array(run.p.config.stack.deviceBlocks)
    const counts = classifyBlocks(s, out)
    expect(counts.reduce((a, c) => a + c, 0)).toBe(out.length)
    expect(out[14]).toBe(Where.DISK_CACHE)
    for (const b of [9, 10, 11, 12, 13]) expect(out[b]).toBe(Where.DURABLE)
    expect(out[100]).toBe(Where.NONE)
    expect(counts[Where.DURABLE]).toBe(5)
    expect(counts[Where.DISK_CACHE]).toBe(1)
    const cells = cellsOf(s, run.p.requests.completeEv, at, out.length)
    expect(cells[14]?.latest?.version).toBe(11)
    expect(cells[14]?.durableVersion).toBe(Data.INITIAL)
    expect(cells[9]?.durableVersion).toBeNull()
    expect(cells[100]?.latest).toBeNull()
    const d = blockDetail(s, run.p.requests.completeEv, at, 14)
    expect(d.diskCache).toBe(11)
    expect(d.versions.map((v) => v.version)).toEqual([11])
  })

  it('leaves blocks no write touched as not written, on a bigger device', () => {
    const run = testRun('aio-order', 'libaio')
    const s = run.stateAt(run.p.events)
    const out = new Uint8Array(run.p.config.stack.deviceBlocks)
    const counts = classifyBlocks(s, out)
    expect(counts[Where.NONE]).toBeGreaterThan(0)
    expect(counts[Where.NONE]).toBeLessThan(out.length)
    expect(counts[Where.NONE]).toBe(out.length - s.versions.size)
  })
})

describe('crash images', () => {
  it('overrides the base with the state, and marks what differs and what findings name', () => {
    const base = Int32Array.from([0, 5, 7, -1, 0, 0])
    const img = crashImageOf(
      base,
      {
        changed: [
          [1, 9],
          [3, -2],
          [4, 0],
          [99, 3],
        ],
        findings: [
          { category: 'x', sentence: 'one', blocks: [3, 2] },
          { category: 'y', sentence: 'two' },
        ],
      },
      6,
    )
    expect(Array.from(img.version)).toEqual([0, 9, 7, -2, 0, 0])
    expect(Array.from(img.changed)).toEqual([0, 1, 0, 1, 0, 0])
    expect(img.changedCount).toBe(2)
    expect(img.badBlocks).toEqual([2, 3])
    const classes = new Uint8Array(6)
    expect(crashClasses(img, classes)).toEqual([3, 0, 1, 2])
    expect(Array.from(classes)).toEqual([0, 2, 3, 3, 0, 0])
  })

  it('names the special versions', () => {
    expect(versionName(Data.INITIAL)).toBe('initial')
    expect(versionName(Data.ZERO)).toBe('zeros')
    expect(versionName(Data.STALE)).toBe('stale data (old contents of the disk)')
    expect(versionName(12)).toBe('v12')
  })
})

describe('layout', () => {
  it('labels the guest file system blocks', () => {
    const role = fsRoles(128)
    expect(role(0).short).toBe('sb')
    expect(role(1).short).toBe('jsb')
    expect(role(5).long).toBe('inode table (inodes 9–16)')
    expect(role(8).short).toBe('dir')
    expect(role(9).short).toBe('jnl')
    expect(role(40).long).toBe('journal block 32 of 32')
    expect(role(41)).toEqual({ short: '', long: 'data block', meta: false })
  })

  it('shapes the heat map about two and a half times wider than tall', () => {
    expect(heatShape(102_400)).toEqual({ cols: 512, rows: 200 })
    expect(heatShape(4096)).toEqual({ cols: 128, rows: 32 })
    const odd = heatShape(5000)
    expect(odd.cols * odd.rows).toBeGreaterThanOrEqual(5000)
  })
})

describe('place tracker', () => {
  it('agrees with a full classification after steps, jumps and steps back', () => {
    for (const [id, variant] of [
      ['aio-order', 'cgroup-workers'],
      ['unlink-snapshot', 'barrier-assumed'],
      ['dio-holes', 'modern'],
    ] as const) {
      const run = testRun(id, variant)
      const n = run.p.config.stack.deviceBlocks
      const t = new PlaceTracker(run.p.log, n)
      const e = run.p.events
      const full = new Uint8Array(n)
      for (const at of [
        3,
        4,
        5,
        60,
        Math.floor(e / 2),
        Math.floor(e / 2) + 1,
        Math.floor(e / 2) - 9,
        e,
        0,
        e - 2,
        Math.floor(e / 3),
      ]) {
        const s = run.stateAt(at)
        t.sync(s)
        const counts = classifyBlocks(s, full)
        expect(t.index).toBe(at)
        expect(Array.from(t.classes)).toEqual(Array.from(full))
        expect(Array.from(t.counts)).toEqual(counts)
      }
    }
  })

  it('looks only at the blocks a step touched', () => {
    const run = testRun('aio-order', 'libaio')
    const t = new PlaceTracker(run.p.log, run.p.config.stack.deviceBlocks)
    t.sync(run.stateAt(1000))
    expect(t.looked).toBe(run.p.config.stack.deviceBlocks)
    t.sync(run.stateAt(1001))
    expect(t.looked).toBeLessThanOrEqual(1)
  })
})
