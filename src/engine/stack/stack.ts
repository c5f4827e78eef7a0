import type { RunConfig } from '../config'
import { Rng } from '../kernel/rng'
import { Sim } from '../kernel/sim'
import { FsRunner } from '../guestfs/runner'
import { Data, Layer, Stage } from '../vocabulary'
import { BlockLayer } from './blockLayer'
import { Disk } from './disk'
import { DiskOracle } from './diskOracle'
import { FioRunner } from './fio'
import { GuestOracle } from './guestOracle'
import { GuestSide } from './guestSide'
import { HostFs } from './hostFs'
import { LoopDevice } from './loop'
import { OutsideEvents } from './outside'
import { PageCache } from './pageCache'
import { ThreadRunner } from './threads'

export function allocatedFn(cfg: RunConfig['stack']): (block: number) => boolean {
  const a = cfg.backing.allocated
  if (a === 'all') return () => true
  if (a === 'none') return () => false
  const set = new Uint8Array(cfg.deviceBlocks)
  for (const [start, count] of a) set.fill(1, start, Math.min(cfg.deviceBlocks, start + count))
  return (b) => set[b] === 1
}

/** Every layer of the stack, wired top to bottom (design §2). */
export class Stack {
  readonly sim: Sim
  readonly disk: Disk
  readonly diskOracle: DiskOracle
  readonly hostBlk: BlockLayer
  readonly hostCache: PageCache
  readonly hostFs: HostFs
  readonly loop: LoopDevice
  readonly guestBlk: BlockLayer
  readonly guestCache: PageCache
  readonly guest: GuestSide
  readonly guestOracle: GuestOracle
  readonly outside: OutsideEvents
  readonly threads: ThreadRunner[] = []
  readonly jobs: FioRunner[] = []
  /** The guest journaling file system, when the workload has one. */
  fs: FsRunner | null = null

  constructor(
    readonly cfg: RunConfig,
    seed: number,
  ) {
    const s = cfg.stack
    const rng = new Rng(seed)
    const sim = (this.sim = new Sim(rng, cfg.limits))
    const allocated = allocatedFn(s)
    const hostBlocks = s.deviceBlocks + s.hostFs.journalBlocks
    this.disk = new Disk(sim, s.disk, hostBlocks, (b) => (b < s.deviceBlocks && allocated(b) ? Data.INITIAL : Data.STALE))
    this.diskOracle = new DiskOracle(sim, this.disk, s.disk.writeCache)
    this.hostBlk = new BlockLayer(sim, { writeCache: s.disk.writeCache, fua: s.disk.fua }, {
      layer: Layer.HOST_BLK,
      childLayer: Layer.DISK,
      depth: s.disk.queueDepth,
      dispatchNs: s.timing.dispatchNs,
      deferWhileData: true,
    })
    this.hostCache = new PageCache(sim, Layer.HOST_CACHE, s.hostCache, s.deviceBlocks, Stage.HOST_CACHE)
    this.hostFs = new HostFs(sim, s, allocated)
    this.loop = new LoopDevice(sim, s)
    this.guestBlk = new BlockLayer(sim, this.loop.features(), {
      layer: Layer.GUEST_BLK,
      childLayer: Layer.LOOP,
      depth: s.loop.queueDepth,
      dispatchNs: s.timing.dispatchNs,
      deferWhileData: s.guestBlk.flushDeferWhileData,
    })
    this.guestCache = new PageCache(sim, Layer.GUEST_CACHE, s.guestCache, s.deviceBlocks, Stage.GUEST_CACHE)
    this.guest = new GuestSide(sim, s.deviceBlocks)
    this.guestOracle = new GuestOracle(sim, this.hostFs)
    this.outside = new OutsideEvents(sim, s.deviceBlocks)
    this.wire()
    this.startWorkload(rng)
  }

  private wire(): void {
    const { sim, disk, diskOracle, hostBlk, hostFs, hostCache, loop, guestBlk, guest, guestCache } = this
    const crypt = this.cfg.stack.crypt
    disk.onSubmit = (id) => diskOracle.submitted(id)
    disk.onComplete = (id) => {
      diskOracle.completed(id)
      hostBlk.childDone(id, 0)
    }
    diskOracle.onPromised = (id) => hostFs.dataPromised(id)
    hostBlk.driver = crypt.enabled
      ? (child) => {
          // A dm-crypt-like layer: each request is encrypted by some worker and reaches the disk
          // after its own delay, so requests in flight overtake one another. Completions are not delayed.
          sim.later(sim.rng.int(crypt.maxDelayNs + 1), () => disk.submit(child))
        }
      : (child) => disk.submit(child)
    hostBlk.onBioDone = (bio) => hostFs.bioDone(bio)
    hostCache.sink = { write: (b, v) => hostFs.writeback(b, v) }
    hostFs.blk = hostBlk
    hostFs.cache = hostCache
    hostFs.readDisk = (b) => disk.visible(b)
    loop.host = hostFs
    loop.guest = guestBlk
    guestBlk.driver = (child) => loop.queueRq(child)
    guestBlk.onBioDone = (bio) => guest.bioDone(bio)
    guest.blk = guestBlk
    guest.cache = guestCache
    guest.oracle = this.guestOracle
    guestCache.sink = { write: (b, v) => guest.writeback(b, v) }
    this.outside.hostVisible = (b) => {
      const cached = hostCache.read(b)
      return cached >= 0 ? cached : hostFs.visibleOnDisk(b)
    }
  }

  private startWorkload(rng: Rng): void {
    const w = this.cfg.workload
    const t = this.cfg.stack.timing
    for (const th of w.threads) {
      const runner = new ThreadRunner(this.sim, th, this.loop.laneFor(th.cgroup), this.guest, this.loop, this.outside, t.submitNs)
      this.threads.push(runner)
      runner.start()
    }
    w.jobs.forEach((job, i) => {
      const runner = new FioRunner(this.sim, job, this.loop.laneFor(job.cgroup), rng.fork(i + 1), this.guest, this.guestCache, t.copyPerBlockNs)
      this.jobs.push(runner)
      runner.start()
    })
    if (w.fs) {
      this.fs = new FsRunner(this.sim, w.fs, this.cfg.stack.deviceBlocks, this.loop.laneFor(w.fs.cgroup), this.guest, this.outside, t)
      this.fs.start()
    }
    for (const ev of w.events) this.outside.schedule(ev.at, ev)
  }
}
