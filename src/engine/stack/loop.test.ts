/**
 * Goal: check how drivers/block/loop.c is modelled: which worker runs each command (per-cgroup
 * workers, the root worker for blk-flush's flush request, one kthread in the 2015 mode, queue_rq
 * itself for 6.19 NOWAIT submissions), that each worker is FIFO, that wake-ups are counted, the
 * pre-6.15 lo_write_simple O_DIRECT bypass, DIO eligibility (silent fallback, -EINVAL from the
 * ioctl) and the fsync + queue freeze of a run-time switch to DIO. Method: seeded whole runs read
 * back from the request table and the log, and a directly built Stack whose guest block layer's
 * driver hook is wrapped to record the order commands reached loop_queue_rq.
 */
import { describe, expect, it } from 'vitest'
import { MS, US, type GuestThread, type LoopConfig } from '../config'
import { DioReason, Errno, Ev, Ioctl, WAKE_FROM_IO, WAKE_FROM_SLEEP } from '../events'
import { runConfig, type RunResult } from '../run'
import { makeConfig, ops, thread, type StackPatch, recordsOf } from '../testing'
import { Flag, Layer, Op } from '../vocabulary'
import { LANE_QUEUE_RQ } from './loop'
import { Stack } from './stack'

const DIO: Partial<LoopConfig> = { directIo: true, logicalBlockSize: 4096 }

function loopRequests(r: Pick<RunResult, 'requests'>): number[] {
  const out: number[] = []
  for (let id = 1; id < r.requests.length; id++)
    if (r.requests.layer[id] === Layer.LOOP) out.push(id)
  return out
}

function loopChildOf(r: RunResult, guestBio: number): number {
  for (const id of loopRequests(r)) if (r.requests.parent[id] === guestBio) return id
  throw new Error(`no loop request for guest bio ${guestBio}`)
}

function laneOf(r: RunResult, cgroup: string): number {
  const name = cgroup === 'root' ? 'root worker' : `${cgroup} worker`
  const lane = r.workerLanes.find((l) => l.name === name)?.lane
  if (lane === undefined) throw new Error(`no worker for ${cgroup}`)
  return lane
}

const allOk = (r: RunResult): boolean => r.verdicts.every((v) => v.ok)

/** A busy mixed thread: writes, reads, a PREFLUSH write and flushes, mostly without waiting. */
function busyThread(cgroup: string, base: number): GuestThread {
  return thread(
    [
      ops.write(base),
      ops.write(base + 1, { count: 2 }),
      ops.read(base + 5),
      ops.flush(),
      ops.write(base + 3, { preflush: true }),
      ops.write(base),
      ops.read(base + 1),
      ops.flush(),
      ops.wait(),
      ops.write(base + 4, { fua: true }),
      ops.write(base + 6),
      ops.flush({ wait: true }),
    ],
    cgroup,
    `t-${cgroup}`,
  )
}

describe('per-worker FIFO', () => {
  for (const directIo of [false, true]) {
    it(`each worker starts its commands in the order loop_queue_rq queued them (${directIo ? 'DIO' : 'buffered'})`, () => {
      for (let seed = 1; seed <= 10; seed++) {
        const cfg = makeConfig({ deviceBlocks: 128, loop: { directIo, logicalBlockSize: 4096 } }, [
          busyThread('root', 0),
          busyThread('a', 20),
          busyThread('b', 40),
        ])
        const stack = new Stack(cfg, seed)
        const queued: number[] = []
        const driver = stack.guestBlk.driver
        stack.guestBlk.driver = (child) => {
          queued.push(child)
          driver(child)
        }
        expect(stack.sim.run()).toBe('idle')
        const r = stack.sim.req
        const log = stack.sim.log
        const started: number[] = []
        for (let i = 0; i < log.length; i++)
          if (log.kind[i] === Ev.START && r.layer[log.a[i]!] === Layer.LOOP) started.push(log.a[i]!)
        expect(started.length, `seed ${seed}`).toBe(queued.length)
        const lanes = new Set(started.map((id) => r.lane[id]!))
        expect(lanes.size, `seed ${seed}: several workers in use`).toBeGreaterThanOrEqual(3)
        for (const lane of lanes) {
          const startOrder = started.filter((id) => r.lane[id] === lane)
          const queueOrder = queued.filter((id) => r.lane[id] === lane)
          expect(startOrder, `seed ${seed} lane ${lane}`).toEqual(queueOrder)
        }
      }
    })
  }
})

describe('worker per cgroup', () => {
  const workload = () => [busyThread('a', 0), busyThread('b', 20)]

  it('threads in cgroups a and b run on their own workers; blk-flush flush requests run on the root worker', () => {
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, workload()), 1)
    expect(allOk(r)).toBe(true)
    const a = laneOf(r, 'a')
    const b = laneOf(r, 'b')
    expect(new Set([0, a, b]).size).toBe(3)
    expect(r.workerLanes.map((l) => l.lane).sort()).toEqual([0, a, b].sort())
    let flushes = 0
    const seen = new Set<number>()
    for (const id of loopRequests(r)) {
      const lane = r.requests.lane[id]!
      if (r.requests.flags[id]! & Flag.FLUSH_RQ) {
        flushes++
        expect(r.requests.op[id]).toBe(Op.FLUSH)
        expect(lane, `flush request ${id}`).toBe(0)
        continue
      }
      const guest = r.requests.parent[id]!
      // The data of a request runs on the worker of the thread's cgroup.
      const block = r.requests.block[guest]!
      expect(lane, `loop request ${id}`).toBe(block < 20 ? a : b)
      seen.add(lane)
    }
    expect(flushes).toBeGreaterThan(0)
    expect(seen).toEqual(new Set([a, b]))
  })

  it('kthread-2015 runs everything on one worker (lane 0)', () => {
    const r = runConfig(
      makeConfig({ deviceBlocks: 64, loop: { mode: 'kthread-2015' } }, workload()),
      1,
    )
    expect(allOk(r)).toBe(true)
    expect(r.workerLanes).toEqual([{ lane: 0, name: 'root worker' }])
    const lanes = new Set(loopRequests(r).map((id) => r.requests.lane[id]))
    expect(lanes).toEqual(new Set([0]))
    expect(new Set(recordsOf(r, Ev.WORKER_WAKE).map((i) => r.log.a[i]))).toEqual(new Set([0]))
  })
})

describe('worker wake-ups', () => {
  it('a worker that drained its list and slept is woken again by the next request', () => {
    const w = [
      ops.write(1, { wait: true }),
      ops.sleep(1 * MS),
      ops.write(2, { wait: true }),
      ops.sleep(1 * MS),
      ops.read(3, { wait: true }),
    ]
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread(w)]), 1)
    const all = recordsOf(r, Ev.WORKER_WAKE)
    const wakes = all.filter((i) => r.log.b[i] === WAKE_FROM_SLEEP)
    const sleeps = recordsOf(r, Ev.WORKER_SLEEP)
    // Three wake-ups from idle, plus one from sleeping on I/O: the read of block 3 misses the host
    // page cache, and the worker waits for the disk (a context switch, counted as a wake-up).
    expect(wakes.length).toBe(3)
    expect(all.filter((i) => r.log.b[i] === WAKE_FROM_IO).length).toBe(1)
    expect(r.metrics.worker_wakeups).toBe(4)
    // wake, sleep, wake, sleep, wake (the run ends when nothing is in flight, which can be before
    // the worker's last look at its empty list, so a final sleep may not be logged).
    const seq = [...wakes, ...sleeps].sort((x, y) => x - y).map((i) => r.log.kind[i])
    expect(seq.slice(0, 5)).toEqual([
      Ev.WORKER_WAKE,
      Ev.WORKER_SLEEP,
      Ev.WORKER_WAKE,
      Ev.WORKER_SLEEP,
      Ev.WORKER_WAKE,
    ])
    expect(sleeps.length).toBeGreaterThanOrEqual(2)
  })

  it('a burst that keeps the list non-empty costs one wake-up, and the metric counts WORKER_WAKE records', () => {
    const burst = Array.from({ length: 12 }, (_, i) => ops.write(i))
    const r = runConfig(makeConfig({ deviceBlocks: 64 }, [thread([...burst, ops.wait()])]), 1)
    expect(r.metrics.worker_wakeups).toBe(1)
    const two = runConfig(
      makeConfig({ deviceBlocks: 64 }, [
        thread(burst, 'a'),
        thread(
          burst.map((o) => ({ ...o, block: 30 + (o as { block: number }).block })) as typeof burst,
          'b',
        ),
      ]),
      1,
    )
    expect(two.metrics.worker_wakeups).toBe(recordsOf(two, Ev.WORKER_WAKE).length)
    expect(two.metrics.worker_wakeups).toBeGreaterThanOrEqual(2)
  })
})

describe('6.19 NOWAIT submission from queue_rq', () => {
  const cfg = (w: ReturnType<typeof ops.write>[], patch: StackPatch = {}) =>
    makeConfig(
      {
        deviceBlocks: 64,
        loop: { ...DIO, mode: 'nowait-6.19' },
        backing: { allocated: [[0, 32]] },
        ...patch,
      },
      [thread(w)],
    )

  it('overwrites of allocated blocks start on LANE_QUEUE_RQ; a write into a hole falls back to a worker', () => {
    const w = [
      ops.write(3, { wait: true, label: 'over' }),
      ops.write(40, { wait: true, label: 'hole' }),
      ops.write(5, { wait: true, label: 'over2' }),
    ]
    const r = runConfig(cfg(w), 1)
    expect(allOk(r)).toBe(true)
    for (const label of ['over', 'over2']) {
      const id = loopChildOf(r, r.labels[label]!)
      expect(r.requests.lane[id], label).toBe(LANE_QUEUE_RQ)
      expect(r.requests.flags[id]! & Flag.NOWAIT, label).toBe(Flag.NOWAIT)
      // Started from queue_rq itself: no worker wake-up delay.
      expect(r.requests.startT[id]).toBe(r.requests.submitT[id]! + r.config.stack.timing.dispatchNs)
    }
    const hole = loopChildOf(r, r.labels.hole!)
    expect(r.requests.lane[hole]).toBeGreaterThanOrEqual(0)
    expect(r.requests.flags[hole]! & Flag.NOWAIT).toBe(0)
  })

  it('while a write waits for a worker, later overwrites go to the worker too (write order kept)', () => {
    const w = [ops.write(40, { label: 'hole' }), ops.write(4, { label: 'after' }), ops.wait()]
    const r = runConfig(cfg(w), 1)
    const hole = loopChildOf(r, r.labels.hole!)
    const after = loopChildOf(r, r.labels.after!)
    expect(r.requests.lane[after]).toBe(r.requests.lane[hole])
    expect(r.requests.startT[after]!).toBeGreaterThan(r.requests.startT[hole]!)
  })

  it('without DIO nothing is submitted from queue_rq', () => {
    const w = [ops.write(3, { wait: true }), ops.write(5, { wait: true })]
    const r = runConfig(cfg(w, { loop: { mode: 'nowait-6.19', directIo: false } }), 1)
    for (const id of loopRequests(r)) expect(r.requests.lane[id]).toBeGreaterThanOrEqual(0)
  })
})

describe('pre-6.15 lo_write_simple on an O_DIRECT backing fd (f2fed441)', () => {
  const w = [
    ops.write(3, { label: 'a' }),
    ops.write(4, { label: 'b' }),
    ops.wait(),
    ops.flush({ wait: true }),
  ]
  const hostWrites = (r: RunResult) => {
    const out: number[] = []
    for (let id = 1; id < r.requests.length; id++) {
      if (
        r.requests.layer[id] === Layer.HOST_BLK &&
        r.requests.op[id] === Op.WRITE &&
        !(r.requests.flags[id]! & Flag.JOURNAL)
      )
        out.push(id)
    }
    return out
  }

  it('pre-6.15 with DIO off still does direct I/O: no host page cache, DIRECT host bios, the worker waits', () => {
    const r = runConfig(
      makeConfig(
        {
          deviceBlocks: 64,
          loop: { mode: 'pre-6.15', directIo: false },
          backing: { openedODirect: true },
        },
        [thread(w)],
      ),
      1,
    )
    expect(allOk(r)).toBe(true)
    expect(r.metrics.dio_effective).toBe(false)
    expect(r.metrics.host_cache_peak_bytes).toBe(0)
    const writes = hostWrites(r)
    expect(writes.length).toBe(2)
    for (const id of writes) expect(r.requests.flags[id]! & Flag.DIRECT).toBe(Flag.DIRECT)
    // lo_write_simple is synchronous: the second command starts after the first completed.
    const a = loopChildOf(r, r.labels.a!)
    const b = loopChildOf(r, r.labels.b!)
    expect(r.requests.startT[b]!).toBeGreaterThanOrEqual(r.requests.completeT[a]!)
  })

  it('mainline with the same settings goes through the host page cache', () => {
    const r = runConfig(
      makeConfig(
        {
          deviceBlocks: 64,
          loop: { mode: 'mainline', directIo: false },
          backing: { openedODirect: true },
        },
        [thread(w)],
      ),
      1,
    )
    expect(allOk(r)).toBe(true)
    expect(r.metrics.host_cache_peak_bytes).toBe(2 * 4096)
    for (const id of hostWrites(r)) {
      expect(r.requests.flags[id]! & Flag.DIRECT).toBe(0)
      expect(r.requests.flags[id]! & Flag.WRITEBACK).toBe(Flag.WRITEBACK)
    }
  })
})

describe('DIO eligibility and run-time switching', () => {
  const dioModes = (r: RunResult) => recordsOf(r, Ev.DIO_MODE).map((i) => [r.log.a[i], r.log.b[i]])
  const ioctls = (r: RunResult) => recordsOf(r, Ev.IOCTL).map((i) => [r.log.a[i], r.log.b[i]])

  it('a 512-byte loop block size over a 4096-byte minimum DIO size silently falls back, and the ioctl says EINVAL', () => {
    const w = [ops.write(1, { wait: true }), ops.setDirectIo(true), ops.write(2, { wait: true })]
    const r = runConfig(
      makeConfig(
        {
          deviceBlocks: 64,
          loop: { directIo: true, logicalBlockSize: 512 },
          backing: { minDioSize: 4096 },
        },
        [thread(w)],
      ),
      1,
    )
    expect(allOk(r)).toBe(true)
    expect(r.metrics.dio_effective).toBe(false)
    expect(dioModes(r)).toEqual([[0, DioReason.SILENT_FALLBACK]])
    expect(ioctls(r)).toEqual([[Ioctl.LOOP_SET_DIRECT_IO, Errno.EINVAL]])
    expect(recordsOf(r, Ev.FREEZE)).toEqual([])
    expect(r.metrics.host_cache_peak_bytes).toBeGreaterThan(0)
  })

  it('with a 4096-byte loop block size DIO is on', () => {
    const r = runConfig(
      makeConfig({ deviceBlocks: 64, loop: DIO, backing: { minDioSize: 4096 } }, [
        thread([ops.write(1, { wait: true })]),
      ]),
      1,
    )
    expect(r.metrics.dio_effective).toBe(true)
    expect(dioModes(r)).toEqual([[1, DioReason.CONFIGURED]])
    expect(r.metrics.host_cache_peak_bytes).toBe(0)
  })

  it('switching buffered → DIO at run time: fsync first, then a freeze that no loop request crosses', () => {
    for (let seed = 1; seed <= 10; seed++) {
      // A second cgroup keeps writing through the switch, so requests are in flight when it starts.
      const writer = thread(
        Array.from({ length: 150 }, (_, i) => [ops.write(i % 30), ops.sleep(7 * US)]).flat(),
        'b',
        'writer',
      )
      const sw = thread(
        [
          ops.write(40, { wait: true, label: 'dirty' }),
          ops.setDirectIo(true),
          ops.write(41, { wait: true, label: 'dio' }),
        ],
        'root',
        'switch',
      )
      const r = runConfig(
        makeConfig({ deviceBlocks: 64, loop: { logicalBlockSize: 4096 } }, [sw, writer]),
        seed,
      )
      expect(allOk(r), `seed ${seed}`).toBe(true)
      expect(r.metrics.dio_effective).toBe(true)
      expect(ioctls(r)).toEqual([[Ioctl.LOOP_SET_DIRECT_IO, 0]])
      const freeze = recordsOf(r, Ev.FREEZE)
      expect(freeze.map((i) => r.log.a[i])).toEqual([1, 0])
      const [f1, f0] = freeze as [number, number]
      const flip = recordsOf(r, Ev.DIO_MODE).find((i) => r.log.b[i] === DioReason.RUNTIME_SWITCH)!
      expect(flip > f1 && flip < f0).toBe(true)

      // The fsync ran before the freeze: block 40's dirty page was written back and a host cache
      // flush completed, all before FREEZE 1.
      const clean40 = recordsOf(r, Ev.PAGE_CLEAN, Layer.HOST_CACHE).filter((i) => r.log.b[i] === 40)
      expect(clean40.length, `seed ${seed}`).toBeGreaterThan(0)
      expect(clean40[0]!).toBeLessThan(f1)
      const hostFlushDone = recordsOf(r, Ev.COMPLETE).filter((i) => {
        const id = r.log.a[i]!
        return (
          r.requests.layer[id] === Layer.HOST_BLK &&
          (r.requests.op[id] === Op.FLUSH || (r.requests.flags[id]! & Flag.PREFLUSH) !== 0)
        )
      })
      expect(
        hostFlushDone.some((i) => i < f1 && i > clean40[0]!),
        `seed ${seed}`,
      ).toBe(true)

      // No loop request enters while frozen, and none is in flight when the mode flips: a command
      // runs wholly in one mode.
      for (const id of loopRequests(r)) {
        const sub = r.requests.submitEv[id]!
        const done = r.requests.completeEv[id]!
        expect(
          sub > f1 && sub < f0,
          `seed ${seed}: loop request ${id} submitted while frozen`,
        ).toBe(false)
        expect(
          sub < flip && done > flip,
          `seed ${seed}: loop request ${id} in flight across the flip`,
        ).toBe(false)
      }
      // After the switch the writes bypass the host page cache.
      const dio = loopChildOf(r, r.labels.dio!)
      expect(r.requests.submitEv[dio]!).toBeGreaterThan(f0)
      expect(recordsOf(r, Ev.PAGE_DIRTY, Layer.HOST_CACHE).some((i) => r.log.b[i] === 41)).toBe(
        false,
      )
    }
  })

  // The brief's stricter reading: no loop request in flight anywhere between FREEZE 1 and FREEZE 0.
  // The engine logs FREEZE 1 where blk_freeze_queue_start() runs (new bios wait at the door from
  // here) and drains what already entered afterwards, as blk_mq_freeze_queue_wait() does, so
  // commands that entered before the freeze still finish inside the window. That matches the
  // kernel; this test documents the window's contents rather than asserting it empty.
  it('requests that entered before FREEZE 1 drain inside the window, before the flip', () => {
    let drained = 0
    for (let seed = 1; seed <= 10; seed++) {
      const writer = thread(
        Array.from({ length: 150 }, (_, i) => [ops.write(i % 30), ops.sleep(7 * US)]).flat(),
        'b',
        'writer',
      )
      const sw = thread([ops.write(40, { wait: true }), ops.setDirectIo(true)], 'root', 'switch')
      const r = runConfig(
        makeConfig({ deviceBlocks: 64, loop: { logicalBlockSize: 4096 } }, [sw, writer]),
        seed,
      )
      const [f1] = recordsOf(r, Ev.FREEZE) as [number, number]
      const flip = recordsOf(r, Ev.DIO_MODE).find((i) => r.log.b[i] === DioReason.RUNTIME_SWITCH)!
      for (const id of loopRequests(r)) {
        if (r.requests.submitEv[id]! < f1 && r.requests.completeEv[id]! > f1) {
          drained++
          expect(r.requests.completeEv[id]!).toBeLessThan(flip)
        }
      }
    }
    expect(drained).toBeGreaterThan(0)
  })
})
