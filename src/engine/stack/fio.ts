import type { FioJob } from '../config'
import { Ev } from '../events'
import type { Rng } from '../kernel/rng'
import type { Sim } from '../kernel/sim'
import { Flag, Layer, Op } from '../vocabulary'
import type { GuestSide } from './guestSide'
import type { PageCache } from './pageCache'

/**
 * A fio-like job: pattern, block size, queue depth, O_DIRECT or buffered, and the engine's ordering
 * semantics. psync has one I/O at a time. libaio keeps `iodepth` in flight and its fsync is not
 * ordered after writes still in flight. io_uring is the same unless the fsync carries DRAIN (issued
 * only after everything before it completed) or the writes are LINKed (the fsync waits for the
 * write it is linked to).
 */
export class FioRunner {
  private issued = 0
  private inflight = 0
  private writesSinceFsync = 0
  private seqCursor = 0
  private fsyncPending = false
  private lastWrite = -1
  /**
   * Writes that a linked fsync waits for (IOSQE_IO_LINK), one fsync each. This used to be a single
   * id: a second fsync queued while the first still waited overwrote it, so the first fsync was
   * never issued (40 writes with fsync=1 issued one fsync).
   */
  private readonly linked = new Set<number>()
  private blocked = false
  completedIos = 0
  fsyncs = 0
  private finished = false

  constructor(
    private readonly sim: Sim,
    private readonly job: FioJob,
    private readonly lane: number,
    private readonly rng: Rng,
    private readonly guest: GuestSide,
    private readonly cache: PageCache,
    private readonly copyPerBlockNs: number,
  ) {}

  start(): void {
    this.sim.foreground++
    this.sim.later(this.job.startNs, () => this.fill())
  }

  private depth(): number {
    return this.job.ioengine === 'psync' ? 1 : this.job.iodepth
  }

  private fill(): void {
    while (!this.blocked && this.inflight < this.depth() && this.issued < this.job.requests) this.issueOne()
    this.maybeFinish()
  }

  private isWrite(): boolean {
    const rw = this.job.rw
    if (rw === 'write' || rw === 'randwrite') return true
    if (rw === 'read' || rw === 'randread') return false
    return this.rng.int(100) >= this.job.rwmixread
  }

  private nextBlock(): number {
    const { rw, bs, size, offset } = this.job
    const slots = Math.max(1, Math.floor(size / bs))
    if (rw.startsWith('rand')) return offset + this.rng.int(slots) * bs
    const b = offset + this.seqCursor * bs
    this.seqCursor = (this.seqCursor + 1) % slots
    return b
  }

  private issueOne(): void {
    this.issued++
    this.inflight++
    const write = this.isWrite()
    const block = this.nextBlock()
    const done = (id: number): void => this.ioDone(id)
    if (this.job.direct) {
      const bio = this.guest.submit(write ? Op.WRITE : Op.READ, Flag.DIRECT, block, this.job.bs, this.lane, -1, done)
      if (write) this.lastWrite = bio
    } else if (write) {
      this.lastWrite = this.bufferedWrite(block, done)
    } else {
      this.bufferedRead(block, done)
    }
    if (write && this.job.fsync > 0 && ++this.writesSinceFsync >= this.job.fsync) {
      this.writesSinceFsync = 0
      this.queueFsync()
    }
  }

  private bufferedWrite(block: number, done: (id: number) => void): number {
    const app = this.sim.submit(Layer.APP, Op.WRITE, 0, block, this.job.bs, -1, this.lane)
    this.sim.req.setUniformData(app, app)
    let throttle = false
    for (let i = 0; i < this.job.bs; i++) throttle = this.cache.write(block + i, app) || throttle
    const finish = (): void => {
      this.sim.complete(app)
      done(app)
    }
    const copy = this.copyPerBlockNs * this.job.bs
    if (throttle) this.cache.waitThrottle(() => this.sim.later(copy, finish))
    else this.sim.later(copy, finish)
    return app
  }

  private bufferedRead(block: number, done: (id: number) => void): void {
    const app = this.sim.submit(Layer.APP, Op.READ, 0, block, this.job.bs, -1, this.lane)
    const copy = this.copyPerBlockNs * this.job.bs
    const finish = (): void => {
      this.sim.complete(app)
      done(app)
    }
    let miss = false
    for (let i = 0; i < this.job.bs; i++) if (this.cache.read(block + i) < 0) miss = true
    if (!miss) {
      this.sim.later(copy, finish)
      return
    }
    this.guest.submit(Op.READ, 0, block, this.job.bs, this.lane, app, () => {
      for (let i = 0; i < this.job.bs; i++) this.cache.fill(block + i, this.guest.lastWritten(block + i))
      finish()
    })
  }

  /** Decides when the fsync may be issued, by engine and flags. */
  private queueFsync(): void {
    const uring = this.job.ioengine === 'io_uring'
    if (this.job.ioengine === 'psync' || (uring && this.job.drain)) {
      // psync: the fsync call follows the write's return. DRAIN: wait for everything before it.
      this.fsyncPending = true
      this.blocked = true
      this.maybeIssueFsync()
      return
    }
    if (uring && this.job.link && this.lastWrite >= 0 && !this.sim.req.isComplete(this.lastWrite)) {
      // IOSQE_IO_LINK: the fsync starts when the write it is linked to completes.
      this.linked.add(this.lastWrite)
      return
    }
    this.issueFsync()
  }

  private maybeIssueFsync(): void {
    if (!this.fsyncPending || this.inflight > 0) return
    this.fsyncPending = false
    this.issueFsync()
  }

  private issueFsync(): void {
    this.inflight++
    this.fsyncs++
    const app = this.sim.submit(Layer.APP, Op.FSYNC, 0, 0, 0, -1, this.lane)
    const flush = (): void => {
      this.guest.flush(this.lane, app, () => {
        this.sim.complete(app)
        this.inflight--
        this.blocked = false
        this.sim.emit(Ev.ACK, app)
        this.fill()
      })
    }
    if (this.job.direct) flush()
    else this.cache.syncAll(flush)
  }

  private ioDone(id: number): void {
    this.inflight--
    this.completedIos++
    if (this.linked.delete(id)) this.issueFsync()
    else if (this.fsyncPending) this.maybeIssueFsync()
    if (this.job.thinkNs > 0) this.sim.later(this.job.thinkNs, () => this.fill())
    else this.fill()
  }

  private maybeFinish(): void {
    if (this.finished || this.issued < this.job.requests || this.inflight > 0 || this.fsyncPending || this.linked.size > 0) return
    this.finished = true
    this.sim.foreground--
  }
}
