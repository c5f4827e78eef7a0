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
  /** For versions carried by a bio other than their own id (guest writeback): the carrying bio. */
  private readonly carrier = new Map<number, number>()
  readonly violations: PromiseViolation[] = []
  violationCount = { flush: 0, fua: 0 }
  checked = { flush: 0, fua: 0 }

  constructor(
    private readonly sim: Sim,
    private readonly durable: { durableMax: Int32Array; durableLatest: Int32Array; isDurable(b: number, v: number): boolean },
  ) {}

  submitted(bio: number): void {
    const r = this.sim.req
    if ((r.dataOff[bio] as number) >= 0) {
      for (let i = 0; i < (r.count[bio] as number); i++) {
        const v = r.version(bio, i)
        if (v !== bio && v > 0) this.carrier.set(v, bio)
      }
    }
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

  /**
   * Version v of block b counts as durable if it is, or if a newer version is, or if the latest
   * durable version was not ordered before v (its write had not completed when v was submitted):
   * concurrent writes to one block may land in either order.
   */
  private covered(b: number, v: number, write: number): boolean {
    const d = this.durable
    if ((d.durableMax[b] as number) >= v || d.isDurable(b, v)) return true
    const u = d.durableLatest[b] as number
    if (u <= 0) return false
    // Order is a matter of bios: the one that carried u against the write being checked.
    const r = this.sim.req
    const done = r.completeT[this.carrier.get(u) ?? u] as number
    return done < 0 || done > (r.submitT[write] as number)
  }

  private verify(write: number, by: number, check: PromiseViolation['check']): void {
    const r = this.sim.req
    const first = r.block[write] as number
    const n = r.count[write] as number
    for (let i = 0; i < n; i++) {
      const b = first + i
      if (this.covered(b, r.version(write, i), write)) continue
      if (check === 'guest-flush-durable') this.violationCount.flush++
      else this.violationCount.fua++
      if (this.violations.length < KEEP) this.violations.push({ check, bio: by, write, block: b, t: this.sim.now })
      return
    }
  }
}
