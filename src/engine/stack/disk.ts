import type { DiskConfig } from '../config'
import { Ev } from '../events'
import { assert } from '../kernel/assert'
import type { Sim } from '../kernel/sim'
import { Flag, Op } from '../vocabulary'

/** The disk cache holds no version for this block. */
export const NOT_CACHED = -2147483648
const NONE = NOT_CACHED

/**
 * The host disk: a queue that services requests in a seeded order, a volatile write cache that
 * destages blocks in any order, FLUSH (destages everything cached when it runs) and FUA (this
 * write goes to media before it completes). It knows nothing of the rules; the durability oracle
 * checks that its physical behaviour keeps them.
 */
export class Disk {
  /** Data version on media per host block, and the disk request that wrote it (-1: initial). */
  readonly media: Int32Array
  readonly mediaReq: Int32Array
  /** Data version in the volatile cache per host block (NONE when not cached). */
  readonly cacheVer: Int32Array
  readonly cacheReq: Int32Array
  private readonly cached: number[] = []
  private readonly cachedPos: Int32Array
  private readonly waiting: number[] = []
  private waitHead = 0
  private busy = 0
  private destageArmed = false
  private readonly aDone: number
  private readonly aDestage: number
  onComplete: (id: number) => void = () => {}
  onSubmit: (id: number) => void = () => {}
  /** Test hook: break FLUSH so the invariant checks can be seen to fire. */
  faultFlushSkips = false

  constructor(
    private readonly sim: Sim,
    private readonly cfg: DiskConfig,
    blocks: number,
    initial: (block: number) => number,
  ) {
    this.media = new Int32Array(blocks)
    this.mediaReq = new Int32Array(blocks).fill(-1)
    for (let b = 0; b < blocks; b++) this.media[b] = initial(b)
    this.cacheVer = new Int32Array(blocks).fill(NONE)
    this.cacheReq = new Int32Array(blocks).fill(-1)
    this.cachedPos = new Int32Array(blocks).fill(-1)
    this.aDone = sim.on((id) => this.done(id))
    this.aDestage = sim.on(() => this.destageTick())
  }

  get cachedBlocks(): number {
    return this.cached.length
  }

  /** What a reader of the disk sees now: the cached version if any, else media. */
  visible(block: number): number {
    const c = this.cacheVer[block] as number
    return c === NONE ? (this.media[block] as number) : c
  }

  isCached(block: number): boolean {
    return this.cacheVer[block] !== NONE
  }

  submit(id: number): void {
    this.onSubmit(id)
    this.waiting.push(id)
    this.pump()
  }

  private pump(): void {
    while (this.busy < this.cfg.channels && this.waitHead < this.waiting.length) {
      const id = this.pickNext()
      this.busy++
      this.sim.start(id, 0)
      this.sim.after(this.serviceNs(id), this.aDone, id)
    }
    if (this.waitHead > 1024 && this.waitHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitHead)
      this.waitHead = 0
    }
  }

  /** Oldest waiting request, or (reorder on) a seeded random one: in-flight requests are unordered. */
  private pickNext(): number {
    const w = this.waiting
    const n = w.length - this.waitHead
    let i = this.waitHead
    if (this.cfg.reorder && n > 1) i += this.sim.rng.int(n)
    const id = w[i] as number
    w[i] = w[this.waitHead] as number
    this.waitHead++
    return id
  }

  private serviceNs(id: number): number {
    const r = this.sim.req
    const op = r.op[id] as number
    const n = r.count[id] as number
    const c = this.cfg
    let base: number
    if (op === Op.FLUSH) base = c.flushNs + c.destageNs * this.cached.length
    else if (op === Op.READ) base = c.readNs + c.perBlockNs * n
    else base = c.writeNs + c.perBlockNs * n + (this.writesThrough(id) ? c.destageNs * n : 0)
    // Jitter of up to a quarter gives parallel channels a seeded completion order.
    return base + this.sim.rng.int(Math.max(1, base >> 2))
  }

  private writesThrough(id: number): boolean {
    return !this.cfg.writeCache || ((this.sim.req.flags[id] as number) & Flag.FUA) !== 0
  }

  private done(id: number): void {
    const r = this.sim.req
    const op = r.op[id] as number
    if (op === Op.WRITE) this.applyWrite(id)
    else if (op === Op.FLUSH && !this.faultFlushSkips) this.destageAll()
    this.busy--
    this.sim.complete(id)
    this.onComplete(id)
    this.pump()
  }

  private applyWrite(id: number): void {
    const r = this.sim.req
    const first = r.block[id] as number
    const n = r.count[id] as number
    const through = this.writesThrough(id)
    for (let i = 0; i < n; i++) {
      const b = first + i
      const v = r.version(id, i)
      if (through) {
        this.uncache(b)
        this.toMedia(b, v, id, Ev.MEDIA_WRITE)
      } else {
        this.cachePut(b, v, id)
      }
    }
  }

  private cachePut(b: number, v: number, id: number): void {
    if (this.cacheVer[b] === NONE) {
      if (this.cached.length >= this.cfg.cacheBlocks) this.destageOne()
      this.cachedPos[b] = this.cached.length
      this.cached.push(b)
    }
    this.cacheVer[b] = v
    this.cacheReq[b] = id
    this.sim.emit(Ev.CACHE_PUT, b, v, id)
    this.armDestage()
  }

  private uncache(b: number): void {
    const pos = this.cachedPos[b] as number
    if (pos < 0) return
    const last = this.cached.pop() as number
    if (last !== b) {
      this.cached[pos] = last
      this.cachedPos[last] = pos
    }
    this.cachedPos[b] = -1
    this.cacheVer[b] = NONE
    this.cacheReq[b] = -1
  }

  private toMedia(b: number, v: number, id: number, kind: number): void {
    this.media[b] = v
    this.mediaReq[b] = id
    this.sim.emit(kind, b, v, id)
  }

  private destageOne(): void {
    assert(this.cached.length > 0, 'destage from an empty cache')
    const b = this.cached[this.sim.rng.int(this.cached.length)] as number
    const v = this.cacheVer[b] as number
    const id = this.cacheReq[b] as number
    this.uncache(b)
    this.toMedia(b, v, id, Ev.DESTAGE)
  }

  /** FLUSH: every block in the cache goes to media, in a seeded order. */
  private destageAll(): void {
    while (this.cached.length > 0) this.destageOne()
  }

  private armDestage(): void {
    if (this.destageArmed) return
    this.destageArmed = true
    const mean = this.cfg.destageIntervalNs
    this.sim.after(Math.floor(mean / 2) + this.sim.rng.int(Math.max(1, mean)), this.aDestage)
  }

  private destageTick(): void {
    this.destageArmed = false
    if (this.cached.length === 0) return
    this.destageOne()
    if (this.cached.length > 0) this.armDestage()
  }
}

