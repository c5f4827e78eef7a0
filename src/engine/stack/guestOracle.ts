import type { Sim } from '../kernel/sim'
import { Flag, Op } from '../vocabulary'

export interface PromiseViolation {
  check: 'guest-flush-durable' | 'guest-fua-durable'
  bio: number
  write: number
  block: number
  t: number
}

const KEEP = 20

/**
 * The promise loop makes to the guest, checked end to end. When a guest FLUSH (or the preflush of
 * a write) completes, every guest write that completed before it was submitted must be durable on
 * the host: its data version, or a later one, guaranteed by the host's own rules. When a guest FUA
 * write completes, it must itself be durable. A broken promise is a verdict, not an engine error:
 * some historic modes (the 2012 proposal, a write-through loop) really break it.
 */
export class GuestOracle {
  private readonly completed: number[] = []
  private verifiedPrefix = 0
  private readonly coverCount = new Map<number, number>()
  readonly violations: PromiseViolation[] = []
  violationCount = { flush: 0, fua: 0 }
  checked = { flush: 0, fua: 0 }

  constructor(
    private readonly sim: Sim,
    private readonly durableMax: Int32Array,
  ) {}

  submitted(bio: number): void {
    const r = this.sim.req
    if (r.op[bio] === Op.FLUSH || ((r.flags[bio] as number) & Flag.PREFLUSH) !== 0) {
      this.coverCount.set(bio, this.completed.length)
    }
  }

  completedBio(bio: number): void {
    const r = this.sim.req
    const op = r.op[bio] as number
    const cover = this.coverCount.get(bio)
    if (cover !== undefined) {
      this.coverCount.delete(bio)
      this.checked.flush++
      for (let i = this.verifiedPrefix; i < cover; i++) this.verify(this.completed[i] as number, bio, 'guest-flush-durable')
      if (cover > this.verifiedPrefix) this.verifiedPrefix = cover
    }
    if (r.status[bio] !== 0 || (r.dataOff[bio] as number) < 0) return
    if (op !== Op.WRITE && op !== Op.DISCARD && op !== Op.WRITE_ZEROES) return
    if (op === Op.WRITE && ((r.flags[bio] as number) & Flag.FUA) !== 0) {
      this.checked.fua++
      this.verify(bio, bio, 'guest-fua-durable')
    }
    this.completed.push(bio)
  }

  private verify(write: number, by: number, check: PromiseViolation['check']): void {
    const r = this.sim.req
    const first = r.block[write] as number
    const n = r.count[write] as number
    for (let i = 0; i < n; i++) {
      const b = first + i
      if ((this.durableMax[b] as number) >= r.version(write, i)) continue
      if (check === 'guest-flush-durable') this.violationCount.flush++
      else this.violationCount.fua++
      if (this.violations.length < KEEP) this.violations.push({ check, bio: by, write, block: b, t: this.sim.now })
      return
    }
  }
}
