/**
 * The common model of an imported block trace: per device, the requests its events describe, as
 * the submitter saw them (queued, completed) and as the driver saw them (inserted, issued, data
 * done), plus the flushes the block layer issued on its own. Parsers (blkparse.ts, tracefs.ts)
 * only read lines; the pairing rules live here.
 *
 * Pairing rules, and why (kernel function names from block/blk-flush.c, block/blk-mq.c,
 * block/blk-core.c, block/bio.c):
 *
 * 1. A bio is born at Q (block_bio_queue, traced once per bio in submit_bio_noacct_nocheck). An A
 *    (block_bio_remap, from blk_partition_remap or a stacking driver) just before it with the same
 *    sector and length says which device and sector it was submitted to.
 * 2. Later events find their bio by device, operation class (the RWBS operation letter without
 *    the PREFLUSH/FUA letters, since blk_insert_flush strips them before the driver sees the
 *    request) and sector range: I and D cover every not yet issued bio inside their range (a
 *    request holds the bios merged into it, M/F), a data C every issued bio inside its range (a
 *    partial completion, blk_update_request, covers only part of a request; a bio queued at the
 *    same instant but not issued yet is not taken). A bio only partly inside a range is left
 *    alone: it is never taken as complete before all of it is. One request holds disjoint bios
 *    (blk-merge joins only adjacent ones), so where several open bios cover the same sectors
 *    (two writes of one block in flight from different queues) an event takes one of them, first
 *    in, first out: I and D the one queued first, C the one issued first. The text cannot say
 *    more; FIFO keeps every request and gives each one completion.
 * 3. A bio flagged PREFLUSH or FUA on a device with a volatile cache goes through the flush state
 *    machine (blk_insert_flush, blk_flush_complete_seq): PREFLUSH becomes a flush issued before the
 *    data, FUA without native support a flush after it (a FUA-only write to a device with native
 *    FUA skips the machinery: its data request keeps the F letter and its completion is the
 *    bio's). Those flushes are requests the block layer
 *    builds itself (blk_kick_flush: REQ_OP_FLUSH | REQ_PREFLUSH), printed D/C FN by blkparse and
 *    FF by the tracepoints, with no Q; they are kept as proxy requests, paired first in, first out
 *    (one flush per flush queue is in flight at a time, condition C1 in blk-flush.c). One proxy may
 *    serve several bios.
 * 4. Such a bio "is completed twice" (blk-flush.c's header): its data C updates the bio, and only
 *    when the sequence is done (REQ_FSEQ_DONE: blk_flush_restore_request, blk_mq_end_request) does
 *    the submitter learn of it, printed as a zero-length C with the bio's sector ("C WSM 43781957
 *    [0]") or 0 for an empty flush ("C WS 0 [0]"). That zero-length C is the bio's completion.
 *    A remapped bio can likewise get a late zero-length C from block_bio_complete (bio_endio).
 * 5. An empty PREFLUSH bio (blkdev_issue_flush: REQ_OP_WRITE | REQ_PREFLUSH, no data) is a flush
 *    request of the submitter; on a device without a write cache blk_insert_flush ends it at once.
 * 6. Events that name no submitted bio (the trace started while they were in flight) start a
 *    request with what they show; such requests count as submitted when the trace starts.
 * 7. A requeue (R) makes the bio wait for another D; the first issue time is kept.
 *
 * A PREFLUSH/FUA write whose data completed but whose zero-length completion is missing counts as
 * still in flight on a device that issued flushes (its post-flush may not have run), and as
 * completed at its data completion otherwise.
 */
import type { TraceRequest } from '../engine'
import type { BlockEvent, Issue, TraceFormat } from './events'
import { DOUBLE_LAYOUT } from './layout'
import { formatRwbs, isFlushOp, opClass, type Rwbs } from './rwbs'

export type Op = 'read' | 'write' | 'flush' | 'discard' | 'write-zeroes' | 'other'
export const OPS: readonly Op[] = ['write', 'read', 'flush', 'discard', 'write-zeroes', 'other']

export interface BlockRequest {
  /** 1-based within its device, in order of first appearance. */
  id: number
  dev: string
  op: Op
  /** RWBS as submitted (the Q line), or as first seen. */
  rwbs: string
  preflush: boolean
  fua: boolean
  sync: boolean
  meta: boolean
  /** 512-byte sectors; 0 and 0 for a flush. */
  sector: number
  sectors: number
  /** Times in ns on the trace's clock; null when the trace does not show the step. */
  queueT: number | null
  insertT: number | null
  issueT: number | null
  /** The data part completed. For a PREFLUSH/FUA bio the submitter is told only later (completeT). */
  dataT: number | null
  /** The submitter was told it completed; null when it was still in flight at the end of the trace. */
  completeT: number | null
  /** errno of the completion (0: success). */
  error: number
  comm: string | null
  pid: number | null
  /** A flush the block layer issued itself for PREFLUSH/FUA requests (D/C FN, FF). */
  proxy: boolean
  /** Merged into another bio's request (M, F). */
  merged: boolean
  requeues: number
  /** The device and sector it was submitted to before a remap (A). */
  remappedFrom: { dev: string; sector: number } | null
  /** The line of the event that started it. */
  line: number
}

export interface DeviceTrace {
  dev: string
  /** Events naming this device. */
  events: number
  requests: BlockRequest[]
  /** The device issued block-layer flushes, so it has a volatile write cache. */
  flushProxies: boolean
  startT: number
  endT: number
  /** Completions and closes that matched nothing. */
  unmatched: number
}

export interface BlockTrace {
  format: TraceFormat
  /** First and last event time over all devices. */
  startT: number
  endT: number
  devices: DeviceTrace[]
  warnings: Issue[]
}

interface Open {
  r: BlockRequest
  /** Operation class for matching. */
  cls: string
  /** Waiting for a D after a requeue. */
  reissue: boolean
  /** The data part went down with FUA (native FUA: no post-flush, no second completion). */
  nativeFua: boolean
  /** The second half of a split, until its own Q (older kernels queue it again). */
  splitPending: boolean
}

/** What a request is, from its RWBS code and length. */
export function opOf(r: Rwbs, sectors: number): Op {
  if (isFlushOp(r)) return 'flush'
  switch (r.op) {
    case 'W':
      return sectors > 0 ? 'write' : r.preflush ? 'flush' : 'other'
    case 'R':
      return sectors > 0 ? 'read' : 'other'
    case 'D':
    case 'DE':
      return 'discard'
    case 'WZ':
      return 'write-zeroes'
    case 'N':
      // The tracepoints print N for ops without a letter; one with sectors is REQ_OP_WRITE_ZEROES.
      return sectors > 0 ? 'write-zeroes' : 'other'
    default:
      return 'other'
  }
}

/** Ranges up to this many sectors are searched by start sector; longer ones scan the class. */
const RANGE_LOOKUP = 4096

/** The open bios of one operation class: with data by start sector, and without data. */
interface ClassBios {
  byStart: Map<number, Open[]>
  empty: Open[]
}

const NONE: readonly Open[] = []

/**
 * The bios not yet completed, found by operation class and start sector. Keyed by number within
 * a class, not by a "class:sector" string: an I, D or C looks up every sector of its range, and
 * building a string to look up each one was a large part of the time a large trace took to pair.
 */
class OpenBios {
  private readonly classes = new Map<string, ClassBios>()

  private of(cls: string): ClassBios {
    let c = this.classes.get(cls)
    if (!c) {
      c = { byStart: new Map(), empty: [] }
      this.classes.set(cls, c)
    }
    return c
  }

  add(o: Open): void {
    const c = this.of(o.cls)
    if (o.r.sectors > 0) {
      const list = c.byStart.get(o.r.sector)
      if (list) list.push(o)
      else c.byStart.set(o.r.sector, [o])
    } else c.empty.push(o)
  }

  remove(o: Open): void {
    const c = this.classes.get(o.cls)
    if (!c) return
    const list = o.r.sectors > 0 ? c.byStart.get(o.r.sector) : c.empty
    if (list) {
      const i = list.indexOf(o)
      if (i >= 0) list.splice(i, 1)
      if (list.length === 0 && o.r.sectors > 0) c.byStart.delete(o.r.sector)
    }
  }

  /** Bios with data starting at `sector`, oldest first. */
  at(cls: string, sector: number | null): readonly Open[] {
    return sector === null ? NONE : (this.classes.get(cls)?.byStart.get(sector) ?? NONE)
  }

  /** Bios without data (empty flushes), oldest first. */
  empty(cls: string): readonly Open[] {
    return this.classes.get(cls)?.empty ?? NONE
  }

  /**
   * Bios with data lying wholly inside [sector, sector + sectors), in no particular order: every
   * caller either treats them one by one or orders them itself (oneRequest).
   */
  inside(cls: string, sector: number | null, sectors: number): Open[] {
    const c = this.classes.get(cls)
    if (sector === null || sectors <= 0 || !c) return []
    const end = sector + sectors
    const out: Open[] = []
    const take = (list: readonly Open[]): void => {
      for (const o of list) if (o.r.sector >= sector && o.r.sector + o.r.sectors <= end) out.push(o)
    }
    if (sectors > RANGE_LOOKUP) for (const list of c.byStart.values()) take(list)
    else
      for (let s = sector; s < end; s++) {
        const list = c.byStart.get(s)
        if (list) take(list)
      }
    return out
  }

  /** Every open bio, in no particular order. */
  all(): Open[] {
    const out: Open[] = []
    for (const c of this.classes.values()) {
      for (const list of c.byStart.values()) for (const o of list) out.push(o)
      for (const o of c.empty) out.push(o)
    }
    return out
  }
}

/**
 * The bios one request can hold among `hits`: pairwise disjoint, earliest by `order` first. Two
 * open bios of the same sectors are never both in one request, so each event takes one of them.
 */
function oneRequest(hits: Open[], order: (a: Open, b: Open) => number): Open[] {
  if (hits.length < 2) return hits
  const taken: Open[] = []
  for (const o of [...hits].sort(order)) {
    const s = o.r.sector
    const e = s + o.r.sectors
    if (taken.every((x) => x.r.sector + x.r.sectors <= s || e <= x.r.sector)) taken.push(o)
  }
  return taken
}

const queued = (a: Open, b: Open): number => a.r.id - b.r.id
const issuedFirst = (a: Open, b: Open): number => (a.r.issueT ?? Infinity) - (b.r.issueT ?? Infinity) || a.r.id - b.r.id

class Device {
  readonly requests: BlockRequest[] = []
  readonly open = new OpenBios()
  readonly proxies: Open[] = []
  readonly remaps = new Map<string, { dev: string; sector: number }>()
  /** Bios completed by their data C that were remapped: a late zero-length C may still close them. */
  readonly lateClose = new Map<string, Open[]>()
  events = 0
  startT = Infinity
  endT = -Infinity
  unmatched = 0
  hasProxies = false

  constructor(readonly dev: string) {}

  create(e: BlockEvent, rwbs: Rwbs, proxy = false): Open {
    const sectors = proxy ? 0 : e.sectors
    const r: BlockRequest = {
      id: this.requests.length + 1,
      dev: this.dev,
      op: proxy ? 'flush' : opOf(rwbs, sectors),
      rwbs: formatRwbs(rwbs),
      preflush: rwbs.preflush,
      fua: rwbs.fua,
      sync: rwbs.sync,
      meta: rwbs.meta,
      // A placeholder, stored right below: see layout.ts.
      sector: DOUBLE_LAYOUT,
      sectors,
      queueT: null,
      insertT: null,
      issueT: null,
      dataT: null,
      completeT: null,
      error: 0,
      comm: e.action === 'C' || e.action === 'R' ? null : e.comm,
      pid: e.action === 'C' || e.action === 'R' ? null : e.pid,
      proxy,
      merged: false,
      requeues: 0,
      remappedFrom: null,
      line: e.line,
    }
    r.sector = proxy || e.sector === null ? 0 : e.sector
    this.requests.push(r)
    const o: Open = { r, cls: opClass(rwbs), reissue: false, nativeFua: false, splitPending: false }
    if (!proxy) this.open.add(o)
    return o
  }

  close(o: Open, t: number): void {
    o.r.completeT = t
    this.open.remove(o)
    if (o.r.remappedFrom && o.r.sectors > 0) {
      const k = `${o.cls}:${o.r.sector}`
      const list = this.lateClose.get(k) ?? []
      list.push(o)
      this.lateClose.set(k, list)
    }
  }

  apply(e: BlockEvent): void {
    const rwbs = e.rwbs
    if (rwbs === null || e.passthrough) return
    const cls = opClass(rwbs)
    switch (e.action) {
      case 'A':
        if (e.from && e.sector !== null) this.remaps.set(`${e.sector}+${e.sectors}`, e.from)
        return
      case 'Q': {
        const pending = (e.sectors > 0 ? this.open.at(cls, e.sector) : []).find((o) => o.splitPending && o.r.sectors === e.sectors)
        if (pending) {
          pending.splitPending = false
          return
        }
        const o = this.create(e, rwbs)
        o.r.queueT = e.t
        // Most traces have no remaps: do not build a key for every Q.
        if (this.remaps.size === 0) return
        const key = `${e.sector}+${e.sectors}`
        const from = this.remaps.get(key)
        if (from) {
          o.r.remappedFrom = from
          this.remaps.delete(key)
        }
        return
      }
      case 'M':
      case 'F': {
        const list = e.sectors > 0 ? this.open.at(cls, e.sector) : this.open.empty(cls)
        for (let i = list.length - 1; i >= 0; i--) {
          const o = list[i] as Open
          if (!o.r.merged && o.r.issueT === null && o.r.sectors === e.sectors) {
            o.r.merged = true
            return
          }
        }
        return
      }
      case 'X': {
        const at = e.newSector
        if (at === undefined) return
        const o = this.open.at(cls, e.sector).find((x) => x.r.issueT === null && at > x.r.sector && at < x.r.sector + x.r.sectors)
        if (!o) return
        const rest = this.create({ ...e, sector: at, sectors: o.r.sector + o.r.sectors - at }, rwbs)
        Object.assign(rest.r, { op: o.r.op, rwbs: o.r.rwbs, preflush: o.r.preflush, fua: o.r.fua, sync: o.r.sync, meta: o.r.meta, queueT: o.r.queueT, comm: o.r.comm, pid: o.r.pid })
        rest.splitPending = true
        o.r.sectors = at - o.r.sector
        return
      }
      case 'I': {
        const free = (e.sectors > 0 ? this.open.inside(cls, e.sector, e.sectors) : this.open.empty(cls)).filter((o) => o.r.insertT === null && o.r.issueT === null)
        const hits = e.sectors > 0 ? oneRequest(free, queued) : free
        for (const o of hits) o.r.insertT = e.t
        if (hits.length === 0 && e.sectors > 0) this.create(e, rwbs).r.insertT = e.t
        return
      }
      case 'D': {
        if (e.sectors === 0 && isFlushOp(rwbs)) {
          const p = this.create(e, rwbs, true)
          p.r.issueT = e.t
          this.proxies.push(p)
          this.hasProxies = true
          return
        }
        const waiting = (e.sectors > 0 ? this.open.inside(cls, e.sector, e.sectors) : this.open.empty(cls)).filter((o) => o.r.issueT === null || o.reissue)
        const hits = e.sectors > 0 ? oneRequest(waiting, queued) : waiting
        for (const o of hits) {
          if (o.r.issueT === null) o.r.issueT = e.t
          o.reissue = false
          if (rwbs.fua) o.nativeFua = true
        }
        if (hits.length === 0) this.create(e, rwbs).r.issueT = e.t
        return
      }
      case 'R': {
        for (const o of this.open.inside(cls, e.sector, e.sectors)) {
          if (o.r.issueT !== null && o.r.dataT === null) {
            o.reissue = true
            o.r.requeues++
          }
        }
        return
      }
      case 'C':
        this.complete(e, rwbs, cls)
        return
      default:
        return
    }
  }

  private complete(e: BlockEvent, rwbs: Rwbs, cls: string): void {
    const error = e.error ?? 0
    if (e.sectors === 0 && isFlushOp(rwbs)) {
      const p = this.proxies.shift() ?? this.create(e, rwbs, true)
      p.r.completeT = e.t
      p.r.error = error
      this.hasProxies = true
      return
    }
    if (e.sectors === 0) {
      // Rule 4: the end of a flush sequence, or a bio completing after its request. A bio with
      // data at that sector first; an empty flush bio (whose sector prints as 0) otherwise.
      const o = this.open.at(cls, e.sector).find((x) => x.r.dataT !== null || x.r.preflush || x.r.fua) ?? this.open.empty(cls)[0]
      if (o) {
        if (error !== 0) o.r.error = error
        this.close(o, e.t)
        return
      }
      const late = this.lateClose.get(`${cls}:${e.sector}`)
      const l = late?.shift()
      if (l) l.r.completeT = e.t
      else this.unmatched++
      return
    }
    // Issued bios first: a bio queued at the same instant to the same sectors is not yet on the device.
    const candidates = this.open.inside(cls, e.sector, e.sectors).filter((o) => o.r.dataT === null)
    const issued = candidates.filter((o) => o.r.issueT !== null)
    const hits = oneRequest(issued.length > 0 ? issued : candidates, issuedFirst)
    if (hits.length === 0) {
      this.unmatched++
      const o = this.create(e, rwbs)
      o.r.dataT = e.t
      o.r.error = error
      this.close(o, e.t)
      return
    }
    for (const o of hits) {
      o.r.dataT = e.t
      if (error !== 0) o.r.error = error
      if (rwbs.fua) o.nativeFua = true
      // Without PREFLUSH or FUA there is no sequence to finish: the data completion is the completion.
      if (!o.r.preflush && !o.r.fua) this.close(o, e.t)
    }
  }

  finish(): DeviceTrace {
    for (const o of this.open.all()) {
      const r = o.r
      if (r.completeT !== null || r.dataT === null) continue
      const sequenced = this.hasProxies && (r.preflush || (r.fua && !o.nativeFua))
      if (!sequenced) r.completeT = r.dataT
    }
    return {
      dev: this.dev,
      events: this.events,
      requests: this.requests,
      flushProxies: this.hasProxies,
      startT: this.startT,
      endT: this.endT,
      unmatched: this.unmatched,
    }
  }
}

/** Pairs events into requests, per device. Events are taken in time order (stable for equal times). */
export function buildTrace(format: TraceFormat, events: readonly BlockEvent[]): BlockTrace {
  const sorted = inTimeOrder(events)
  const devices = new Map<string, Device>()
  let startT = Infinity
  let endT = -Infinity
  for (const e of sorted) {
    startT = Math.min(startT, e.t)
    endT = Math.max(endT, e.t)
    if (e.dev === null) continue
    let d = devices.get(e.dev)
    if (!d) {
      d = new Device(e.dev)
      devices.set(e.dev, d)
    }
    d.events++
    d.startT = Math.min(d.startT, e.t)
    d.endT = Math.max(d.endT, e.t)
    d.apply(e)
  }
  const out = [...devices.values()].map((d) => d.finish()).sort((a, b) => devOrder(a.dev, b.dev))
  const warnings: Issue[] = []
  for (const d of out) {
    if (d.unmatched > 0) warnings.push({ line: 0, col: 0, message: `${d.dev}: ${d.unmatched} completions matched no submitted request (in flight when the trace started, or their events were lost)` })
  }
  if (out.length === 0) return { format, startT: 0, endT: 0, devices: [], warnings }
  return { format, startT, endT, devices: out, warnings }
}

/**
 * The events sorted by time, stably. Traces are nearly always in time order already (blkparse
 * sorts its output; one CPU's tracefs buffer is in order), and checking that is one pass where a
 * sort with a comparator is many calls per event.
 */
function inTimeOrder(events: readonly BlockEvent[]): readonly BlockEvent[] {
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as BlockEvent).t < (events[i - 1] as BlockEvent).t) return [...events].sort((a, b) => a.t - b.t)
  }
  return events
}

function devOrder(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(',').map(Number)
  const [bm = 0, bn = 0] = b.split(',').map(Number)
  return am - bm || an - bn || (a < b ? -1 : a > b ? 1 : 0)
}

/** When the submitter handed it over: the first step the trace shows, else the start of the trace. */
export function submitTime(r: BlockRequest, traceStart: number): number {
  if (r.proxy) return r.issueT ?? r.completeT ?? traceStart
  return r.queueT ?? r.insertT ?? r.issueT ?? traceStart
}

export interface DeviceSummary {
  device: string
  events: number
  requests: number
  by_op: Record<Op, number>
  /** Empty PREFLUSH bios the submitter sent (sync, fsync, jbd2 without data). */
  flushes: number
  /** Flushes the block layer issued for PREFLUSH and emulated FUA (FN, FF). */
  flush_proxies: number
  preflush: number
  preflush_with_data: number
  fua: number
  sync: number
  meta: number
  merged: number
  /** Not completed when the trace ended. */
  in_flight: number
  failed: number
  /** Seen only after submission (in flight when the trace started). */
  submitted_before_start: number
  /** Data requests whose start or length is not a multiple of 4 KiB. */
  unaligned_4k: number
  /** Pairs completed in the opposite order to their issue order. */
  inversions: number
  start_ns: number
  end_ns: number
  span_ns: number
}

export function summarize(d: DeviceTrace): DeviceSummary {
  const byOp = Object.fromEntries(OPS.map((o) => [o, 0])) as Record<Op, number>
  const s: DeviceSummary = {
    device: d.dev,
    events: d.events,
    requests: 0,
    by_op: byOp,
    flushes: 0,
    flush_proxies: 0,
    preflush: 0,
    preflush_with_data: 0,
    fua: 0,
    sync: 0,
    meta: 0,
    merged: 0,
    in_flight: 0,
    failed: 0,
    submitted_before_start: 0,
    unaligned_4k: 0,
    inversions: inversions(d.requests),
    start_ns: d.startT,
    end_ns: d.endT,
    span_ns: d.endT - d.startT,
  }
  for (const r of d.requests) {
    if (r.proxy) {
      s.flush_proxies++
      continue
    }
    s.requests++
    byOp[r.op]++
    if (r.op === 'flush') s.flushes++
    if (r.preflush) s.preflush++
    if (r.preflush && r.sectors > 0) s.preflush_with_data++
    if (r.fua) s.fua++
    if (r.sync) s.sync++
    if (r.meta) s.meta++
    if (r.merged) s.merged++
    if (r.completeT === null) s.in_flight++
    if (r.error !== 0) s.failed++
    if (r.queueT === null) s.submitted_before_start++
    if (r.sectors > 0 && (r.sector % 8 !== 0 || r.sectors % 8 !== 0)) s.unaligned_4k++
  }
  return s
}

/** Pairs (a, b) with a issued before b but completed after it, by merge-sort counting. */
export function inversions(requests: readonly BlockRequest[]): number {
  const done = requests
    .filter((r) => !r.proxy && r.sectors > 0 && r.completeT !== null)
    .map((r) => ({ start: r.issueT ?? r.queueT ?? -Infinity, end: r.completeT as number }))
    .sort((a, b) => a.start - b.start || a.end - b.end)
  const ends = done.map((x) => x.end)
  let count = 0
  const tmp = new Array<number>(ends.length)
  const sort = (lo: number, hi: number): void => {
    if (hi - lo < 2) return
    const mid = (lo + hi) >> 1
    sort(lo, mid)
    sort(mid, hi)
    let i = lo
    let j = mid
    let k = lo
    while (i < mid && j < hi) {
      if ((ends[j] as number) < (ends[i] as number)) {
        count += mid - i
        tmp[k++] = ends[j++] as number
      } else tmp[k++] = ends[i++] as number
    }
    while (i < mid) tmp[k++] = ends[i++] as number
    while (j < hi) tmp[k++] = ends[j++] as number
    for (let x = lo; x < hi; x++) ends[x] = tmp[x] as number
  }
  sort(0, ends.length)
  return count
}

export interface ExplorerTraceOptions {
  /** Sectors per explorer block (default 8: 4 KiB blocks, the engine's page size). */
  sectorsPerBlock?: number
  /** Keep the block layer's own flushes as flush requests (default true; see toTraceRequests). */
  proxies?: boolean
  /** Time 0 of the result, on the trace's clock (default: the start of the whole trace). */
  origin?: number
  /**
   * Most blocks all requests may cover together (default 2^20). The explorer keeps a version per
   * block of each write, so a trace with huge requests (a discard of a whole disk) doubles the
   * block size until it fits; the result says which size was used.
   */
  maxBlocks?: number
}

export interface ExplorerTrace {
  requests: TraceRequest[]
  /** The traced request behind each explorer request (same index). */
  sources: BlockRequest[]
  /** Time 0 on the trace's clock, and the end of the device's events relative to it. */
  origin: number
  end: number
  /** The block size used, in sectors: as asked, or larger if the requests would not fit maxBlocks. */
  sectorsPerBlock: number
  /** Data requests that do not start or end on a block boundary (each is widened to whole blocks). */
  unaligned: number
  /** Requests the explorer has no use for (zoned and other operations without data semantics). */
  skipped: number
}

/**
 * A device's requests as the explorer's TraceRequest list, for powerLossFromTrace and the rules
 * R1-R4 (src/engine/explore/trace.ts). Times are relative to `origin`; a request not completed,
 * or completed with an error, gets completeT -1 (a failed write or flush promises nothing).
 * Sectors map to blocks of `sectorsPerBlock`: a request covers every block it touches, so an
 * unaligned write counts as writing those whole blocks; the explorer's states are then per block,
 * which can only merge distinct sector-level states, never invent new ones. Write-zeroes becomes
 * a discard (both read back as zeros). Block-layer flushes are real device flushes (R1 holds for
 * them: they cover what completed before they were issued), so they are kept by default; with
 * `proxies: false` only the submitter's view remains (PREFLUSH/FUA flags on the bios).
 */
export function toTraceRequests(trace: BlockTrace, dev: DeviceTrace, opts: ExplorerTraceOptions = {}): ExplorerTrace {
  let spb = Math.max(1, Math.floor(opts.sectorsPerBlock ?? 8))
  const limit = opts.maxBlocks ?? 2 ** 20
  const blocksAt = (size: number): number => dev.requests.reduce((n, r) => (r.sectors > 0 && r.op !== 'other' ? n + Math.ceil((r.sector + r.sectors) / size) - Math.floor(r.sector / size) : n), 0)
  while (blocksAt(spb) > limit && spb < 2 ** 52) spb *= 2
  const origin = opts.origin ?? trace.startT
  const out: TraceRequest[] = []
  const sources: BlockRequest[] = []
  let unaligned = 0
  let skipped = 0
  const rel = (t: number): number => t - origin
  const ordered = [...dev.requests].sort((a, b) => submitTime(a, trace.startT) - submitTime(b, trace.startT) || a.id - b.id)
  for (const r of ordered) {
    if (r.op === 'other' || (r.proxy && opts.proxies === false)) {
      skipped++
      continue
    }
    const submitT = rel(submitTime(r, trace.startT))
    const completeT = r.completeT === null || r.error !== 0 ? -1 : rel(r.completeT)
    const id = out.length + 1
    const done = completeT >= 0 ? Math.max(completeT, submitT) : -1
    const label = r.proxy ? `block-layer flush ${r.rwbs}` : `${r.rwbs} ${r.sector}+${r.sectors}${r.comm !== null ? ` [${r.comm}]` : ''}`
    sources.push(r)
    // Whole literals, not a spread of shared fields: spreading in this loop was ten times slower.
    if (r.op === 'flush') {
      out.push({ id, submitT, completeT: done, op: 'flush', block: 0, count: 0, preflush: true, fua: false, label })
      continue
    }
    const first = Math.floor(r.sector / spb)
    const last = Math.ceil((r.sector + r.sectors) / spb)
    if (r.sector % spb !== 0 || r.sectors % spb !== 0) unaligned++
    const op = r.op === 'write-zeroes' ? 'discard' : r.op
    out.push({ id, submitT, completeT: done, op, block: first, count: last - first, preflush: r.preflush, fua: r.fua, label })
  }
  return { requests: out, sources, origin, end: rel(dev.endT), sectorsPerBlock: spb, unaligned, skipped }
}
