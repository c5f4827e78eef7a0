/**
 * The rules loopscope must never get wrong (design §3), one block per rule. Each test drives the
 * engine into the situation the rule is about and checks what the rule says happens, so a change
 * that breaks the rule fails here. R1/R2 are also checked against a disk driven directly, and the
 * durability oracle is shown to catch a disk whose FLUSH does not do its job.
 */
import { describe, expect, it } from 'vitest'
import { defaultStack, type DiskConfig } from './config'
import { DioReason, Errno, Ev, Ioctl } from './events'
import { InvariantError } from './kernel/assert'
import { Rng } from './kernel/rng'
import { Sim } from './kernel/sim'
import { Replay } from './replay/replay'
import { runConfig } from './run'
import { Disk } from './stack/disk'
import { DiskOracle } from './stack/diskOracle'
import { makeConfig, ops, recordsOf, requestsIn, thread } from './testing'
import { Flag, Layer, Op } from './vocabulary'

const DIO = { loop: { directIo: true, logicalBlockSize: 4096 as const } }

/** A disk driven by hand: writes and flushes submitted at chosen instants. */
function handDisk(patch: Partial<DiskConfig>) {
  // One simulated second: long enough for every request, too short for a background destage.
  const sim = new Sim(new Rng(1), { maxEvents: 100_000, maxTimeNs: 1e9 })
  // Keep the run going until the time limit: the test schedules work at chosen instants.
  sim.foreground = 1
  const cfg = { ...defaultStack().disk, reorder: false, channels: 2, destageIntervalNs: 1e11, ...patch }
  const disk = new Disk(sim, cfg, 16, () => 0)
  const oracle = new DiskOracle(sim, disk)
  const promised: number[] = []
  oracle.onPromised = (id) => promised.push(id)
  disk.onSubmit = (id) => oracle.submitted(id)
  disk.onComplete = (id) => oracle.completed(id)
  const write = (at: number, block: number, count: number, flags = 0): { id: number } => {
    const box = { id: -1 }
    sim.later(at, () => {
      box.id = sim.submit(Layer.DISK, Op.WRITE, flags, block, count, -1, 0)
      sim.req.setUniformData(box.id, 1000 + block)
      disk.submit(box.id)
    })
    return box
  }
  const flush = (at: number): { id: number } => {
    const box = { id: -1 }
    sim.later(at, () => {
      box.id = sim.submit(Layer.DISK, Op.FLUSH, 0, 0, 0, -1, 0)
      disk.submit(box.id)
    })
    return box
  }
  return { sim, disk, promised, write, flush }
}

describe('R1: a FLUSH covers only writes that completed before it was submitted', () => {
  it('promises the completed write and not the one still in flight', () => {
    const d = handDisk({ writeNs: 10_000, perBlockNs: 10_000, flushNs: 1_000, destageNs: 100 })
    const w1 = d.write(0, 1, 1)
    const w2 = d.write(100_000, 2, 8) // long: still in flight when the flush completes
    const f = d.flush(101_000)
    d.sim.run()
    const r = d.sim.req
    expect(r.completeT[w1.id]).toBeLessThan(r.submitT[f.id] as number)
    expect(r.completeT[f.id]).toBeLessThan(r.completeT[w2.id] as number)
    expect(d.promised).toEqual([w1.id])
  })

  it('catches a disk whose flush leaves covered writes in its volatile cache', () => {
    const d = handDisk({ writeNs: 10_000, flushNs: 1_000 })
    d.disk.faultFlushSkips = true
    d.write(0, 1, 1)
    d.flush(100_000)
    expect(() => d.sim.run()).toThrow(InvariantError)
    expect(() => {
      const e = handDisk({ writeNs: 10_000, flushNs: 1_000 })
      e.disk.faultFlushSkips = true
      e.write(0, 1, 1)
      e.flush(100_000)
      e.sim.run()
    }).toThrow(/R1 \(flush/)
  })

  it('end to end: after "write a, write b, flush" a completed flush can leave a or b not durable (DIO loop)', () => {
    let sawUncovered = false
    for (let seed = 1; seed <= 40 && !sawUncovered; seed++) {
      const r = runConfig(makeConfig(DIO, [thread([ops.write(1, { label: 'a' }), ops.write(2, { label: 'b' }), ops.flush({ label: 'f', wait: true })])]), seed)
      expect(r.verdicts.every((v) => v.ok), `seed ${seed}`).toBe(true)
      const f = r.labels.f as number
      const state = new Replay(r).seek((r.requests.completeEv[f] as number) + 1)
      const a = r.labels.a as number
      const b = r.labels.b as number
      if ((state.durableMax[1] as number) < a || (state.durableMax[2] as number) < b) sawUncovered = true
    }
    expect(sawUncovered).toBe(true)
  })

  it('end to end: "write a, write b, wait, flush" always leaves a and b durable when the flush completes', () => {
    for (let seed = 1; seed <= 40; seed++) {
      for (const patch of [DIO, {}]) {
        const r = runConfig(makeConfig(patch, [thread([ops.write(1, { label: 'a' }), ops.write(2, { label: 'b' }), ops.wait(), ops.flush({ label: 'f', wait: true })])]), seed)
        const f = r.labels.f as number
        const state = new Replay(r).seek((r.requests.completeEv[f] as number) + 1)
        expect(state.durableMax[1], `seed ${seed}`).toBeGreaterThanOrEqual(r.labels.a as number)
        expect(state.durableMax[2], `seed ${seed}`).toBeGreaterThanOrEqual(r.labels.b as number)
      }
    }
  })
})

describe('R2: FUA covers only its own write', () => {
  it('promises the FUA write at completion, on media, and not an earlier completed write', () => {
    const d = handDisk({ writeNs: 10_000, flushNs: 1_000 })
    const w1 = d.write(0, 1, 1)
    const w2 = d.write(100_000, 2, 1, Flag.FUA)
    d.sim.run()
    expect(d.promised).toEqual([w2.id])
    expect(d.disk.media[2]).toBe(1002)
    expect(d.disk.media[1]).toBe(0)
    expect(d.disk.isCached(1)).toBe(true)
    expect(w1.id).toBeGreaterThan(0)
  })
})

describe('R3: requests in flight are unordered', () => {
  it('the disk completes requests out of submission order', () => {
    const r = runConfig(makeConfig(DIO, [thread(Array.from({ length: 20 }, (_, i) => ops.write(i)))]), 4)
    const disk = requestsIn(r, Layer.DISK, Op.WRITE)
    const bySubmit = [...disk].sort((x, y) => (r.requests.submitT[x] as number) - (r.requests.submitT[y] as number) || x - y)
    const byComplete = [...disk].sort((x, y) => (r.requests.completeT[x] as number) - (r.requests.completeT[y] as number) || x - y)
    expect(byComplete).not.toEqual(bySubmit)
  })

  it('a guest flush can complete before a write submitted ahead of it (no draining)', () => {
    let overtaken = false
    for (let seed = 1; seed <= 60 && !overtaken; seed++) {
      // A large write on a slow disk is still in flight when the flush behind it completes.
      const cfg = makeConfig({ ...DIO, disk: { perBlockNs: 20_000 } }, [thread([ops.write(0, { count: 80, label: 'a' }), ops.flush({ label: 'f' }), ops.wait()])])
      const r = runConfig(cfg, seed)
      overtaken = (r.requests.completeT[r.labels.f as number] as number) < (r.requests.completeT[r.labels.a as number] as number)
      expect(r.verdicts.every((v) => v.ok), `seed ${seed}`).toBe(true)
    }
    expect(overtaken).toBe(true)
  })
})

describe('R4: PREFLUSH + data is a flush, then the write', () => {
  it('sends the flush first, the data only after the flush completed, and does not cover the data', () => {
    for (const patch of [DIO, {}]) {
      const r = runConfig(makeConfig(patch, [thread([ops.write(3, { preflush: true, wait: true, label: 'w' })])]), 1)
      const w = r.labels.w as number
      const loopReqs = requestsIn(r, Layer.LOOP)
      expect(loopReqs.map((id) => r.requests.op[id])).toEqual([Op.FLUSH, Op.WRITE])
      const [flush, data] = loopReqs as [number, number]
      expect(r.requests.submitT[data]).toBeGreaterThanOrEqual(r.requests.completeT[flush] as number)
      expect((r.requests.flags[data] as number) & Flag.PREFLUSH).toBe(0)
      const atDone = new Replay(r).seek((r.requests.completeEv[w] as number) + 1)
      expect(atDone.durableMax[3]).toBeLessThan(w)
    }
  })
})

describe('R5: without a write cache, flushes complete at once and PREFLUSH/FUA are stripped', () => {
  it('a write-through loop queue never sends a flush to loop, and so breaks the guest promises', () => {
    const r = runConfig(
      makeConfig({ loop: { writeCache: false } }, [thread([ops.write(1, { wait: true }), ops.write(2, { fua: true, preflush: true, wait: true }), ops.flush({ wait: true })])]),
      1,
    )
    expect(requestsIn(r, Layer.LOOP, Op.FLUSH)).toEqual([])
    for (const id of requestsIn(r, Layer.LOOP, Op.WRITE)) expect((r.requests.flags[id] as number) & (Flag.FUA | Flag.PREFLUSH)).toBe(0)
    expect(r.verdicts.find((v) => v.check === 'guest-flush-durable')?.ok).toBe(false)
    expect(r.verdicts.find((v) => v.check === 'guest-fua-durable')?.ok).toBe(false)
  })

  it('a host disk without a write cache gets no flushes, and writes are durable at completion', () => {
    const r = runConfig(makeConfig({ ...DIO, disk: { writeCache: false } }, [thread([ops.write(1, { wait: true }), ops.flush({ wait: true })])]), 1)
    expect(requestsIn(r, Layer.DISK, Op.FLUSH)).toEqual([])
    expect(recordsOf(r, Ev.CACHE_PUT)).toEqual([])
    expect(r.verdicts.every((v) => v.ok)).toBe(true)
  })
})

describe('R6: loop advertises a write cache and never FUA', () => {
  it('turns a guest PREFLUSH|FUA write into fsync, write, fsync, the last after the write completed', () => {
    for (const patch of [DIO, {}]) {
      const r = runConfig(makeConfig(patch, [thread([ops.write(5, { preflush: true, fua: true, wait: true, label: 'c' })])]), 2)
      const loopReqs = requestsIn(r, Layer.LOOP)
      expect(loopReqs.map((id) => r.requests.op[id])).toEqual([Op.FLUSH, Op.WRITE, Op.FLUSH])
      const [, write, post] = loopReqs as [number, number, number]
      expect((r.requests.flags[write] as number) & Flag.FUA).toBe(0)
      expect(r.requests.submitT[post]).toBeGreaterThanOrEqual(r.requests.completeT[write] as number)
      // Each loop FLUSH ran vfs_fsync on the root worker, which reached the host disk as a flush.
      for (const id of [loopReqs[0], post] as number[]) expect(r.requests.lane[id]).toBe(0)
      expect(requestsIn(r, Layer.DISK, Op.FLUSH).length + recordsOf(r, Ev.TXN_DURABLE).length).toBeGreaterThanOrEqual(2)
      expect(r.verdicts.every((v) => v.ok)).toBe(true)
    }
  })

  it('the 2012 proposal advertises FUA and acknowledges it before it is durable', () => {
    const r = runConfig(makeConfig({ loop: { directIo: true, logicalBlockSize: 4096, mode: 'proposal-2012' } }, [thread([ops.write(5, { fua: true, wait: true })])]), 1)
    expect(requestsIn(r, Layer.LOOP, Op.FLUSH)).toEqual([])
    expect(r.verdicts.find((v) => v.check === 'guest-fua-durable')?.ok).toBe(false)
  })

  it('keeps DIO off for a 512-byte loop over a 4096-byte backing device, and LOOP_SET_DIRECT_IO fails', () => {
    const cfg = makeConfig({ loop: { directIo: true, logicalBlockSize: 512 }, backing: { minDioSize: 4096 } }, [thread([ops.write(1, { wait: true }), ops.setDirectIo(true), ops.write(2, { wait: true })])])
    const r = runConfig(cfg, 1)
    expect(r.metrics.dio_effective).toBe(false)
    const mode = recordsOf(r, Ev.DIO_MODE)[0] as number
    expect([r.log.a[mode], r.log.b[mode]]).toEqual([0, DioReason.SILENT_FALLBACK])
    const ioctl = recordsOf(r, Ev.IOCTL)[0] as number
    expect([r.log.a[ioctl], r.log.b[ioctl]]).toEqual([Ioctl.LOOP_SET_DIRECT_IO, Errno.EINVAL])
    expect(requestsIn(r, Layer.HOST_BLK, Op.WRITE).some((id) => (r.requests.flags[id] as number) & Flag.DIRECT)).toBe(false)
  })

  it('uses DIO with 4096-byte loop blocks', () => {
    const r = runConfig(makeConfig({ loop: { directIo: true, logicalBlockSize: 4096 }, backing: { minDioSize: 4096 } }, [thread([ops.write(1, { wait: true })])]), 1)
    expect(r.metrics.dio_effective).toBe(true)
    expect(r.metrics.host_cache_peak_bytes).toBe(0)
  })
})
