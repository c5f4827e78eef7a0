/**
 * Goal: check the host file system's extent and journal rules that decide what survives a host
 * power loss: a direct write into a hole is mapped unwritten at submission and converted to written
 * only in end_io after its data write completed, and the conversion is durable only at a journal
 * commit; fsync does not wait for direct I/O in flight; the 2003-era mode maps the block written
 * before its data is on media (stale data exposure) while the modern mode never does; fallocate
 * punches holes / zeroes ranges; extending direct writes are synchronous. Method: whole seeded runs
 * read back from the log and the request table, Replay (state at any event index) for the
 * instantaneous on-disk view, and a directly built Stack where a live field must be set first.
 */
import { describe, expect, it } from 'vitest'
import { US, type LoopConfig } from '../config'
import { Ev } from '../events'
import { Replay } from '../replay/replay'
import { runConfig, type RunResult } from '../run'
import { makeConfig, ops, thread, recordsOf } from '../testing'
import { Data, Extent, Flag, Layer, Op, Stage } from '../vocabulary'
import { PAGE } from './pageCache'
import { Stack } from './stack'

const DIO: Partial<LoopConfig> = { directIo: true, logicalBlockSize: 4096 }

/** [time, new state] of every EXTENT record of one file block. */
function extentChanges(r: RunResult, block: number): Array<[number, number]> {
  return recordsOf(r, Ev.EXTENT, block).map((i) => [r.log.time[i]!, r.log.b[i]!])
}

/** The request of `layer` whose parent is `parent`. */
function childOf(r: RunResult, parent: number, layer: number): number {
  for (let id = 1; id < r.requests.length; id++)
    if (r.requests.layer[id] === layer && r.requests.parent[id] === parent) return id
  throw new Error(`no ${layer} child of ${parent}`)
}

/** The host DIO bio that carries a guest write: guest bio → loop request → host bio. */
function hostBioOf(r: RunResult, guestBio: number): number {
  return childOf(r, childOf(r, guestBio, Layer.LOOP), Layer.HOST_BLK)
}

const allOk = (r: RunResult): boolean => r.verdicts.every((v) => v.ok)

describe('direct write into a hole', () => {
  const config = (w: ReturnType<typeof ops.write>[]) =>
    makeConfig({ deviceBlocks: 64, loop: DIO, backing: { allocated: 'none' } }, [thread(w)])

  it('maps the block unwritten at submission and converts it in end_io, after the data write completed', () => {
    const r = runConfig(config([ops.write(5, { wait: true, label: 'w' })]), 1)
    expect(allOk(r)).toBe(true)
    const host = hostBioOf(r, r.labels.w!)
    expect(r.requests.flags[host]! & Flag.DIRECT).toBe(Flag.DIRECT)
    const changes = extentChanges(r, 5)
    expect(changes.map(([, s]) => s)).toEqual([Extent.UNWRITTEN, Extent.WRITTEN])
    expect(changes[0]![0]).toBe(r.requests.submitT[host])
    // The conversion runs on the end_io workqueue: endIoNs after the data write completed.
    expect(changes[1]![0]).toBe(r.requests.completeT[host]! + r.config.stack.timing.endIoNs)
    // ki_complete follows the conversion: the guest never sees the write done before it.
    const loopReq = childOf(r, r.labels.w!, Layer.LOOP)
    expect(r.requests.completeT[loopReq]!).toBeGreaterThanOrEqual(changes[1]![0])
    // In memory the block is written; nothing committed it, so on disk it is still not written.
    expect(r.final.memExtent[5]).toBe(Extent.WRITTEN)
    expect(r.final.diskExtent[5]).not.toBe(Extent.WRITTEN)
    expect(r.final.diskExtent[5]).toBe(Extent.HOLE)
    expect(r.final.durableMax[5]).toBe(Data.ZERO)
  })

  it('a journal commit (fsync through a guest flush after the write) makes the written extent durable', () => {
    const r = runConfig(
      config([ops.write(5, { wait: true, label: 'w' }), ops.flush({ wait: true, label: 'f' })]),
      1,
    )
    expect(allOk(r)).toBe(true)
    expect(r.final.diskExtent[5]).toBe(Extent.WRITTEN)
    expect(r.final.durableMax[5]).toBe(r.labels.w)
    const durable = recordsOf(r, Ev.TXN_DURABLE)
    expect(durable.length).toBe(1)
    expect(r.log.time[durable[0]!]!).toBeLessThanOrEqual(r.requests.completeT[r.labels.f!]!)
    // Just before the commit landed the on-disk extent was not written yet.
    const replay = new Replay(r)
    expect(replay.seek(durable[0]!).diskExtent[5]).not.toBe(Extent.WRITTEN)
    expect(replay.seek(durable[0]! + 1).diskExtent[5]).toBe(Extent.WRITTEN)
  })

  it('the on-disk extent becomes written only at a commit that follows the end_io conversion (seeds 1..40)', () => {
    // The first flush does not wait for the write, so its commit may capture the unwritten
    // extent; the second flush follows a wait and commits the conversion.
    let sawCommittedUnwritten = 0
    for (let seed = 1; seed <= 40; seed++) {
      const w = [
        ops.write(10),
        ops.write(11),
        ops.write(5, { label: 'w' }),
        ops.flush(),
        ops.wait(),
        ops.flush({ wait: true }),
      ]
      const r = runConfig(
        makeConfig(
          { deviceBlocks: 64, loop: DIO, backing: { allocated: 'none' }, disk: { channels: 1 } },
          [thread(w)],
        ),
        seed,
      )
      expect(allOk(r), `seed ${seed}`).toBe(true)
      const converted = recordsOf(r, Ev.EXTENT, 5).find((i) => r.log.b[i] === Extent.WRITTEN)!
      const hostDone = r.requests.completeEv[hostBioOf(r, r.labels.w!)]!
      expect(converted).toBeGreaterThan(hostDone)
      const replay = new Replay(r)
      let prev = Extent.HOLE as number
      for (let i = 1; i <= r.log.length; i++) {
        const now = replay.seek(i).diskExtent[5]!
        if (now !== prev) {
          expect(
            r.log.kind[i - 1],
            `seed ${seed}: on-disk extent changed by a non-commit record`,
          ).toBe(Ev.TXN_DURABLE)
          if (now === Extent.WRITTEN) expect(i - 1, `seed ${seed}`).toBeGreaterThan(converted)
          if (now === Extent.UNWRITTEN) sawCommittedUnwritten++
          prev = now
        }
      }
      expect(prev, `seed ${seed}`).toBe(Extent.WRITTEN)
    }
    expect(sawCommittedUnwritten).toBeGreaterThan(0)
  })
})

describe('fsync and direct I/O in flight', () => {
  it('fsync does not wait for an in-flight DIO write: for some seeds the guest flush completes first (seeds 1..200)', () => {
    // A single-channel disk serving its queue in random order; two earlier writes keep it busy so
    // the host FLUSH can be served before write 5.
    let flushFirst = 0
    for (let seed = 1; seed <= 200; seed++) {
      const w = [
        ops.write(10),
        ops.write(11),
        ops.write(5, { label: 'w' }),
        ops.flush({ label: 'f' }),
      ]
      const r = runConfig(
        makeConfig({ deviceBlocks: 64, loop: DIO, disk: { channels: 1 } }, [thread(w)]),
        seed,
      )
      expect(r.verdicts.find((v) => v.check === 'guest-flush-durable')?.ok, `seed ${seed}`).toBe(
        true,
      )
      expect(allOk(r), `seed ${seed}`).toBe(true)
      if (r.requests.completeT[r.labels.f!]! < r.requests.completeT[r.labels.w!]!) flushFirst++
    }
    expect(flushFirst).toBeGreaterThan(0)
  })

  it('after a wait the flush always completes after the write, and the write is durable', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const w = [
        ops.write(10),
        ops.write(11),
        ops.write(5, { label: 'w' }),
        ops.wait(),
        ops.flush({ label: 'f', wait: true }),
      ]
      const r = runConfig(
        makeConfig({ deviceBlocks: 64, loop: DIO, disk: { channels: 1 } }, [thread(w)]),
        seed,
      )
      expect(allOk(r), `seed ${seed}`).toBe(true)
      expect(r.requests.completeT[r.labels.f!]!).toBeGreaterThan(r.requests.completeT[r.labels.w!]!)
      expect(r.final.durableMax[5]).toBe(r.labels.w)
    }
  })
})

describe('legacy (2003-era) direct I/O into holes', () => {
  const workload = () => [
    thread([ops.write(10), ops.write(11), ops.write(5, { label: 'w' }), ops.flush({ label: 'f' })]),
  ]
  const config = (legacy: boolean) =>
    makeConfig(
      {
        deviceBlocks: 64,
        loop: DIO,
        backing: { allocated: 'none' },
        hostFs: { legacyStaleData: legacy },
        disk: { channels: 1 },
      },
      workload(),
    )

  /** Event indices (state after the record) where block b is written on disk while media holds stale data. */
  function staleExposures(r: RunResult, b: number): number[] {
    const replay = new Replay(r)
    const out: number[] = []
    for (let i = 0; i <= r.log.length; i++) {
      const s = replay.seek(i)
      if (s.diskExtent[b] === Extent.WRITTEN && s.media[b] === Data.STALE) out.push(i)
    }
    return out
  }

  it('maps the hole written at submission, before any data was written', () => {
    const r = runConfig(config(true), 1)
    const host = hostBioOf(r, r.labels.w!)
    expect(extentChanges(r, 5)).toEqual([[r.requests.submitT[host]!, Extent.WRITTEN]])
  })

  it('a commit can land while the data is not on media: on disk the block is written and holds stale data', () => {
    let found = -1
    for (let seed = 1; seed <= 100 && found < 0; seed++) {
      const r = runConfig(config(true), seed)
      expect(allOk(r), `seed ${seed}`).toBe(true)
      const replay = new Replay(r)
      // A commit that landed while write 5's data was still in flight or only in the disk's
      // volatile cache (the commit's preflush was issued before the data write completed).
      const early = recordsOf(r, Ev.TXN_DURABLE).find(
        (i) => replay.seek(i + 1).media[5] !== r.labels.w,
      )
      if (early === undefined) continue
      found = seed
      const s = replay.seek(early + 1)
      expect(s.diskExtent[5], `seed ${seed}`).toBe(Extent.WRITTEN)
      expect(s.media[5], `seed ${seed}`).toBe(Data.STALE)
      // A power loss now would expose another file's old data through the guest's block 5.
      expect(staleExposures(r, 5).length).toBeGreaterThan(0)
    }
    expect(found, 'some seed in 1..100 commits before the data reaches media').toBeGreaterThan(0)
  })

  it('the modern mode never shows a written extent over stale media, on any index (seeds 1..40)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = runConfig(config(false), seed)
      expect(allOk(r), `seed ${seed}`).toBe(true)
      for (const b of [5, 10, 11])
        expect(staleExposures(r, b), `seed ${seed} block ${b}`).toEqual([])
    }
  })
})

describe('fallocate', () => {
  it('a guest DISCARD punches a hole and drops the cached page', () => {
    const w = [ops.write(5, { wait: true, label: 'w' }), ops.discard(5, { wait: true, label: 'd' })]
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 1)
    expect(allOk(r)).toBe(true)
    expect(extentChanges(r, 5).map(([, s]) => s)).toEqual([Extent.HOLE])
    expect(r.final.memExtent[5]).toBe(Extent.HOLE)
    expect(r.final.hostPages[5]).toBe(PAGE.ABSENT)
    const drop = recordsOf(r, Ev.PAGE_DROP, Layer.HOST_CACHE).filter((i) => r.log.b[i] === 5)
    expect(drop.length).toBe(1)
    // The dirty version in the dropped page was never written: it is discarded.
    const discarded = recordsOf(r, Ev.STAGE, 5).filter(
      (i) => r.log.b[i] === r.labels.w && r.log.c[i] === Stage.DISCARDED,
    )
    expect(discarded.length).toBe(1)
    expect(recordsOf(r, Ev.PAGE_WRITEBACK)).toEqual([])
    const loopReq = childOf(r, r.labels.d!, Layer.LOOP)
    expect(r.requests.op[loopReq]).toBe(Op.DISCARD)
  })

  it('WRITE_ZEROES with unmap: false zeroes the range into unwritten extents; with unmap it punches', () => {
    const w = [
      ops.writeZeroes(6, { count: 2, unmap: false, wait: true, label: 'z' }),
      ops.writeZeroes(20, { unmap: true, wait: true }),
    ]
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 1)
    expect(allOk(r)).toBe(true)
    const loopReq = childOf(r, r.labels.z!, Layer.LOOP)
    expect(r.requests.flags[loopReq]! & Flag.NOUNMAP).toBe(Flag.NOUNMAP)
    expect(extentChanges(r, 6).map(([, s]) => s)).toEqual([Extent.UNWRITTEN])
    expect(extentChanges(r, 7).map(([, s]) => s)).toEqual([Extent.UNWRITTEN])
    expect(extentChanges(r, 20).map(([, s]) => s)).toEqual([Extent.HOLE])
  })

  it('a committed punch makes the discard durable (reads as zeros after power loss)', () => {
    const w = [
      ops.write(5, { wait: true }),
      ops.flush({ wait: true }),
      ops.discard(5, { wait: true, label: 'd' }),
      ops.flush({ wait: true }),
    ]
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 1)
    expect(allOk(r)).toBe(true)
    expect(r.final.diskExtent[5]).toBe(Extent.HOLE)
    expect(r.final.durableMax[5]).toBe(r.labels.d)
  })
})

describe('direct write over cached pages', () => {
  it('writes back and invalidates a dirty page of its range first, so older cached data never lands over it', () => {
    // A run-time switch to DIO: the switch's fsync runs first, and a write from another cgroup
    // dirties block 7 in the host page cache after that fsync started, before the freeze. The
    // first direct write to block 7 must not leave that older page dirty behind it.
    let hit = 0
    for (let sleepUs = 10; sleepUs <= 200; sleepUs += 10) {
      const sw = thread(
        [
          ops.write(40, { wait: true }),
          ops.setDirectIo(true),
          ops.write(7, { wait: true, label: 'dio' }),
          ops.flush({ wait: true }),
        ],
        'root',
        'switch',
      )
      const other = thread(
        [ops.sleep(sleepUs * US), ops.write(7, { wait: true, label: 'old' })],
        'b',
        'other',
      )
      const r = runConfig(
        makeConfig({ deviceBlocks: 64, loop: { logicalBlockSize: 4096 } }, [sw, other]),
        1,
      )
      expect(allOk(r)).toBe(true)
      const dioHost = hostBioOf(r, r.labels.dio!)
      const at = new Replay(r).seek(r.requests.submitEv[childOf(r, r.labels.dio!, Layer.LOOP)]! + 1)
      if (at.hostPageState[7] !== PAGE.DIRTY) continue // precondition: the older page is still dirty
      hit++
      expect(r.requests.flags[dioHost]! & Flag.DIRECT).toBe(Flag.DIRECT)
      // The older page went out, and completed, before the direct write was issued ...
      const old = r.labels.old!
      for (let id = 1; id < r.requests.length; id++) {
        if (
          r.requests.layer[id] !== Layer.HOST_BLK ||
          r.requests.op[id] !== Op.WRITE ||
          r.requests.block[id] !== 7
        )
          continue
        if (id === dioHost) continue
        expect(r.requests.version(id, 0), `sleep ${sleepUs}`).toBe(old)
        expect(r.requests.completeT[id]!, `sleep ${sleepUs}`).toBeLessThanOrEqual(
          r.requests.submitT[dioHost]!,
        )
      }
      // ... so the newest data is what the disk holds and the cache no longer has block 7.
      expect(r.final.media[7], `sleep ${sleepUs}`).toBe(r.labels.dio)
      expect(r.final.hostPages[7]).toBe(PAGE.ABSENT)
    }
    expect(hit).toBeGreaterThan(0)
  })
})

describe('extending direct writes', () => {
  /** Runs two DIO writes without waiting between them: first at block `a`, then at block 2. */
  function run(iSizeBlocks: number | null) {
    const cfg = makeConfig({ deviceBlocks: 64, loop: DIO }, [
      thread([ops.write(10, { label: 'ext' }), ops.write(2, { label: 'next' })]),
    ])
    const stack = new Stack(cfg, 1)
    if (iSizeBlocks !== null) stack.hostFs.iSizeBlocks = iSizeBlocks
    expect(stack.sim.run()).toBe('idle')
    const r = stack.sim.req
    const labels = stack.threads[0]!.labels
    const loopOf = (bio: number): number => {
      for (let id = 1; id < r.length; id++)
        if (r.layer[id] === Layer.LOOP && r.parent[id] === bio) return id
      throw new Error('no loop request')
    }
    const ext = loopOf(labels.get('ext')!)
    const next = loopOf(labels.get('next')!)
    expect(r.lane[ext]).toBe(r.lane[next]) // one worker
    return { stack, r, ext, next }
  }

  it('a write past i_size runs synchronously: the worker starts its next command only after it completed', () => {
    const { stack, r, ext, next } = run(8)
    expect(r.startT[next]!).toBeGreaterThanOrEqual(r.completeT[ext]!)
    // i_size moved in end_io.
    expect(stack.hostFs.iSizeBlocks).toBe(11)
  })

  it('a write inside i_size is asynchronous: the next command starts while it is in flight', () => {
    const { stack, r, ext, next } = run(null)
    expect(r.startT[next]!).toBeLessThan(r.completeT[ext]!)
    expect(r.startT[next]! - r.startT[ext]!).toBeLessThan(20 * US)
    expect(stack.hostFs.iSizeBlocks).toBe(64)
  })
})
