import { InvariantError } from '../kernel/assert'
import type { Sim } from '../kernel/sim'
import { Flag, Op } from '../vocabulary'

/**
 * The host-disk durability rules, computed from request times alone, independently of how the disk
 * model moves data:
 *  R1  a FLUSH makes durable exactly the writes that completed before it was submitted;
 *  R2  a FUA write makes itself durable when it completes, and nothing else;
 *  R5  on a disk without a volatile cache, every write is durable when it completes.
 * When the rules promise a write, the oracle checks the physical media: the block must hold that
 * write's data or the data of a write that is not ordered before it. A mismatch is an engine bug.
 */
export class DiskOracle {
  private readonly completedWrites: number[] = []
  private promisedPrefix = 0
  private readonly coverCount = new Map<number, number>()
  private readonly promisedFua = new Set<number>()
  onPromised: (diskReq: number) => void = () => {}

  constructor(
    private readonly sim: Sim,
    private readonly media: { mediaReq: Int32Array },
    /** Without a volatile cache every completed write is already durable (R5). */
    private readonly writeCache = true,
  ) {}

  submitted(id: number): void {
    if (this.sim.req.op[id] === Op.FLUSH) this.coverCount.set(id, this.completedWrites.length)
  }

  completed(id: number): void {
    const r = this.sim.req
    const op = r.op[id] as number
    if (op === Op.WRITE) {
      this.completedWrites.push(id)
      if (!this.writeCache) {
        this.promisedFua.add(id)
        this.promise(id, 'R5 (no write cache)')
      } else if ((r.flags[id] as number) & Flag.FUA) {
        this.promisedFua.add(id)
        this.promise(id, 'R2 (FUA)')
      }
    } else if (op === Op.FLUSH) {
      const cover = this.coverCount.get(id)
      if (cover === undefined) throw new InvariantError(`flush ${id} completed but was never submitted`)
      this.coverCount.delete(id)
      for (let i = this.promisedPrefix; i < cover; i++) {
        const w = this.completedWrites[i] as number
        if (!this.promisedFua.delete(w)) this.promise(w, `R1 (flush ${id})`)
      }
      if (cover > this.promisedPrefix) this.promisedPrefix = cover
    }
  }

  private promise(id: number, rule: string): void {
    const r = this.sim.req
    const first = r.block[id] as number
    const n = r.count[id] as number
    for (let i = 0; i < n; i++) {
      const b = first + i
      const m = this.media.mediaReq[b] as number
      if (m === id) continue
      const orderedBefore = m < 0 || ((r.completeT[m] as number) >= 0 && (r.completeT[m] as number) <= (r.submitT[id] as number))
      if (orderedBefore) {
        throw new InvariantError(
          `${rule} promises disk write ${id} durable, but media block ${b} holds ${m < 0 ? 'its initial contents' : `write ${m}`}, which completed before ${id} was submitted`,
        )
      }
    }
    this.onPromised(id)
  }
}
