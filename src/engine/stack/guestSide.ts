import { Ev } from '../events'
import { assert } from '../kernel/assert'
import type { Sim } from '../kernel/sim'
import { Flag, Layer, Op, Stage } from '../vocabulary'
import type { BlockLayer } from './blockLayer'
import type { GuestOracle } from './guestOracle'
import type { PageCache } from './pageCache'

export type BioDone = (bio: number, status: number) => void

/**
 * The guest's side of /dev/loop0: creates bios, hands them to the guest block layer, and routes
 * each completion back to whoever submitted it (a workload thread, a fio job, guest writeback).
 */
export class GuestSide {
  private readonly owners = new Map<number, BioDone>()
  private readonly written: Int32Array
  blk!: BlockLayer
  cache!: PageCache
  oracle!: GuestOracle

  constructor(
    private readonly sim: Sim,
    blocks: number,
  ) {
    this.written = new Int32Array(blocks)
  }

  /** The newest data version a completed guest write left in a block (what a read returns). */
  lastWritten(block: number): number {
    return this.written[block] as number
  }

  /** Submits a bio. Writes carry their own id as data version unless `versions` is given. */
  submit(op: number, flags: number, block: number, count: number, lane: number, parent: number, done: BioDone, versions?: Int32Array): number {
    const bio = this.sim.submit(Layer.GUEST_BLK, op, flags, block, count, parent, lane)
    const r = this.sim.req
    if (op === Op.WRITE || op === Op.DISCARD || op === Op.WRITE_ZEROES) {
      if (versions) r.setData(bio, versions)
      else r.setUniformData(bio, bio)
      for (let i = 0; i < count; i++) this.sim.emit(Ev.STAGE, block + i, r.version(bio, i), Stage.GUEST_QUEUE)
    }
    this.owners.set(bio, done)
    this.oracle.submitted(bio)
    this.blk.submit(bio)
    return bio
  }

  bioDone(bio: number): void {
    const done = this.owners.get(bio)
    assert(done !== undefined, `guest bio ${bio} completed with no owner`)
    this.owners.delete(bio)
    const status = this.sim.req.status[bio] as number
    this.sim.complete(bio, status)
    this.oracle.completedBio(bio)
    const r = this.sim.req
    if (status === 0 && (r.dataOff[bio] as number) >= 0) {
      const first = r.block[bio] as number
      for (let i = 0; i < (r.count[bio] as number); i++) {
        const v = r.version(bio, i)
        if (v > (this.written[first + i] as number)) this.written[first + i] = v
      }
    }
    done(bio, status)
  }

  /** Guest page-cache writeback (the guest cache's sink). Runs on the root cgroup. */
  writeback(block: number, versions: Int32Array): number {
    return this.submit(Op.WRITE, Flag.WRITEBACK, block, versions.length, 0, -1, (bio) => this.cache.writebackDone(bio), versions)
  }

  /** blkdev_issue_flush: an empty PREFLUSH bio. */
  flush(lane: number, parent: number, done: BioDone): number {
    return this.submit(Op.FLUSH, Flag.PREFLUSH, 0, 0, lane, parent, done)
  }
}
