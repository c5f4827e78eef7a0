/**
 * Goal: check the fio-like job runner's ordering semantics and addressing: psync keeps one I/O in
 * flight and libaio keeps iodepth; a libaio fsync is not ordered after writes still in flight; an
 * io_uring fsync with DRAIN waits for everything before it (and holds everything after it); with
 * LINK it waits for the write it is linked to; the job issues exactly `requests` I/Os, random
 * offsets stay inside its region, sequential ones wrap, and rwmixread splits reads from writes.
 * Method: seeded whole runs through runConfig, read back from the request table (guest block-layer
 * bios for O_DIRECT jobs, APP-layer requests for buffered ones) and the log's SUBMIT/COMPLETE order.
 */
import { describe, expect, it } from 'vitest'
import type { FioJob } from '../config'
import { Ev } from '../events'
import { runConfig, type RunResult } from '../run'
import { fioJob, makeConfig } from '../testing'
import { Layer, Op } from '../vocabulary'
import { Stack } from './stack'

function run(job: Partial<FioJob>, seed = 1, deviceBlocks = 256): RunResult {
  return runConfig(makeConfig({ deviceBlocks }, [], [fioJob(job)]), seed)
}

/** The job's data I/Os in issue order: guest bios for direct jobs, APP requests for buffered ones. */
function dataIos(r: RunResult): number[] {
  const direct = r.config.workload.jobs[0]!.direct
  const layer = direct ? Layer.GUEST_BLK : Layer.APP
  const out: number[] = []
  for (let id = 1; id < r.requests.length; id++) {
    if (r.requests.layer[id] !== layer) continue
    const op = r.requests.op[id]
    if (op !== Op.READ && op !== Op.WRITE) continue
    if (layer === Layer.GUEST_BLK && r.requests.parent[id] !== -1) continue
    out.push(id)
  }
  return out
}

/** Guest FLUSH bios issued for the job's fsyncs. */
function fsyncFlushes(r: RunResult): number[] {
  const out: number[] = []
  for (let id = 1; id < r.requests.length; id++) {
    if (r.requests.layer[id] === Layer.GUEST_BLK && r.requests.op[id] === Op.FLUSH) out.push(id)
  }
  return out
}

/** Largest number of the given requests in flight at once, from the log's SUBMIT/COMPLETE order. */
function maxInFlight(r: RunResult, ids: number[]): number {
  const mine = new Set(ids)
  let now = 0
  let max = 0
  for (let i = 0; i < r.log.length; i++) {
    const k = r.log.kind[i]
    if ((k !== Ev.SUBMIT && k !== Ev.COMPLETE) || !mine.has(r.log.a[i]!)) continue
    now += k === Ev.SUBMIT ? 1 : -1
    max = Math.max(max, now)
  }
  return max
}

const allOk = (r: RunResult): boolean => r.verdicts.every((v) => v.ok)

describe('queue depth by engine', () => {
  it('psync never has more than one guest I/O in flight (fsyncs included)', () => {
    for (const patch of [{}, { fsync: 3 }, { rw: 'randrw' as const }]) {
      const r = run({ ioengine: 'psync', iodepth: 8, requests: 60, ...patch })
      expect(allOk(r)).toBe(true)
      const ios = [...dataIos(r), ...fsyncFlushes(r)]
      expect(maxInFlight(r, ios), JSON.stringify(patch)).toBe(1)
    }
  })

  it('psync through the guest page cache has one application I/O in flight', () => {
    const r = run({ ioengine: 'psync', direct: false, requests: 60, fsync: 5 })
    expect(allOk(r)).toBe(true)
    const app: number[] = []
    for (let id = 1; id < r.requests.length; id++)
      if (r.requests.layer[id] === Layer.APP) app.push(id)
    expect(maxInFlight(r, app)).toBe(1)
  })

  it('libaio with iodepth 8 reaches 8 in flight and never more', () => {
    const r = run({ ioengine: 'libaio', iodepth: 8, requests: 100 })
    expect(allOk(r)).toBe(true)
    expect(maxInFlight(r, dataIos(r))).toBe(8)
  })
})

describe('fsync ordering', () => {
  it('a libaio fsync is issued while earlier writes are still in flight', () => {
    let found = -1
    for (let seed = 1; seed <= 20 && found < 0; seed++) {
      const r = run({ ioengine: 'libaio', iodepth: 8, fsync: 4, requests: 40 }, seed)
      expect(allOk(r), `seed ${seed}`).toBe(true)
      const writes = dataIos(r)
      for (const f of fsyncFlushes(r)) {
        const overtaken = writes.filter(
          (w) => w < f && r.requests.completeT[w]! > r.requests.submitT[f]!,
        )
        if (overtaken.length > 0) found = seed
      }
    }
    expect(found).toBeGreaterThan(0)
  })

  it('io_uring with drain: each fsync is submitted after every earlier write completed, and holds later ones (seeds 1..30)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = run({ ioengine: 'io_uring', iodepth: 8, fsync: 4, drain: true, requests: 40 }, seed)
      expect(allOk(r), `seed ${seed}`).toBe(true)
      const writes = dataIos(r)
      const flushes = fsyncFlushes(r)
      expect(flushes.length, `seed ${seed}`).toBe(10)
      for (const f of flushes) {
        for (const w of writes) {
          if (w < f)
            expect(
              r.requests.completeT[w]!,
              `seed ${seed} write ${w} flush ${f}`,
            ).toBeLessThanOrEqual(r.requests.submitT[f]!)
          else
            expect(
              r.requests.submitT[w]!,
              `seed ${seed} write ${w} flush ${f}`,
            ).toBeGreaterThanOrEqual(r.requests.completeT[f]!)
        }
      }
    }
  })

  it('io_uring with link: each fsync starts when the write it is linked to completes', () => {
    for (const fsync of [1, 4]) {
      for (let seed = 1; seed <= 10; seed++) {
        const r = run({ ioengine: 'io_uring', iodepth: 8, fsync, link: true, requests: 40 }, seed)
        expect(allOk(r), `fsync ${fsync} seed ${seed}`).toBe(true)
        const writes = dataIos(r)
        // Write number fsync, 2·fsync, ... (in issue order) each carries a link to one fsync.
        const linkedTo = writes.filter((_, i) => (i + 1) % fsync === 0)
        const flushes = fsyncFlushes(r)
        expect(flushes.length, `fsync ${fsync} seed ${seed}: one fsync per ${fsync} writes`).toBe(
          linkedTo.length,
        )
        const starts = flushes.map((f) => r.requests.submitT[f]!).sort((x, y) => x - y)
        const linkDone = linkedTo.map((w) => r.requests.completeT[w]!).sort((x, y) => x - y)
        expect(starts, `fsync ${fsync} seed ${seed}`).toEqual(linkDone)
      }
    }
  })

  it('every engine issues one fsync per `fsync` writes', () => {
    for (const ioengine of ['psync', 'libaio', 'io_uring'] as const) {
      for (const extra of [{}, { drain: true }, { link: true }]) {
        for (const direct of [true, false]) {
          const stack = new Stack(
            makeConfig(
              { deviceBlocks: 256 },
              [],
              [fioJob({ ioengine, direct, fsync: 3, requests: 30, ...extra })],
            ),
            2,
          )
          expect(stack.sim.run()).toBe('idle')
          expect(
            stack.jobs[0]!.fsyncs,
            `${ioengine} ${JSON.stringify(extra)} direct=${direct}`,
          ).toBe(10)
          expect(stack.jobs[0]!.completedIos).toBe(30)
        }
      }
    }
  })
})

describe('addressing and mix', () => {
  it('the job issues exactly `requests` I/Os', () => {
    for (const ioengine of ['psync', 'libaio', 'io_uring'] as const) {
      for (const rw of ['read', 'write', 'randread', 'randwrite', 'rw', 'randrw'] as const) {
        for (const direct of [true, false]) {
          const r = run({ ioengine, rw, direct, requests: 37, fsync: rw.includes('w') ? 5 : 0 })
          expect(r.stop).toBe('idle')
          expect(dataIos(r).length, `${ioengine} ${rw} direct=${direct}`).toBe(37)
        }
      }
    }
  })

  it('random patterns stay inside [offset, offset + size) on bs boundaries', () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (const direct of [true, false]) {
        const r = run({ rw: 'randrw', bs: 3, offset: 40, size: 50, requests: 200, direct }, seed)
        const ios = dataIos(r)
        expect(ios.length).toBe(200)
        const starts = new Set<number>()
        for (const id of ios) {
          const b = r.requests.block[id]!
          expect(r.requests.count[id]).toBe(3)
          expect(b).toBeGreaterThanOrEqual(40)
          expect(b + 3).toBeLessThanOrEqual(90)
          expect((b - 40) % 3).toBe(0)
          starts.add(b)
        }
        expect(starts.size, 'the whole region is used').toBe(16)
      }
    }
  })

  it('sequential patterns walk the region in bs steps and wrap', () => {
    for (const ioengine of ['psync', 'libaio'] as const) {
      const r = run({ rw: 'write', ioengine, bs: 2, offset: 10, size: 8, requests: 10 })
      expect(dataIos(r).map((id) => r.requests.block[id])).toEqual([
        10, 12, 14, 16, 10, 12, 14, 16, 10, 12,
      ])
    }
  })

  it('rwmixread splits reads and writes', () => {
    const share = (rw: 'rw' | 'randrw', rwmixread: number, seed: number): number => {
      const r = run({ rw, rwmixread, requests: 400 }, seed)
      const ios = dataIos(r)
      return ios.filter((id) => r.requests.op[id] === Op.READ).length / ios.length
    }
    for (const rw of ['rw', 'randrw'] as const) {
      expect(share(rw, 0, 1)).toBe(0)
      expect(share(rw, 100, 1)).toBe(1)
      for (const seed of [1, 2, 3]) {
        const s = share(rw, 70, seed)
        expect(s, `${rw} seed ${seed}`).toBeGreaterThan(0.6)
        expect(s, `${rw} seed ${seed}`).toBeLessThan(0.8)
      }
    }
    // Pure patterns ignore rwmixread.
    const reads = run({ rw: 'randread', rwmixread: 0, requests: 50 })
    expect(dataIos(reads).every((id) => reads.requests.op[id] === Op.READ)).toBe(true)
  })
})
