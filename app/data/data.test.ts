import { describe, expect, it } from 'vitest'
import { Ev, Flag, Op, runConfig } from '../../src/engine'
import { describeEvent, describeStep } from './describe'
import { nextJump, prevJump } from './jumps'
import { payloadOf, viewOf } from './payload.testkit'
import { cacheSeries } from './series'

describe('jumps', () => {
  it('finds flushes, FUA writes, completions and outside events, in order', () => {
    const v = viewOf('fua-aio', 'mainline')
    const { log, requests: r } = v.p
    for (const i of v.jumps.flush) {
      const id = log.a[i - 1] as number
      expect(log.kind[i - 1]).toBe(Ev.SUBMIT)
      expect(r.op[id] === Op.FLUSH || r.op[id] === Op.FSYNC || ((r.flags[id] as number) & Flag.PREFLUSH) !== 0).toBe(true)
    }
    expect(v.jumps.fua.length).toBeGreaterThan(0)
    expect(v.jumps.completion.length).toBeGreaterThan(0)
    expect(viewOf('unlink-snapshot', 'fuzzy-copy').jumps.outside.length).toBeGreaterThan(0)
  })

  it('next and prev bisect strictly after and before', () => {
    const list = Int32Array.from([3, 7, 7, 12])
    expect(nextJump(list, 0)).toBe(3)
    expect(nextJump(list, 3)).toBe(7)
    expect(nextJump(list, 12)).toBeNull()
    expect(prevJump(list, 12)).toBe(7)
    expect(prevJump(list, 3)).toBeNull()
  })
})

describe('series', () => {
  it.each([
    ['unlink-snapshot', 'jbd2'],
    ['aio-order', 'libaio'],
    ['dio-holes', 'modern'],
  ])('the cache peaks equal the run metrics (%s/%s)', (id, variant) => {
    const p = payloadOf(id, variant)
    const peak = (a: Float64Array) => a.reduce((m, x) => Math.max(m, x), 0) * 4096
    expect(peak(p.series.hostPages)).toBe(p.metrics.host_cache_peak_bytes)
    expect(peak(p.series.guestPages)).toBe(p.metrics.guest_cache_peak_bytes)
  })

  it('counts every guest completion and worker wake-up once', () => {
    const p = payloadOf('aio-order', 'cgroup-workers')
    const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0)
    expect(sum(p.series.wakeups)).toBe(p.metrics.worker_wakeups)
    expect(sum(p.series.ios)).toBeGreaterThan(0)
  })

  it('an empty log gives empty buckets', () => {
    const p = payloadOf('fua-aio')
    const s = cacheSeries({ config: p.config, requests: runConfig(p.config, 1).requests, log: { ...p.log, length: 0 } as never }, 10)
    expect([...s.ios]).toEqual(new Array(10).fill(0))
  })
})

describe('run view', () => {
  it('time and index agree: the state at a time includes every event at that time', () => {
    const v = viewOf('unlink-snapshot', 'jbd2')
    for (let i = 1; i <= v.events; i += 7) {
      const t = v.timeAt(i)
      const j = v.indexAtTime(t)
      expect(j).toBeGreaterThanOrEqual(i)
      expect(v.timeAt(j)).toBe(t)
    }
  })

  it('seeking backward and forward gives the same state as a fresh replay', () => {
    const a = viewOf('aio-order', 'libaio')
    const b = viewOf('aio-order', 'libaio')
    a.stateAt(a.events)
    const back = a.stateAt(1234)
    const fresh = b.stateAt(1234)
    expect(back.media).toEqual(fresh.media)
    expect(back.hostPageState).toEqual(fresh.hostPageState)
  })
})

describe('describe', () => {
  it('has a sentence for every event of every built-in run', () => {
    for (const [id, variant] of [['unlink-snapshot', 'fuzzy-copy'], ['dio-alignment', 'runtime-switch'], ['aio-order', 'io_uring-drain'], ['dio-holes', 'legacy-2003']] as const) {
      const p = payloadOf(id, variant)
      for (let i = 0; i < p.events; i++) expect(describeEvent(p, i)).not.toMatch(/^event kind/)
    }
  })

  it('names the step, its number and its time', () => {
    const p = payloadOf('fua-aio')
    expect(describeStep(p, 0)).toContain('Start of the run')
    expect(describeStep(p, 1)).toMatch(/^Event 1 of \d+ at 0 s: loop direct I\/O on/)
  })
})
