/**
 * Goal: pin down how the page cache decides what to write back and when: writeback follows page
 * index from the cursor (not submission order), the periodic flusher takes only expired pages,
 * background writeback starts above dirty_background_ratio, writers above dirty_ratio are
 * throttled until writeback catches up, fsync waits for a page that was dirtied again while under
 * writeback, and peak memory is accounted per touched page. Method: whole seeded runs through a
 * buffered loop device (the host page cache behind loop), read back from the event log and the
 * request table, plus a PageCache built directly on a Sim with a fake writeback sink where the
 * exact I/O sequence matters.
 */
import { describe, expect, it } from 'vitest'
import { MS, pageCacheDefaults, S, US, type PageCacheConfig } from '../config'
import { Ev } from '../events'
import { Rng } from '../kernel/rng'
import { Sim } from '../kernel/sim'
import { Replay } from '../replay/replay'
import { runConfig, type RunResult } from '../run'
import { fioJob, makeConfig, ops, thread } from '../testing'
import { Flag, Layer, Op, Stage } from '../vocabulary'
import { PAGE, PageCache } from './pageCache'

/** Indices of the log records of one kind (optionally filtered on field a). */
function recordsOf(r: RunResult, kind: number, a?: number): number[] {
  const out: number[] = []
  for (let i = 0; i < r.log.length; i++)
    if (r.log.kind[i] === kind && (a === undefined || r.log.a[i] === a)) out.push(i)
  return out
}

/** Host page-cache blocks that writeback started on, in log order. */
function hostWritebackBlocks(r: RunResult): number[] {
  return recordsOf(r, Ev.PAGE_WRITEBACK, Layer.HOST_CACHE).map((i) => r.log.b[i] as number)
}

/** Request ids of one layer and op. */
function requestsOf(r: RunResult, layer: number, op: number): number[] {
  const out: number[] = []
  for (let id = 1; id < r.requests.length; id++)
    if (r.requests.layer[id] === layer && r.requests.op[id] === op) out.push(id)
  return out
}

/** A tiny host memory: `pages` pages of 4 KiB, so the ratios land on small page counts. */
function tinyMemory(pages: number, patch: Partial<PageCacheConfig> = {}): PageCacheConfig {
  return { ...pageCacheDefaults(pages * 4096), ...patch }
}

/** A PageCache on a bare Sim with a sink that records each writeback I/O and completes it later. */
function bareCache(cfg: PageCacheConfig, blocks = 64, ioNs = 10 * US) {
  const sim = new Sim(new Rng(1), { maxEvents: 1_000_000, maxTimeNs: 1000 * S })
  const cache = new PageCache(sim, Layer.HOST_CACHE, cfg, blocks, Stage.HOST_CACHE)
  const ios: Array<{ id: number; first: number; versions: number[]; at: number; done: number }> = []
  let nextId = 1000
  cache.sink = {
    write: (first, versions) => {
      const io = { id: nextId++, first, versions: [...versions], at: sim.now, done: -1 }
      ios.push(io)
      sim.later(ioNs, () => {
        io.done = sim.now
        cache.writebackDone(io.id)
      })
      return io.id
    },
  }
  /** Runs the sim until `untilNs` (the run is kept alive by a foreground token until then). */
  const runUntil = (untilNs: number): void => {
    sim.foreground++
    sim.later(untilNs - sim.now, () => sim.foreground--)
    sim.run()
  }
  return { sim, cache, ios, runUntil }
}

describe('writeback order', () => {
  it('fsync writes back in ascending page order, not in submission order', () => {
    const w = [ops.write(9), ops.write(3), ops.write(7), ops.wait(), ops.flush({ wait: true })]
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 1)
    expect(r.verdicts.every((v) => v.ok)).toBe(true)
    // The guest wrote 9, 3, 7 in that order, and they reached the host cache in that order ...
    expect(recordsOf(r, Ev.PAGE_DIRTY, Layer.HOST_CACHE).map((i) => r.log.b[i])).toEqual([9, 3, 7])
    // ... but writeback walks the page index.
    expect(hostWritebackBlocks(r)).toEqual([3, 7, 9])
    const hostWrites = requestsOf(r, Layer.HOST_BLK, Op.WRITE)
    expect(hostWrites.map((id) => r.requests.block[id])).toEqual([3, 7, 9])
    for (const id of hostWrites) expect(r.requests.flags[id]! & Flag.WRITEBACK).toBe(Flag.WRITEBACK)
  })

  it('a contiguous dirty run is merged into one writeback I/O', () => {
    const w = [
      ops.write(6, { label: 'b6' }),
      ops.write(4, { label: 'b4' }),
      ops.write(5, { label: 'b5' }),
      ops.write(20),
      ops.wait(),
      ops.flush({ wait: true }),
    ]
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 2)
    const hostWrites = requestsOf(r, Layer.HOST_BLK, Op.WRITE)
    expect(hostWrites.map((id) => [r.requests.block[id], r.requests.count[id]])).toEqual([
      [4, 3],
      [20, 1],
    ])
    // Each page of the run carries the version its own guest write put there.
    const versions = [0, 1, 2].map((i) => r.requests.version(hostWrites[0]!, i))
    expect(versions).toEqual([r.labels.b4, r.labels.b5, r.labels.b6])
  })

  it('writes the pages it finds dirty in index order, whatever order they were dirtied in (bare cache)', () => {
    const { cache, ios, runUntil } = bareCache(
      tinyMemory(1 << 20, { dirtyExpireNs: 0, writebackIntervalNs: 1 * MS }),
    )
    cache.write(9, 1)
    cache.write(3, 2)
    cache.write(7, 3)
    runUntil(1 * MS + 100 * US) // the first flusher tick is at 1 ms
    expect(ios.map((io) => [io.first, io.versions])).toEqual([
      [3, [2]],
      [7, [3]],
      [9, [1]],
    ])
  })

  it('a pass cut short by its batch limit leaves the cursor there; the next pass starts from it and wraps (bare cache)', () => {
    // Background threshold 1100 pages (10% of 11000). Dirtying pages 0..1100 crosses it: background
    // writeback writes one batch (1024 pages, 0..1023) and stops with the cursor at 1024. The 77
    // pages left are under the threshold, so nothing else is written until the flusher ticks.
    const cfg = tinyMemory(11000, { dirtyExpireNs: 0, writebackIntervalNs: 1 * MS })
    const { cache, ios, runUntil } = bareCache(cfg, 4096)
    for (let b = 0; b <= 1100; b++) cache.write(b, 1)
    const firstPass = ios.reduce((n, io) => n + io.versions.length, 0)
    expect(firstPass).toBe(1024)
    expect(ios[0]!.first).toBe(0)
    runUntil(500 * US)
    expect(cache.dirtyPages).toBe(77)
    cache.write(2, 2)
    cache.write(3000, 3)
    const before = ios.length
    runUntil(1 * MS + 100 * US)
    // The tick starts at the cursor (1024), goes up the index to 3000, then wraps to page 2.
    expect(ios.slice(before).map((io) => [io.first, io.versions.length])).toEqual([
      [1024, 64],
      [1088, 13],
      [3000, 1],
      [2, 1],
    ])
  })
})

describe('periodic writeback (dirty_expire)', () => {
  it('writes back a page dirty for longer than dirtyExpireNs without any fsync, and not a younger one', () => {
    const hostCache = { dirtyExpireNs: 1 * S, writebackIntervalNs: 500 * MS }
    // Block 3 is dirtied at ~0 and expires at 1 s; the flusher ticks at 0.5, 1.0, 1.5 s.
    // Block 5 is dirtied at ~1.6 s and the run ends at ~1.8 s: it never expires.
    const w = [
      ops.write(3, { wait: true }),
      ops.sleep(1600 * MS),
      ops.write(5, { wait: true }),
      ops.sleep(200 * MS),
    ]
    const r = runConfig(makeConfig({ deviceBlocks: 64, hostCache }, [thread(w)]), 3)
    expect(r.verdicts.every((v) => v.ok)).toBe(true)
    expect(requestsOf(r, Layer.GUEST_BLK, Op.FLUSH)).toEqual([])
    expect(requestsOf(r, Layer.HOST_BLK, Op.FLUSH)).toEqual([])
    const wb = recordsOf(r, Ev.PAGE_WRITEBACK, Layer.HOST_CACHE)
    expect(wb.map((i) => r.log.b[i])).toEqual([3])
    const t = r.log.time[wb[0]!]!
    expect(t).toBeGreaterThanOrEqual(1 * S)
    expect(t % (500 * MS)).toBe(0) // on a flusher tick
    expect(r.final.hostPages[3]).toBe(PAGE.CLEAN)
    expect(r.final.hostPages[5]).toBe(PAGE.DIRTY)
  })

  it('the same workload with the default 30 s expiry writes nothing back', () => {
    const w = [
      ops.write(3, { wait: true }),
      ops.sleep(1600 * MS),
      ops.write(5, { wait: true }),
      ops.sleep(200 * MS),
    ]
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 3)
    expect(hostWritebackBlocks(r)).toEqual([])
    expect(r.final.hostPages[3]).toBe(PAGE.DIRTY)
  })
})

describe('background writeback (dirty_background_ratio)', () => {
  // 100 pages of memory: background threshold 10 pages, dirty_ratio 20 pages.
  const writes = (n: number) =>
    Array.from({ length: n }, (_, i) => ops.write(i * 2, { wait: true }))

  it('starts once dirty pages exceed the background threshold, with no fsync and no expiry', () => {
    const r = runConfig(
      makeConfig({ deviceBlocks: 64, hostCache: tinyMemory(100) }, [thread(writes(15))]),
      4,
    )
    expect(r.verdicts.every((v) => v.ok)).toBe(true)
    expect(r.metrics.duration_ns).toBeLessThan(r.config.stack.hostCache.writebackIntervalNs)
    const dirty = recordsOf(r, Ev.PAGE_DIRTY, Layer.HOST_CACHE)
    const wb = recordsOf(r, Ev.PAGE_WRITEBACK, Layer.HOST_CACHE)
    expect(wb.length).toBeGreaterThan(0)
    // Nothing is written back while 10 pages or fewer are dirty; the 11th starts it.
    expect(wb[0]!).toBeGreaterThan(dirty[10]!)
    expect(wb[0]!).toBeLessThan(dirty[11]!)
    // It writes from the cursor in index order: the 11 dirty pages 0, 2, ..., 20.
    expect(wb.slice(0, 11).map((i) => r.log.b[i])).toEqual(
      Array.from({ length: 11 }, (_, i) => i * 2),
    )
    expect(requestsOf(r, Layer.GUEST_BLK, Op.FLUSH)).toEqual([])
  })

  it('does not start below the threshold', () => {
    const r = runConfig(
      makeConfig({ deviceBlocks: 64, hostCache: tinyMemory(100) }, [thread(writes(10))]),
      4,
    )
    expect(hostWritebackBlocks(r)).toEqual([])
    const roomy = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(writes(15))]), 4)
    expect(hostWritebackBlocks(roomy)).toEqual([])
  })
})

describe('dirty throttling (dirty_ratio)', () => {
  const bigWrite = [
    ops.write(0, { count: 30, wait: true, label: 'big' }),
    ops.flush({ wait: true }),
  ]

  function loopRequestOf(r: RunResult, guestBio: number): number {
    for (let id = 1; id < r.requests.length; id++)
      if (r.requests.layer[id] === Layer.LOOP && r.requests.parent[id] === guestBio) return id
    throw new Error(`no loop request for guest bio ${guestBio}`)
  }

  it('holds the loop worker above dirty_ratio and lets it go after writeback catches up', () => {
    const r = runConfig(
      makeConfig({ deviceBlocks: 64, hostCache: tinyMemory(100) }, [thread(bigWrite)]),
      5,
    )
    expect(r.stop).toBe('idle')
    expect(r.verdicts.every((v) => v.ok)).toBe(true)
    const lr = loopRequestOf(r, r.labels.big!)
    const copyNs = r.config.stack.timing.copyPerBlockNs * 30
    const took = r.requests.completeT[lr]! - r.requests.startT[lr]!
    expect(took).toBeGreaterThan(copyNs)
    // It was released by writeback: some host writeback I/O completed while it was held ...
    const released = r.requests.completeT[lr]!
    const wbDone = requestsOf(r, Layer.HOST_BLK, Op.WRITE).filter(
      (id) => r.requests.completeT[id]! <= released,
    )
    expect(wbDone.length).toBeGreaterThan(0)
    // ... and when it was let go, dirty + writeback pages were back under the setpoint (15 pages).
    const at = new Replay(r).seek(r.requests.completeEv[lr]! + 1)
    let busy = 0
    for (const s of at.hostPageState) if (s >= PAGE.DIRTY) busy++
    expect(busy).toBeLessThanOrEqual(15)
  })

  it('logs the throttle and its release for the worker lane (Ev.THROTTLE)', () => {
    const r = runConfig(
      makeConfig({ deviceBlocks: 64, hostCache: tinyMemory(100) }, [thread(bigWrite)]),
      5,
    )
    const lr = loopRequestOf(r, r.labels.big!)
    const th = recordsOf(r, Ev.THROTTLE)
    expect(th.map((i) => [r.log.a[i], r.log.b[i]])).toEqual([
      [r.requests.lane[lr], 1],
      [r.requests.lane[lr], 0],
    ])
    expect(th[1]!).toBeLessThan(r.requests.completeEv[lr]!)
  })

  it('without memory pressure the same write takes exactly the copy time', () => {
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(bigWrite)]), 5)
    const lr = loopRequestOf(r, r.labels.big!)
    expect(r.requests.completeT[lr]! - r.requests.startT[lr]!).toBe(
      r.config.stack.timing.copyPerBlockNs * 30,
    )
    expect(recordsOf(r, Ev.THROTTLE)).toEqual([])
  })
})

describe('fsync and a page dirtied again under writeback', () => {
  it('waits for the in-flight writeback, then writes the newer version before returning (bare cache)', () => {
    const { sim, cache, ios, runUntil } = bareCache(pageCacheDefaults(1 << 30))
    cache.write(5, 1)
    let first = -1
    let second = -1
    cache.syncAll(() => (first = sim.now))
    expect(ios.map((io) => io.versions)).toEqual([[1]])
    cache.write(5, 2) // dirtied again while under writeback
    expect(cache.state[5]).toBe(PAGE.WRITEBACK_DIRTY)
    cache.syncAll(() => (second = sim.now))
    expect(ios.length).toBe(1) // nothing can be written while the old I/O is in flight
    runUntil(1 * MS)
    expect(ios.map((io) => io.versions)).toEqual([[1], [2]])
    expect(first).toBe(ios[0]!.done)
    expect(second).toBe(ios[1]!.done)
    expect(ios[1]!.at).toBeGreaterThanOrEqual(ios[0]!.done)
    expect(cache.state[5]).toBe(PAGE.CLEAN)
  })

  it('in a whole run: the guest flush returns only after the newer version was written back', () => {
    // The periodic flusher (expiry 0, every 1 ms) starts writeback of version 1 at 1 ms; the second
    // write lands while it is in flight, and the flush follows at once. Sleep lengths are scanned
    // so the test does not hang on exact latencies; each run that hits the window is checked.
    const hostCache = { dirtyExpireNs: 0, writebackIntervalNs: 1 * MS }
    let hit = 0
    for (let sleepUs = 970; sleepUs <= 1000; sleepUs += 2) {
      const w = [
        ops.write(5, { wait: true, label: 'v1' }),
        ops.sleep(sleepUs * US),
        ops.write(5, { wait: true, label: 'v2' }),
        ops.flush({ wait: true, label: 'f' }),
      ]
      const r = runConfig(makeConfig({ deviceBlocks: 64, hostCache }, [thread(w)]), 6)
      expect(r.verdicts.every((v) => v.ok)).toBe(true)
      const flushLoop = requestsOf(r, Layer.LOOP, Op.FLUSH)[0]!
      const startEv = recordsOf(r, Ev.START, flushLoop)[0]!
      const atStart = new Replay(r).seek(startEv + 1)
      if (atStart.hostPageState[5] !== PAGE.WRITEBACK_DIRTY) continue
      hit++
      const v2 = r.labels.v2!
      const f = r.labels.f!
      const carrying = requestsOf(r, Layer.HOST_BLK, Op.WRITE).filter(
        (id) => r.requests.block[id] === 5 && r.requests.version(id, 0) === v2,
      )
      expect(carrying.length, `sleep ${sleepUs} us`).toBe(1)
      expect(r.requests.completeT[carrying[0]!]!).toBeLessThanOrEqual(r.requests.completeT[f]!)
      expect(r.final.durableMax[5]).toBe(v2)
    }
    expect(hit).toBeGreaterThan(0)
  })
})

describe('memory accounting', () => {
  it('host cache peak is touched blocks × 4 KiB for a buffered run, 0 with DIO', () => {
    const w = [
      ops.write(1),
      ops.write(2, { count: 3 }),
      ops.write(2),
      ops.read(40),
      ops.wait(),
      ops.flush({ wait: true }),
    ]
    const buffered = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 7)
    // Blocks 1, 2, 3, 4 written and 40 read: five pages.
    expect(buffered.metrics.host_cache_peak_bytes).toBe(5 * 4096)
    const dio = runConfig(
      makeConfig({ deviceBlocks: 64, loop: { directIo: true, logicalBlockSize: 4096 } }, [
        thread(w),
      ]),
      7,
    )
    expect(dio.metrics.dio_effective).toBe(true)
    expect(dio.metrics.host_cache_peak_bytes).toBe(0)
  })

  it('guest cache peak is non-zero only for buffered fio jobs', () => {
    const base = { deviceBlocks: 256 }
    const buffered = runConfig(
      makeConfig(base, [], [fioJob({ direct: false, requests: 40, size: 128 })]),
      8,
    )
    const direct = runConfig(
      makeConfig(base, [], [fioJob({ direct: true, requests: 40, size: 128 })]),
      8,
    )
    const threads = runConfig(makeConfig(base, [thread([ops.write(3), ops.wait()])]), 8)
    expect(buffered.metrics.guest_cache_peak_bytes).toBeGreaterThan(0)
    expect(buffered.metrics.guest_cache_peak_bytes % 4096).toBe(0)
    expect(buffered.metrics.guest_cache_peak_bytes).toBeLessThanOrEqual(128 * 4096)
    expect(direct.metrics.guest_cache_peak_bytes).toBe(0)
    expect(threads.metrics.guest_cache_peak_bytes).toBe(0)
  })
})
