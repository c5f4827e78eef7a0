import type { StackConfig } from '../config'
import { Errno, Ev } from '../events'
import { assert } from '../kernel/assert'
import type { Sim } from '../kernel/sim'
import { Data, Extent, Flag, Layer, Op, Stage } from '../vocabulary'
import type { BlockLayer } from './blockLayer'
import { HostJournal, type ExtentChange } from './journal'
import { PAGE, type PageCache } from './pageCache'

type Done = (status: number) => void

/**
 * The host file system holding the backing file (ext4-like, one file). The file's block b sits on
 * host disk block b; the journal region follows the file. Extents are hole, unwritten or written,
 * both in memory (what reads see now) and committed (what survives power loss).
 *
 * Direct I/O into a hole allocates an unwritten extent and converts it in the end_io work, after
 * the data write completed; the conversion is metadata in the running transaction, durable only
 * at the next commit. fsync writes back dirty pages and waits for them, commits the journal (or
 * flushes the disk cache), and does not wait for direct I/O still in flight.
 */
export class HostFs {
  readonly memExtent: Uint8Array
  readonly diskExtent: Uint8Array
  /** Highest data version per file block that the rules guarantee survives power loss. */
  readonly durableMax: Int32Array
  /** The version most recently guaranteed durable per file block. */
  readonly durableLatest: Int32Array
  private readonly durableFlag = new Set<number>()
  private readonly pendingDurable = new Map<number, number[]>()
  readonly journal: HostJournal
  private readonly ioDone = new Map<number, () => void>()
  private readonly aEndIo: number
  private readonly endIoWork = new Map<number, () => void>()
  blk!: BlockLayer
  cache!: PageCache
  /** i_size in blocks; a direct write past it is extending and runs synchronously. */
  iSizeBlocks: number

  constructor(
    private readonly sim: Sim,
    private readonly cfg: StackConfig,
    allocated: (block: number) => boolean,
  ) {
    const n = cfg.deviceBlocks
    this.iSizeBlocks = n
    this.memExtent = new Uint8Array(n)
    this.diskExtent = new Uint8Array(n)
    this.durableMax = new Int32Array(n)
    this.durableLatest = new Int32Array(n)
    for (let b = 0; b < n; b++) {
      const e = allocated(b) ? Extent.WRITTEN : Extent.HOLE
      this.memExtent[b] = e
      this.diskExtent[b] = e
      this.durableMax[b] = e === Extent.WRITTEN ? Data.INITIAL : Data.ZERO
      this.durableLatest[b] = this.durableMax[b] as number
    }
    this.journal = new HostJournal(sim, n, cfg.hostFs.journalBlocks, cfg.hostFs.commitIntervalNs)
    this.journal.io = (op, flags, block, count, version, done) => {
      const id = this.submitIo(op, flags, block, count, -1)
      this.sim.req.setUniformData(id, version)
      this.ioDone.set(id, done)
      this.blk.submit(id)
    }
    this.journal.onDurable = (_id, changes) => this.mappingCommitted(changes)
    this.aEndIo = sim.on((key) => {
      const work = this.endIoWork.get(key)
      assert(work !== undefined, `end_io work ${key} missing`)
      this.endIoWork.delete(key)
      work()
    })
  }

  /** Completion of a host block-layer bio. */
  bioDone(bio: number): void {
    const done = this.ioDone.get(bio)
    assert(done !== undefined, `host bio ${bio} completed with no owner`)
    this.ioDone.delete(bio)
    this.sim.complete(bio, this.sim.req.status[bio] as number)
    done()
  }

  private submitIo(op: number, flags: number, block: number, count: number, parent: number): number {
    return this.sim.submit(Layer.HOST_BLK, op, flags, block, count, parent, 0)
  }

  /** IOCB_NOWAIT would not block: every block is a written extent and no page is busy. */
  canNowait(block: number, count: number): boolean {
    for (let b = block; b < block + count; b++) if (this.memExtent[b] !== Extent.WRITTEN) return false
    return !this.cache.isBusy(block, count)
  }

  /**
   * lo_rw_aio with IOCB_DIRECT: `completed` is the kiocb's ki_complete. Returns true when the write
   * was forced synchronous (extending, or cached pages of the range had to be written back first),
   * so the worker must wait for `completed`.
   */
  dioWrite(req: number, completed: Done): boolean {
    const r = this.sim.req
    const first = r.block[req] as number
    const n = r.count[req] as number
    // ext4 forces extending direct writes to wait (IOMAP_DIO_FORCE_WAIT); i_size moves in end_io.
    const extending = first + n > this.iSizeBlocks
    if (this.cache.isBusy(first, n)) {
      // iomap_dio_rw → kiocb_invalidate_pages: dirty or in-flight pages of the range are written
      // back and waited for, then invalidated, before the direct write is issued. Only clean pages
      // used to be dropped, so a page dirtied before a switch to DIO stayed dirty and its later
      // writeback put older data over this write on media. The submitter (the loop worker) is
      // blocked meanwhile; the model holds it until the write completes, as for an extending write.
      this.cache.syncRange(first, n, () => this.dioSubmit(req, extending, completed))
      return true
    }
    this.dioSubmit(req, extending, completed)
    return extending
  }

  private dioSubmit(req: number, extending: boolean, completed: Done): void {
    const r = this.sim.req
    const first = r.block[req] as number
    const n = r.count[req] as number
    const converts: number[] = []
    for (let b = first; b < first + n; b++) {
      if (this.cache.read(b) >= 0 && this.cache.state[b] === PAGE.CLEAN) this.cache.drop(b)
      const e = this.memExtent[b] as number
      if (e === Extent.HOLE) {
        if (this.cfg.hostFs.legacyStaleData) {
          // 2003-era: the block is mapped as written before its data has been written.
          this.setExtent(b, Extent.WRITTEN, 0)
        } else {
          this.setExtent(b, Extent.UNWRITTEN, 0)
          converts.push(b)
        }
      } else if (e === Extent.UNWRITTEN) {
        converts.push(b)
      }
    }
    const bio = this.submitIo(Op.WRITE, Flag.DIRECT, first, n, req)
    copyData(this.sim, req, bio)
    this.sim.emit(Ev.STAGE, first, r.version(req, 0), Stage.HOST_IO)
    for (let i = 1; i < n; i++) this.sim.emit(Ev.STAGE, first + i, r.version(req, i), Stage.HOST_IO)
    this.ioDone.set(bio, () =>
      this.deferEndIo(bio, () => {
        if (extending && r.status[bio] === 0) this.iSizeBlocks = Math.max(this.iSizeBlocks, first + n)
        this.dioEndIo(converts, r.status[bio] as number, completed)
      }),
    )
    this.blk.submit(bio)
  }

  /** iomap_dio_complete_work on s_dio_done_wq: convert unwritten extents, then ki_complete. */
  private dioEndIo(converts: number[], status: number, completed: Done): void {
    if (status === 0) for (const b of converts) this.setExtent(b, Extent.WRITTEN, 0)
    completed(status)
  }

  private deferEndIo(key: number, work: () => void): void {
    this.endIoWork.set(key, work)
    this.sim.after(this.cfg.timing.endIoNs, this.aEndIo, key)
  }

  dioRead(req: number, completed: Done): void {
    const r = this.sim.req
    const bio = this.submitIo(Op.READ, Flag.DIRECT, r.block[req] as number, r.count[req] as number, req)
    this.ioDone.set(bio, () => completed(0))
    this.blk.submit(bio)
  }

  /**
   * A synchronous kiocb without IOCB_DIRECT: copy into the host page cache. `done` runs after the
   * copy, or after dirty throttling lets the writer go.
   */
  bufferedWrite(req: number, done: Done): void {
    const r = this.sim.req
    const first = r.block[req] as number
    const n = r.count[req] as number
    let throttle = false
    for (let i = 0; i < n; i++) throttle = this.cache.write(first + i, r.version(req, i)) || throttle
    if (!throttle) {
      done(0)
      return
    }
    // balance_dirty_pages holds the loop worker. Ev.THROTTLE (a=worker lane) was declared and
    // replayed but never logged, so the replayed state never showed a throttled worker.
    const lane = r.lane[req] as number
    this.sim.emit(Ev.THROTTLE, lane, 1)
    this.cache.waitThrottle(() => {
      this.sim.emit(Ev.THROTTLE, lane, 0)
      done(0)
    })
  }

  bufferedRead(req: number, done: Done): void {
    const r = this.sim.req
    const first = r.block[req] as number
    const n = r.count[req] as number
    let missFirst = -1
    for (let b = first; b < first + n; b++) if (this.cache.read(b) < 0 && missFirst < 0) missFirst = b
    if (missFirst < 0) {
      done(0)
      return
    }
    const bio = this.submitIo(Op.READ, 0, first, n, req)
    this.ioDone.set(bio, () => {
      for (let b = first; b < first + n; b++) this.cache.fill(b, this.visibleOnDisk(b))
      done(0)
    })
    this.blk.submit(bio)
  }

  /** Host page-cache writeback of a run of pages (the cache's sink). */
  writeback(block: number, versions: Int32Array): number {
    const n = versions.length
    const converts: number[] = []
    for (let b = block; b < block + n; b++) {
      // Delayed allocation happens now; with dioread_nolock the new extent starts unwritten.
      if (this.memExtent[b] === Extent.HOLE) this.setExtent(b, Extent.UNWRITTEN, 0)
      if (this.memExtent[b] === Extent.UNWRITTEN) converts.push(b)
    }
    const bio = this.submitIo(Op.WRITE, Flag.WRITEBACK, block, n, -1)
    this.sim.req.setData(bio, versions)
    for (let i = 0; i < n; i++) this.sim.emit(Ev.STAGE, block + i, versions[i] as number, Stage.HOST_IO)
    this.ioDone.set(bio, () => {
      const finish = (): void => {
        for (const b of converts) this.setExtent(b, Extent.WRITTEN, 0)
        this.cache.writebackDone(bio)
      }
      if (converts.length > 0) this.deferEndIo(bio, finish)
      else finish()
    })
    this.blk.submit(bio)
    return bio
  }

  /** vfs_fsync(file, 0). */
  fsync(done: Done): void {
    this.cache.syncAll(() =>
      this.journal.commitAndWait((committed) => {
        if (committed) {
          done(0)
          return
        }
        // Nothing to commit: ext4 still sends a cache flush so completed data is durable.
        const flush = this.submitIo(Op.FLUSH, Flag.PREFLUSH, 0, 0, -1)
        this.ioDone.set(flush, () => done(0))
        this.blk.submit(flush)
      }),
    )
  }

  /** lo_fallocate: PUNCH_HOLE (discard) or ZERO_RANGE (write zeroes with NOUNMAP). */
  fallocate(req: number, done: Done): void {
    const r = this.sim.req
    const first = r.block[req] as number
    const n = r.count[req] as number
    const zeroRange = r.op[req] === Op.WRITE_ZEROES && ((r.flags[req] as number) & Flag.NOUNMAP) !== 0
    if (first + n > this.cfg.deviceBlocks) {
      done(Errno.EINVAL)
      return
    }
    this.cache.waitWriteback(first, n, () => {
      for (let i = 0; i < n; i++) {
        const b = first + i
        this.cache.drop(b)
        const v = r.version(req, i)
        const target = zeroRange ? Extent.UNWRITTEN : Extent.HOLE
        this.setExtent(b, target, v)
      }
      done(0)
    })
  }

  private setExtent(b: number, state: number, version: number): void {
    this.memExtent[b] = state
    this.journal.change(b, state, version)
  }

  /** What a read of the file returns without the page cache: zeros for holes, else the disk's. */
  visibleOnDisk(b: number): number {
    return this.memExtent[b] === Extent.WRITTEN ? this.readDisk(b) : Data.ZERO
  }

  readDisk: (hostBlock: number) => number = () => Data.STALE

  /** The disk oracle promised this write's data: account durability per file block. */
  dataPromised(bio: number): void {
    const r = this.sim.req
    const first = r.block[bio] as number
    const n = r.count[bio] as number
    if (first >= this.cfg.deviceBlocks) return
    for (let i = 0; i < n; i++) {
      const b = first + i
      const v = r.version(bio, i)
      if (this.diskExtent[b] === Extent.WRITTEN) this.markDurable(b, v)
      else {
        const list = this.pendingDurable.get(b)
        if (list) list.push(v)
        else this.pendingDurable.set(b, [v])
      }
    }
  }

  private mappingCommitted(changes: Map<number, ExtentChange>): void {
    for (const [b, ch] of changes) {
      this.diskExtent[b] = ch.state
      if (ch.state === Extent.WRITTEN) {
        const list = this.pendingDurable.get(b)
        this.pendingDurable.delete(b)
        if (list) for (const v of list) this.markDurable(b, v)
      } else if (ch.version > 0) {
        // A committed punch or zero-range reads as zeros: that version is durable, and data older
        // than it can no longer surface. Newer data still waits for its own mapping.
        const list = this.pendingDurable.get(b)
        const newer = list?.filter((v) => v > ch.version) ?? []
        if (newer.length > 0) this.pendingDurable.set(b, newer)
        else this.pendingDurable.delete(b)
        this.markDurable(b, ch.version)
      }
      // An allocation committed as unwritten (version 0) keeps its data waiting: the data counts
      // only once the conversion to written commits too.
    }
  }

  isDurable(b: number, v: number): boolean {
    return this.durableFlag.has(v * 0x1000000 + (b & 0xffffff))
  }

  private markDurable(b: number, v: number): void {
    if (v <= 0 || this.durableFlag.has(v * 0x1000000 + (b & 0xffffff))) return
    this.durableFlag.add(v * 0x1000000 + (b & 0xffffff))
    if (v > (this.durableMax[b] as number)) this.durableMax[b] = v
    this.durableLatest[b] = v
    this.sim.emit(Ev.DURABLE, b, v)
  }
}

/** Copies a request's data versions to a new request of the same size. */
export function copyData(sim: Sim, from: number, to: number): void {
  sim.req.copyData(from, to)
}
