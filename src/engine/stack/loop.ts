import type { StackConfig } from '../config'
import { DioReason, Errno, Ev, Ioctl, WAKE_FROM_IO, WAKE_FROM_SLEEP } from '../events'
import { assert } from '../kernel/assert'
import type { Sim } from '../kernel/sim'
import { Flag, Op, Stage } from '../vocabulary'
import type { BlockLayer } from './blockLayer'
import { canUseDio } from './dioRule'
import type { QueueFeatures } from './flushPolicy'
import type { HostFs } from './hostFs'

/** Lane of the 6.19 NOWAIT path: the submitter's own context inside queue_rq. */
export const LANE_QUEUE_RQ = -2

interface Worker {
  lane: number
  list: number[]
  head: number
  /** Scheduled to run or running: a new command needs no wake-up. */
  awake: boolean
}

/**
 * drivers/block/loop.c. queue_rq routes each request to a worker: the root worker for flushes and
 * requests without a cgroup, otherwise that cgroup's worker (since v5.14). A worker takes commands
 * from the head of its list, one at a time (FIFO), and calls do_req_filebacked: FLUSH is vfs_fsync
 * of the backing file; DISCARD and WRITE_ZEROES are fallocate; READ and WRITE go through lo_rw_aio,
 * asynchronous with IOCB_DIRECT (the worker moves on; ki_complete finishes the request later) or a
 * synchronous copy into the host page cache.
 */
export class LoopDevice {
  dio: boolean
  readonly workers: Worker[] = []
  private readonly laneOfCgroup = new Map<string, number>()
  private inflight = 0
  /** Direct I/O submitted to the backing file and not yet completed (for flushDrains). */
  private aioInFlight = 0
  private drainWaiters: Array<() => void> = []
  private nrBlockingWrites = 0
  wakeups = 0
  private readonly aRun: number
  guest!: BlockLayer
  host!: HostFs

  constructor(
    private readonly sim: Sim,
    private readonly cfg: StackConfig,
  ) {
    this.aRun = sim.on((lane) => this.run(lane))
    this.laneOfCgroup.set('root', 0)
    this.workers.push({ lane: 0, list: [], head: 0, awake: false })
    const eligible = canUseDio(cfg.loop, cfg.backing)
    this.dio = cfg.loop.directIo && eligible
    const reason = !cfg.loop.directIo ? DioReason.NOT_REQUESTED : eligible ? DioReason.CONFIGURED : DioReason.SILENT_FALLBACK
    sim.emit(Ev.DIO_MODE, this.dio ? 1 : 0, reason)
  }

  /** What the loop queue advertises (loop_update_limits): a write cache, never FUA (R6). */
  features(): QueueFeatures {
    const wc = this.cfg.loop.writeCache && !this.cfg.loop.readOnly
    return { writeCache: wc, fua: wc && this.cfg.loop.mode === 'proposal-2012' }
  }

  /** Worker lane of a cgroup (created on first use, as loop_queue_work does). */
  laneFor(cgroup: string): number {
    if (this.cfg.loop.mode === 'kthread-2015') return 0
    let lane = this.laneOfCgroup.get(cgroup)
    if (lane === undefined) {
      lane = this.workers.length
      this.laneOfCgroup.set(cgroup, lane)
      this.workers.push({ lane, list: [], head: 0, awake: false })
    }
    return lane
  }

  get cgroupLanes(): ReadonlyMap<string, number> {
    return this.laneOfCgroup
  }

  /** loop_queue_rq. `req` is a LOOP-layer request created by the guest block layer. */
  queueRq(req: number): void {
    const r = this.sim.req
    this.inflight++
    const op = r.op[req] as number
    const useAio = (op === Op.READ || op === Op.WRITE) && this.usesAio()
    if (this.cfg.loop.mode === 'nowait-6.19' && useAio && this.tryNowait(req)) return
    const isFlush = op === Op.FLUSH
    const lane = isFlush || this.cfg.loop.mode === 'kthread-2015' ? 0 : (r.lane[req] as number)
    if (op === Op.WRITE && this.cfg.loop.mode === 'nowait-6.19') this.nrBlockingWrites++
    const w = this.workers[lane]
    assert(w !== undefined, `no loop worker for lane ${lane}`)
    w.list.push(req)
    this.emitStage(req, Stage.LOOP)
    if (!w.awake) {
      w.awake = true
      this.wakeups++
      this.sim.emit(Ev.WORKER_WAKE, lane, WAKE_FROM_SLEEP)
      this.sim.after(this.cfg.timing.wakeNs, this.aRun, lane)
    }
  }

  private usesAio(): boolean {
    // The 2012 proposal submits through AIO like the DIO path; everything else follows the flag.
    return this.dio
  }

  /** 6.19: submit with IOCB_NOWAIT from queue_rq; writes only while no write waits for a worker. */
  private tryNowait(req: number): boolean {
    const r = this.sim.req
    const isWrite = r.op[req] === Op.WRITE
    if (!this.cfg.backing.nowait || (isWrite && this.nrBlockingWrites > 0)) return false
    if (isWrite && !this.host.canNowait(r.block[req] as number, r.count[req] as number)) return false
    this.emitStage(req, Stage.LOOP)
    this.sim.start(req, LANE_QUEUE_RQ)
    r.flags[req] = (r.flags[req] as number) | Flag.NOWAIT
    this.submitAio(req)
    return true
  }

  private run(lane: number): void {
    const w = this.workers[lane] as Worker
    if (w.head >= w.list.length) {
      w.list.length = 0
      w.head = 0
      w.awake = false
      this.sim.emit(Ev.WORKER_SLEEP, lane)
      return
    }
    const req = w.list[w.head++] as number
    if (w.head > 1024 && w.head * 2 > w.list.length) {
      w.list.splice(0, w.head)
      w.head = 0
    }
    this.sim.start(req, lane)
    this.handle(req, lane)
  }

  /**
   * Wraps a worker's callback so that an answer arriving later (not within the call) counts as a
   * wake-up: the worker slept on I/O and was woken, a context switch AIO avoids.
   */
  private waking<A extends unknown[]>(lane: number, start: (cb: (...a: A) => void) => void, then: (...a: A) => void): void {
    let inCall = true
    start((...a) => {
      if (!inCall) {
        this.wakeups++
        this.sim.emit(Ev.WORKER_WAKE, lane, WAKE_FROM_IO)
      }
      then(...a)
    })
    inCall = false
  }

  /** do_req_filebacked. The worker continues with `next` when the command lets it go. */
  private handle(req: number, lane: number): void {
    const r = this.sim.req
    const t = this.cfg.timing
    const next = (delay: number): void => this.sim.after(delay, this.aRun, lane)
    const op = r.op[req] as number
    if (op === Op.WRITE && this.cfg.loop.mode === 'nowait-6.19') this.nrBlockingWrites--
    switch (op) {
      case Op.FLUSH: {
        const fsync = (): void =>
          this.waking(
            lane,
            (cb) => this.host.fsync(cb),
            (status: number) => {
              this.finish(req, status === 0 || status === Errno.EINVAL ? 0 : Errno.EIO)
              next(t.workerCmdNs)
            },
          )
        if (this.cfg.loop.flushDrains && this.aioInFlight > 0) this.drainWaiters.push(fsync)
        else fsync()
        return
      }
      case Op.DISCARD:
      case Op.WRITE_ZEROES:
        this.emitStage(req, Stage.LOOP)
        this.sim.later(t.fallocateNs, () =>
          this.host.fallocate(req, (status) => {
            this.finish(req, status)
            next(t.workerCmdNs)
          }),
        )
        return
      default:
        break
    }
    if (this.usesAio()) {
      const forcedWait = this.submitAio(req, () => next(t.workerCmdNs))
      if (!forcedWait) next(t.hostSubmitNs + t.workerCmdNs)
      return
    }
    this.buffered(req, lane, () => next(t.workerCmdNs))
  }

  /** lo_rw_aio with IOCB_DIRECT; returns true if the host forced the write to wait. */
  private submitAio(req: number, onSyncDone?: () => void): boolean {
    const r = this.sim.req
    if (r.op[req] === Op.READ) {
      this.host.dioRead(req, (status) => this.finish(req, status))
      return false
    }
    this.aioInFlight++
    const box = { forced: false }
    box.forced = this.host.dioWrite(req, (status) => {
      this.aioDone()
      this.finish(req, status)
      if (box.forced && onSyncDone) onSyncDone()
    })
    return box.forced
  }

  private aioDone(): void {
    if (--this.aioInFlight > 0 || this.drainWaiters.length === 0) return
    const waiters = this.drainWaiters
    this.drainWaiters = []
    for (const w of waiters) w()
  }

  /** The synchronous path: lo_rw_aio without IOCB_DIRECT (6.15+) or lo_write_simple (before). */
  private buffered(req: number, lane: number, next: () => void): void {
    const r = this.sim.req
    const copy = this.cfg.timing.copyPerBlockNs * (r.count[req] as number)
    const finishThen = (status: number): void => {
      this.finish(req, status)
      next()
    }
    if (r.op[req] === Op.READ) {
      this.waking(
        lane,
        (cb) => this.host.bufferedRead(req, cb),
        (status: number) => this.sim.later(copy, () => finishThen(status)),
      )
      return
    }
    if (this.cfg.loop.mode === 'pre-6.15' && this.cfg.backing.openedODirect) {
      // lo_write_simple → vfs_iter_write on an O_DIRECT file: still direct I/O, and the worker
      // waits for it (fixed by f2fed441 in 6.15).
      this.waking(lane, (cb) => this.host.dioWrite(req, cb), finishThen)
      return
    }
    this.sim.later(copy, () => this.waking(lane, (cb) => this.host.bufferedWrite(req, cb), finishThen))
  }

  /** lo_rw_aio_do_completion → blk_mq_complete_request → lo_complete_rq. */
  finish(req: number, status: number): void {
    this.inflight--
    this.sim.complete(req, status)
    this.guest.childDone(req, status)
  }

  /** LOOP_SET_DIRECT_IO: -EINVAL if DIO cannot be used; otherwise fsync, freeze, flip, unfreeze. */
  setDirectIo(on: boolean, done: (status: number) => void): void {
    if (on === this.dio) {
      this.ioctlDone(0, done)
      return
    }
    if (on && !canUseDio(this.cfg.loop, this.cfg.backing)) {
      this.ioctlDone(Errno.EINVAL, done)
      return
    }
    const flip = (): void => {
      this.sim.emit(Ev.FREEZE, 1)
      this.guest.freeze(() => {
        this.dio = on
        this.sim.emit(Ev.DIO_MODE, on ? 1 : 0, DioReason.RUNTIME_SWITCH)
        this.sim.emit(Ev.FREEZE, 0)
        this.guest.unfreeze()
        this.ioctlDone(0, done)
      })
    }
    // "flush dirty pages before starting to use direct I/O"
    if (on) this.host.fsync(() => flip())
    else flip()
  }

  private ioctlDone(status: number, done: (status: number) => void): void {
    this.sim.emit(Ev.IOCTL, Ioctl.LOOP_SET_DIRECT_IO, status)
    done(status)
  }

  private emitStage(req: number, stage: number): void {
    const r = this.sim.req
    if ((r.dataOff[req] as number) < 0 || r.op[req] !== Op.WRITE) return
    const first = r.block[req] as number
    const n = r.count[req] as number
    for (let i = 0; i < n; i++) this.sim.emit(Ev.STAGE, first + i, r.version(req, i), stage)
  }
}
