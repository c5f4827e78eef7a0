import { BLOCK_BYTES, type PageCacheConfig } from '../config'
import { Ev } from '../events'
import { assert } from '../kernel/assert'
import type { Sim } from '../kernel/sim'
import { Stage } from '../vocabulary'

export const PAGE = { ABSENT: 0, CLEAN: 1, DIRTY: 2, WRITEBACK: 3, WRITEBACK_DIRTY: 4 } as const

/** Where writeback I/O goes: returns an id; the sink calls writebackDone(id) on completion. */
export interface WritebackSink {
  write(block: number, versions: Int32Array): number
}

interface Waiter {
  pending: number
  done: () => void
}

const MAX_RUN = 64
const BATCH = 1024

/**
 * A page cache over one file or device: pages are absent, clean, dirty, under writeback, or under
 * writeback and dirtied again. Writeback goes in page-index order from a cursor (write_cache_pages
 * with range_cyclic), never in the order the writes arrived. Triggers: the periodic flusher
 * (pages older than dirty_expire), background writeback above dirty_background_ratio, fsync, and
 * writers throttled above dirty_ratio until writeback catches up.
 */
export class PageCache {
  readonly state: Uint8Array
  readonly ver: Int32Array
  private readonly dirtiedAt: Float64Array
  private readonly ioOf: Int32Array
  private readonly busy = new Set<number>()
  cachedPages = 0
  dirtyPages = 0
  writebackPages = 0
  peakBytes = 0
  private readonly cleanFifo: number[] = []
  private cleanHead = 0
  private cursor = 0
  private readonly ioWaiters = new Map<number, Waiter[]>()
  private readonly ioBlocks = new Map<number, [number, number]>()
  private readonly pageWaiters = new Map<number, Waiter[]>()
  private throttled: Array<() => void> = []
  /** I/Os of the current background pass; the next pass starts when they have all completed. */
  private readonly bgIos = new Set<number>()
  private readonly aTick: number
  private readonly aRelease: number
  sink: WritebackSink = { write: () => -1 }

  constructor(
    private readonly sim: Sim,
    private readonly layer: number,
    private readonly cfg: PageCacheConfig,
    blocks: number,
    private readonly stage: number,
  ) {
    this.state = new Uint8Array(blocks)
    this.ver = new Int32Array(blocks)
    this.dirtiedAt = new Float64Array(blocks)
    this.ioOf = new Int32Array(blocks).fill(-1)
    this.aTick = sim.on(() => this.tick())
    this.aRelease = sim.on(() => this.releaseThrottled())
    sim.after(cfg.writebackIntervalNs, this.aTick)
  }

  get bytes(): number {
    return this.cachedPages * BLOCK_BYTES
  }

  private pagesAt(ratio: number): number {
    return Math.floor((this.cfg.memoryBytes * ratio) / 100 / BLOCK_BYTES)
  }

  /** Copies a version into a page. Returns true when the writer must wait (dirty_ratio exceeded). */
  write(block: number, version: number): boolean {
    const s = this.state[block] as number
    if (s === PAGE.DIRTY || s === PAGE.WRITEBACK_DIRTY) {
      this.sim.emit(Ev.STAGE, block, this.ver[block] as number, Stage.SUPERSEDED)
    } else {
      if (s === PAGE.ABSENT) this.cachedPages++
      this.dirtyPages++
      this.dirtiedAt[block] = this.sim.now
      this.state[block] = s === PAGE.WRITEBACK ? PAGE.WRITEBACK_DIRTY : PAGE.DIRTY
      this.busy.add(block)
    }
    this.ver[block] = version
    this.sim.emit(Ev.PAGE_DIRTY, this.layer, block, version)
    this.sim.emit(Ev.STAGE, block, version, this.stage)
    this.notePeak()
    if (this.dirtyPages + this.writebackPages > this.pagesAt(this.cfg.dirtyBackgroundRatio)) this.startBackground()
    return this.dirtyPages + this.writebackPages > this.pagesAt(this.cfg.dirtyRatio)
  }

  /** Version cached for a block, or -1 on a miss. */
  read(block: number): number {
    return this.state[block] === PAGE.ABSENT ? -1 : (this.ver[block] as number)
  }

  /** A read miss brought a clean page in. */
  fill(block: number, version: number): void {
    if (this.state[block] !== PAGE.ABSENT) return
    this.state[block] = PAGE.CLEAN
    this.ver[block] = version
    this.cachedPages++
    this.cleanFifo.push(block)
    this.sim.emit(Ev.PAGE_FILL, this.layer, block, version)
    this.notePeak()
  }

  /** Removes a page (invalidation or hole punch); a dirty version in it is discarded. */
  drop(block: number): void {
    const s = this.state[block] as number
    if (s === PAGE.ABSENT) return
    assert(s !== PAGE.WRITEBACK && s !== PAGE.WRITEBACK_DIRTY, `drop of page ${block} under writeback`)
    if (s === PAGE.DIRTY) {
      this.dirtyPages--
      this.busy.delete(block)
      this.sim.emit(Ev.STAGE, block, this.ver[block] as number, Stage.DISCARDED)
    }
    this.state[block] = PAGE.ABSENT
    this.cachedPages--
    this.sim.emit(Ev.PAGE_DROP, this.layer, block)
  }

  isBusy(first: number, count: number): boolean {
    for (let b = first; b < first + count; b++) if ((this.state[b] as number) >= PAGE.DIRTY) return true
    return false
  }

  /** Writer throttling (balance_dirty_pages): `resume` runs once dirty memory is back under the setpoint. */
  waitThrottle(resume: () => void): void {
    this.throttled.push(resume)
    this.startBackground()
  }

  /** fsync's filemap_write_and_wait_range over [first, first+count): write back, then wait. */
  syncRange(first: number, count: number, done: () => void): void {
    const w: Waiter = { pending: 1, done }
    const blocks = count >= this.state.length ? [...this.busy].sort((x, y) => x - y) : this.busyIn(first, count)
    for (const b of blocks) {
      const s = this.state[b] as number
      if (s === PAGE.DIRTY) this.submitRun(b, this.state.length)
      if (s === PAGE.WRITEBACK_DIRTY) this.addPageWaiter(b, w)
      if ((this.state[b] as number) === PAGE.WRITEBACK && !this.waitsOn(this.ioOf[b] as number, w)) {
        this.addIoWaiter(this.ioOf[b] as number, w)
      }
    }
    this.release(w)
  }

  /** Waits, without writing anything, until no page of the range is under writeback. */
  waitWriteback(first: number, count: number, done: () => void): void {
    const w: Waiter = { pending: 1, done }
    for (let b = first; b < first + count; b++) {
      const s = this.state[b] as number
      if (s !== PAGE.WRITEBACK && s !== PAGE.WRITEBACK_DIRTY) continue
      const io = this.ioOf[b] as number
      if (!this.waitsOn(io, w)) this.addIoWaiter(io, w)
    }
    this.release(w)
  }

  syncAll(done: () => void): void {
    this.syncRange(0, this.state.length, done)
  }

  private busyIn(first: number, count: number): number[] {
    const out: number[] = []
    for (let b = first; b < first + count; b++) if ((this.state[b] as number) >= PAGE.DIRTY) out.push(b)
    return out
  }

  /** Completion of a writeback I/O from the sink. */
  writebackDone(io: number): void {
    const range = this.ioBlocks.get(io)
    assert(range !== undefined, `writeback completion for unknown io ${io}`)
    this.ioBlocks.delete(io)
    const [first, n] = range
    for (let b = first; b < first + n; b++) this.pageWrittenBack(b)
    const ws = this.ioWaiters.get(io)
    this.ioWaiters.delete(io)
    if (ws) for (const w of ws) this.release(w)
    if (this.bgIos.delete(io) && this.bgIos.size === 0) this.startBackground()
    this.evictIfNeeded()
    if (this.throttled.length > 0) this.sim.after(0, this.aRelease)
  }

  private pageWrittenBack(b: number): void {
    const s = this.state[b] as number
    this.writebackPages--
    this.ioOf[b] = -1
    this.sim.emit(Ev.PAGE_CLEAN, this.layer, b)
    if (s === PAGE.WRITEBACK_DIRTY) {
      this.state[b] = PAGE.DIRTY
      const ws = this.pageWaiters.get(b)
      if (ws) {
        // A sync was waiting for this page's newer data: write it again now and wait for that.
        this.pageWaiters.delete(b)
        const io = this.submitRun(b, 1)
        // Move each waiter's hold from the page to the new I/O: take the I/O hold first, then drop
        // the page hold (addPageWaiter counted it). Without the release the waiter never reached
        // zero and an fsync that met a page under writeback and dirtied again hung forever.
        for (const w of ws) {
          this.addIoWaiter(io, w)
          this.release(w)
        }
      }
    } else {
      this.state[b] = PAGE.CLEAN
      this.busy.delete(b)
      this.cleanFifo.push(b)
    }
  }

  /** Starts writeback of the dirty run at `block` (at most `limit` pages). Returns the io id. */
  private submitRun(block: number, limit: number): number {
    let n = 0
    const max = Math.min(MAX_RUN, limit, this.state.length - block)
    while (n < max && this.state[block + n] === PAGE.DIRTY) n++
    assert(n > 0, `writeback run at clean page ${block}`)
    const versions = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const b = block + i
      this.state[b] = PAGE.WRITEBACK
      this.dirtyPages--
      this.writebackPages++
      versions[i] = this.ver[b] as number
      this.sim.emit(Ev.PAGE_WRITEBACK, this.layer, b)
    }
    const io = this.sink.write(block, versions)
    this.ioBlocks.set(io, [block, n])
    for (let i = 0; i < n; i++) this.ioOf[block + i] = io
    return io
  }

  private startBackground(): void {
    if (this.bgIos.size > 0) return
    const target = this.throttled.length > 0 ? 0 : this.pagesAt(this.cfg.dirtyBackgroundRatio)
    if (this.dirtyPages === 0 || this.dirtyPages + this.writebackPages <= target) return
    this.writeFromCursor(BATCH, Infinity, this.bgIos)
  }

  /**
   * Writes dirty pages in index order from the cursor; only those dirtied at or before `olderThan`
   * (Infinity: every dirty page). The cutoff used to be "-1 means no filter", but the periodic
   * flusher's cutoff `now - dirtyExpireNs` is negative for the whole first expiry period, so every
   * tick before 30 s wrote back every dirty page regardless of age.
   */
  private writeFromCursor(maxPages: number, olderThan: number, collect: Set<number> | null = null): number {
    const total = this.state.length
    let ios = 0
    let pages = 0
    for (let scanned = 0; scanned < total && pages < maxPages; ) {
      const b = this.cursor
      if (this.state[b] === PAGE.DIRTY && (this.dirtiedAt[b] as number) <= olderThan) {
        const io = this.submitRun(b, total - b)
        const n = (this.ioBlocks.get(io) as [number, number])[1]
        collect?.add(io)
        ios++
        pages += n
        scanned += n
        this.cursor = (b + n) % total
      } else {
        scanned++
        this.cursor = (b + 1) % total
      }
    }
    return ios
  }

  /** The periodic flusher: every writeback interval, pages dirty for longer than dirty_expire. */
  private tick(): void {
    if (this.dirtyPages > 0) this.writeFromCursor(this.state.length, this.sim.now - this.cfg.dirtyExpireNs)
    this.sim.after(this.cfg.writebackIntervalNs, this.aTick)
  }

  private releaseThrottled(): void {
    const setpoint = Math.floor((this.pagesAt(this.cfg.dirtyBackgroundRatio) + this.pagesAt(this.cfg.dirtyRatio)) / 2)
    if (this.dirtyPages + this.writebackPages > setpoint) {
      this.startBackground()
      return
    }
    const resume = this.throttled
    this.throttled = []
    for (const r of resume) r()
  }

  private evictIfNeeded(): void {
    const limit = this.pagesAt(this.cfg.cacheRatio)
    while (this.cachedPages > limit && this.cleanHead < this.cleanFifo.length) {
      const b = this.cleanFifo[this.cleanHead++] as number
      if (this.state[b] === PAGE.CLEAN) this.drop(b)
    }
    if (this.cleanHead > 4096 && this.cleanHead * 2 > this.cleanFifo.length) {
      this.cleanFifo.splice(0, this.cleanHead)
      this.cleanHead = 0
    }
  }

  private notePeak(): void {
    if (this.cachedPages * BLOCK_BYTES > this.peakBytes) this.peakBytes = this.cachedPages * BLOCK_BYTES
    if (this.cachedPages > this.pagesAt(this.cfg.cacheRatio)) this.evictIfNeeded()
  }

  private addIoWaiter(io: number, w: Waiter): void {
    w.pending++
    const list = this.ioWaiters.get(io)
    if (list) list.push(w)
    else this.ioWaiters.set(io, [w])
  }

  private waitsOn(io: number, w: Waiter): boolean {
    return this.ioWaiters.get(io)?.includes(w) ?? false
  }

  private addPageWaiter(b: number, w: Waiter): void {
    w.pending++
    const list = this.pageWaiters.get(b)
    if (list) list.push(w)
    else this.pageWaiters.set(b, [w])
  }

  private release(w: Waiter): void {
    if (--w.pending === 0) w.done()
  }
}
