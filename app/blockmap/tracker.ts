/**
 * Per-block facts that follow the playhead without a pass over every block per frame. Every change
 * of a block's state is one log record naming the block, so between two playhead positions only
 * the blocks named by the records in between can have changed: they are looked up again in the
 * replayed state at the new position, the others keep what they had. Far jumps redo every block.
 */
import { Ev, Layer, PAGE, type ViewState } from '../../src/engine'
import type { LogColumns } from '../data/payload'
import { NOT_CACHED, Where, WHERE_COUNT, whereOf } from './classify'

// Record kinds as module constants: hot loops compare against them once per record.
const STAGE = Ev.STAGE
const CACHE_PUT = Ev.CACHE_PUT
const DESTAGE = Ev.DESTAGE
const MEDIA_WRITE = Ev.MEDIA_WRITE
const DURABLE = Ev.DURABLE
const PAGE_DIRTY = Ev.PAGE_DIRTY
const PAGE_CLEAN = Ev.PAGE_CLEAN
const PAGE_DROP = Ev.PAGE_DROP
const PAGE_FILL = Ev.PAGE_FILL
const PAGE_WRITEBACK = Ev.PAGE_WRITEBACK

function add(counts: Int32Array, i: number, d: number): void {
  counts[i] = (counts[i] as number) + d
}

/** Beyond this many records between two positions, one pass over every block is cheaper. */
export const FULL_AFTER = 16_384

type Log = Pick<LogColumns, 'kind' | 'a' | 'b'>

/** Follows a replayed state from position to position; `sync` brings it to the state's index. */
abstract class Tracker {
  /** The position the tracker holds (-1: none yet). */
  index = -1
  /** How many blocks the last sync looked at (tests and measurements). */
  looked = 0

  constructor(protected readonly log: Log) {}

  sync(s: ViewState): void {
    const to = s.index
    if (to === this.index) return
    if (this.index < 0 || Math.abs(to - this.index) > FULL_AFTER) {
      this.looked = this.full(s)
    } else {
      const lo = Math.min(this.index, to)
      const hi = Math.max(this.index, to)
      const { kind, a, b } = this.log
      let looked = 0
      for (let i = lo; i < hi; i++)
        looked += this.touch(s, kind[i] as number, a[i] as number, b[i] as number)
      this.looked = looked
    }
    this.index = to
  }

  /** Recomputes every block; returns how many. */
  protected abstract full(s: ViewState): number
  /** Recomputes the blocks one record names; returns how many. */
  protected abstract touch(s: ViewState, kind: number, a: number, b: number): number
}

/** Each guest block's place (Where of its newest version), and how many blocks are in each place. */
export class PlaceTracker extends Tracker {
  readonly classes: Uint8Array
  readonly counts = new Int32Array(WHERE_COUNT)

  constructor(log: Log, n: number) {
    super(log)
    this.classes = new Uint8Array(n)
  }

  private placeOf(s: ViewState, b: number): number {
    const list = s.versions.get(b)
    const v = list?.[list.length - 1]
    return v ? whereOf(v.stage, v.durable || s.durableLatest[b] === v.version) : Where.NONE
  }

  protected full(s: ViewState): number {
    const { classes, counts } = this
    classes.fill(Where.NONE)
    counts.fill(0)
    const durableLatest = s.durableLatest
    for (const [b, list] of s.versions) {
      if (b >= classes.length) continue
      const v = list[list.length - 1]
      if (!v) continue
      classes[b] = whereOf(v.stage, v.durable || durableLatest[b] === v.version)
    }
    for (let b = 0; b < classes.length; b++) add(counts, classes[b] as number, 1)
    return classes.length
  }

  protected touch(s: ViewState, kind: number, a: number): number {
    if (
      kind !== STAGE &&
      kind !== CACHE_PUT &&
      kind !== DESTAGE &&
      kind !== MEDIA_WRITE &&
      kind !== DURABLE
    )
      return 0
    if (a < 0 || a >= this.classes.length) return 0
    const old = this.classes[a] as number
    const now = this.placeOf(s, a)
    if (now !== old) {
      this.classes[a] = now
      add(this.counts, old, -1)
      add(this.counts, now, 1)
    }
    return 1
  }
}

/** Indexes into StorageCounts.counts. */
export const Count = {
  GUEST_DIRTY: 0,
  GUEST_WRITEBACK: 1,
  GUEST_CLEAN: 2,
  HOST_DIRTY: 3,
  HOST_WRITEBACK: 4,
  HOST_CLEAN: 5,
  /** Host disk blocks in the volatile write cache. */
  DISK_CACHED: 6,
  /** Host disk blocks whose media holds data this run wrote (a version above 0). */
  MEDIA_WRITTEN: 7,
  /** Guest blocks whose latest guaranteed version was written in this run. */
  DURABLE: 8,
} as const

/** Page category: 0 absent, else the Count index offset (dirty, writeback, clean). */
function pageCat(state: number): number {
  if (state === PAGE.ABSENT) return 0
  if (state === PAGE.DIRTY) return 1
  if (state === PAGE.CLEAN) return 3
  return 2
}

/** Page-cache, disk-cache, media and durability counts of the whole stack. */
export class CountTracker extends Tracker {
  readonly counts = new Int32Array(9)
  private readonly guest: Uint8Array
  private readonly host: Uint8Array
  private readonly cached: Uint8Array
  private readonly onMedia: Uint8Array
  private readonly durable: Uint8Array

  constructor(log: Log, n: number, hostBlocks: number) {
    super(log)
    this.guest = new Uint8Array(n)
    this.host = new Uint8Array(n)
    this.durable = new Uint8Array(n)
    this.cached = new Uint8Array(hostBlocks)
    this.onMedia = new Uint8Array(hostBlocks)
  }

  protected full(s: ViewState): number {
    this.counts.fill(0)
    this.guest.fill(0)
    this.host.fill(0)
    this.durable.fill(0)
    this.cached.fill(0)
    this.onMedia.fill(0)
    for (let b = 0; b < this.guest.length; b++) {
      this.page(s, Layer.GUEST_CACHE, b)
      this.page(s, Layer.HOST_CACHE, b)
      this.dur(s, b)
    }
    for (let b = 0; b < this.cached.length; b++) this.disk(s, b)
    return this.guest.length + this.cached.length
  }

  protected touch(s: ViewState, kind: number, a: number, b: number): number {
    switch (kind) {
      case PAGE_DIRTY:
      case PAGE_CLEAN:
      case PAGE_DROP:
      case PAGE_FILL:
      case PAGE_WRITEBACK:
        if (b < 0 || b >= this.guest.length) return 0
        this.page(s, a, b)
        return 1
      case CACHE_PUT:
      case DESTAGE:
      case MEDIA_WRITE:
        if (a < 0 || a >= this.cached.length) return 0
        this.disk(s, a)
        return 1
      case DURABLE:
        if (a < 0 || a >= this.durable.length) return 0
        this.dur(s, a)
        return 1
      default:
        return 0
    }
  }

  private page(s: ViewState, layer: number, b: number): void {
    const guest = layer === Layer.GUEST_CACHE
    const mirror = guest ? this.guest : this.host
    const base = guest ? Count.GUEST_DIRTY - 1 : Count.HOST_DIRTY - 1
    const now = pageCat((guest ? s.guestPageState : s.hostPageState)[b] as number)
    const old = mirror[b] as number
    if (now === old) return
    if (old) add(this.counts, base + old, -1)
    if (now) add(this.counts, base + now, 1)
    mirror[b] = now
  }

  private disk(s: ViewState, b: number): void {
    const c = s.diskCache[b] !== NOT_CACHED ? 1 : 0
    if (c !== this.cached[b]) {
      add(this.counts, Count.DISK_CACHED, c ? 1 : -1)
      this.cached[b] = c
    }
    const m = (s.media[b] as number) > 0 ? 1 : 0
    if (m !== this.onMedia[b]) {
      add(this.counts, Count.MEDIA_WRITTEN, m ? 1 : -1)
      this.onMedia[b] = m
    }
  }

  private dur(s: ViewState, b: number): void {
    const d = (s.durableLatest[b] as number) > 0 ? 1 : 0
    if (d !== this.durable[b]) {
      add(this.counts, Count.DURABLE, d ? 1 : -1)
      this.durable[b] = d
    }
  }
}

const places = new WeakMap<object, PlaceTracker>()
const countsOfRun = new WeakMap<object, CountTracker>()

type Run = { p: { log: LogColumns; config: { stack: { deviceBlocks: number } } } }

/** The place tracker of a run, made on first use. */
export function placeTrackerOf(run: Run): PlaceTracker {
  let t = places.get(run)
  if (!t) places.set(run, (t = new PlaceTracker(run.p.log, run.p.config.stack.deviceBlocks)))
  return t
}

/** The count tracker of a run, made on first use (`hostBlocks`: the device plus the host journal). */
export function countTrackerOf(run: Run, hostBlocks: number): CountTracker {
  let t = countsOfRun.get(run)
  if (!t)
    countsOfRun.set(
      run,
      (t = new CountTracker(run.p.log, run.p.config.stack.deviceBlocks, hostBlocks)),
    )
  return t
}
