import { Ev } from '../events'
import { InvariantError } from '../kernel/assert'
import type { Sim } from '../kernel/sim'
import { Flag, FlushStep, Op } from '../vocabulary'
import { driverFlags, flushPolicy, nextStep, type QueueFeatures } from './flushPolicy'

/** blk_flush_queue's FLUSH_PENDING_TIMEOUT: a deferred flush waits at most 5 s. */
export const FLUSH_PENDING_TIMEOUT_NS = 5_000_000_000

export interface BlockLayerOptions {
  layer: number
  childLayer: number
  depth: number
  dispatchNs: number
  deferWhileData: boolean
}

/**
 * A blk-mq queue with the blk-flush state machine (block/blk-flush.c). Requests submitted here
 * ("bios") are turned into driver requests ("children"): the DATA step of a bio, or the single
 * flush request that serves every bio parked on the pending list. Rules kept here:
 *  C1  at most one flush in flight; it serves every request parked when it was issued;
 *  C2  the flush is deferred while flush-sequenced DATA is in flight (up to 5 s);
 *  R4  a PREFLUSH write is a flush, then the write: the write is not covered by its own preflush;
 *  R5  without a write cache, flushes complete at once and PREFLUSH/FUA are stripped.
 */
export class BlockLayer {
  private readonly done = new Map<number, number>()
  private readonly policyOf = new Map<number, number>()
  private pending: number[] = []
  private running: number[] = []
  private flushInFlight = -1
  private pendingSince = 0
  private dataInFlight = 0
  private inDriver = 0
  private readonly tagWait: number[] = []
  private tagHead = 0
  private frozen = false
  private readonly held: number[] = []
  private activeBios = 0
  private onDrained: (() => void) | null = null
  private readonly aDispatch: number
  private readonly aKick: number
  /** Called when a bio has finished every step. */
  onBioDone: (bio: number) => void = () => {}
  /** Driver entry (queue_rq). */
  driver: (child: number) => void = () => {}

  constructor(
    private readonly sim: Sim,
    public features: QueueFeatures,
    private readonly opt: BlockLayerOptions,
  ) {
    this.aDispatch = sim.on((child) => this.dispatchNow(child))
    this.aKick = sim.on(() => this.kick())
  }

  get driverInFlight(): number {
    return this.inDriver
  }

  /**
   * blk_mq_freeze_queue: new bios wait at the door, and `drained` runs once every bio that had
   * entered has completed, so nothing runs half before and half after a mode switch.
   */
  freeze(drained: () => void): void {
    this.frozen = true
    this.onDrained = drained
    this.checkDrained()
  }

  unfreeze(): void {
    this.frozen = false
    const held = this.held.splice(0)
    for (const bio of held) this.submit(bio)
  }

  private checkDrained(): void {
    if (this.frozen && this.activeBios === 0 && this.onDrained !== null) {
      const cb = this.onDrained
      this.onDrained = null
      cb()
    }
  }

  /** Accepts a bio that the caller created with sim.submit in this layer. */
  submit(bio: number): void {
    if (this.frozen) {
      this.held.push(bio)
      return
    }
    this.activeBios++
    const r = this.sim.req
    const policy = flushPolicy(r.op[bio] as number, r.flags[bio] as number, r.count[bio] as number, this.features)
    if (policy === 0) {
      // An empty flush to a device without a write cache: nothing to do (R5). It completes at
      // this instant, but from the event loop, so the submitter has finished submitting first.
      this.sim.later(0, () => this.finishBio(bio))
      return
    }
    if (policy === FlushStep.DATA) {
      this.sendData(bio, false)
      return
    }
    this.policyOf.set(bio, policy)
    // Steps the policy leaves out count as already done.
    const skipped = (FlushStep.PREFLUSH | FlushStep.DATA | FlushStep.POSTFLUSH) & ~policy
    this.done.set(bio, skipped)
    this.advance(bio)
  }

  /** Moves a flush-sequenced bio to its next step (blk_flush_complete_seq). */
  private advance(bio: number): void {
    const step = nextStep(this.done.get(bio) as number)
    this.sim.emit(Ev.FLUSH_STEP, bio, step)
    if (step === FlushStep.DONE) {
      this.done.delete(bio)
      this.policyOf.delete(bio)
      this.finishBio(bio)
    } else if (step === FlushStep.DATA) {
      this.sendData(bio, true)
    } else {
      if (this.pending.length === 0) this.pendingSince = this.sim.now
      this.pending.push(bio)
      this.kick()
    }
  }

  private sendData(bio: number, sequenced: boolean): void {
    const r = this.sim.req
    if (sequenced) this.dataInFlight++
    const count = r.count[bio] as number
    const flags = driverFlags(r.flags[bio] as number, this.features)
    const child = this.sim.submit(this.opt.childLayer, r.op[bio] as number, flags, r.block[bio] as number, count, bio, r.lane[bio] as number)
    if ((r.dataOff[bio] as number) >= 0) r.copyData(bio, child)
    this.queueForTag(child)
  }

  /** blk_kick_flush(). */
  private kick(): void {
    if (this.flushInFlight >= 0 || this.pending.length === 0) return
    if (this.opt.deferWhileData && this.dataInFlight > 0) {
      const deadline = this.pendingSince + FLUSH_PENDING_TIMEOUT_NS
      if (this.sim.now < deadline) return
    }
    const served = this.pending
    this.pending = []
    this.running = served
    const flush = this.sim.submit(this.opt.childLayer, Op.FLUSH, Flag.FLUSH_RQ, 0, 0, -1, 0)
    this.flushInFlight = flush
    this.sim.emit(Ev.FLUSH_ISSUE, flush, served.length)
    // The flush request borrows a tag and is inserted at the head of dispatch.
    this.sim.after(this.opt.dispatchNs, this.aDispatch, flush)
  }

  /** Completion of a driver request (from the driver below). */
  childDone(child: number, status: number): void {
    const r = this.sim.req
    if (child === this.flushInFlight) {
      this.flushInFlight = -1
      const served = this.running
      this.running = []
      for (const bio of served) this.stepDone(bio, status)
      this.kick()
      return
    }
    this.inDriver--
    this.pumpTags()
    const bio = r.parent[child] as number
    if (this.policyOf.has(bio)) {
      this.dataInFlight--
      this.stepDone(bio, status)
      // A flush may have been deferred behind this data (C2).
      if (this.dataInFlight === 0) this.sim.after(0, this.aKick)
    } else {
      if (status !== 0) r.status[bio] = status
      this.finishBio(bio)
    }
  }

  private stepDone(bio: number, status: number): void {
    const d = this.done.get(bio)
    if (d === undefined) throw new InvariantError(`flush step completed for bio ${bio}, which is not sequenced`)
    if (status !== 0) this.sim.req.status[bio] = status
    this.done.set(bio, d | nextStep(d))
    this.advance(bio)
  }

  private finishBio(bio: number): void {
    this.activeBios--
    this.onBioDone(bio)
    this.checkDrained()
  }

  private queueForTag(child: number): void {
    this.tagWait.push(child)
    this.pumpTags()
  }

  private pumpTags(): void {
    while (this.inDriver < this.opt.depth && this.tagHead < this.tagWait.length) {
      const child = this.tagWait[this.tagHead++] as number
      this.inDriver++
      this.sim.after(this.opt.dispatchNs, this.aDispatch, child)
    }
    if (this.tagHead > 1024 && this.tagHead * 2 > this.tagWait.length) {
      this.tagWait.splice(0, this.tagHead)
      this.tagHead = 0
    }
  }

  private dispatchNow(child: number): void {
    this.driver(child)
  }
}
