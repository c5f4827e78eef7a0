import type { RunResult } from '../run'
import { Replay } from '../replay/replay'
import { NOT_CACHED, type ViewState } from '../replay/state'
import { PAGE } from '../stack/pageCache'
import { allocatedFn } from '../stack/stack'
import { Ev } from '../events'
import { Data, Extent, Flag, Layer, Op } from '../vocabulary'
import type { BaseBlock, CrashInput, ExWrite, ModelName } from './input'
import { promiseCheckOf, writerIndex, zeroVersions, type BlockwiseCheck, type Timing } from './checks'
import type { Finding } from './explore'
import { promisesAt, type RulePromise, type TraceRequest } from './trace'

/**
 * Crash inputs from an engine run at an event index, one per model (design §4):
 *  power-loss       the durable versions (what the host's rules guarantee) plus any guest write
 *                   submitted so far that is not ordered before them;
 *  atomic-snapshot  what a reader of the backing file sees at the instant, plus any subset of the
 *                   guest writes still in flight (flushes and FUA do not matter, only completion);
 *  block-snapshot   what a reader of the host disk sees (its cache included, the host page cache
 *                   not), through the committed host metadata, plus disk writes in flight;
 *  fuzzy-copy       one image: block k of the scan read at its own time, from the instant on.
 */
export class RunStates {
  private readonly replay: Replay
  private readonly guestIds: number[] = []
  private readonly diskIds: number[] = []
  private readonly labelOf = new Map<number, string>()
  /** Event at which each guest bio's data step was handed to loop (R4: after its preflush). */
  private readonly dataAt = new Map<number, number>()

  constructor(readonly run: RunResult) {
    this.replay = new Replay(run, undefined, 'storage')
    const r = run.requests
    for (let id = 1; id < r.length; id++) {
      if (r.layer[id] === Layer.GUEST_BLK) this.guestIds.push(id)
      else if (r.layer[id] === Layer.DISK && r.op[id] === Op.WRITE) this.diskIds.push(id)
      else if (r.layer[id] === Layer.LOOP && (r.parent[id] as number) > 0 && !this.dataAt.has(r.parent[id] as number)) {
        this.dataAt.set(r.parent[id] as number, r.submitEv[id] as number)
      }
    }
    for (const [label, id] of Object.entries(run.labels)) this.labelOf.set(id, label)
  }

  get events(): number {
    return this.run.events
  }

  private fullTrace: TraceRequest[] | null = null
  private allocated: ((b: number) => boolean) | null = null
  private readonly exWrites = new Map<number, ExWrite>()

  /** The explorer's view of a trace write, shared across instants unless still in flight. */
  private exWrite(q: TraceRequest): ExWrite {
    if (q.completeT < 0) return toExWrite(q)
    let w = this.exWrites.get(q.id)
    if (w === undefined) {
      w = toExWrite(q)
      this.exWrites.set(q.id, w)
    }
    return w
  }

  private promiseIndex: { promises: RulePromise[]; events: Int32Array; writers: Map<number, Timing>; zeros: Set<number> } | null = null
  private allPromises: (BlockwiseCheck & { firstEvent: Map<number, number>; judgeBefore(b: number, u: number, index: number): Finding | null }) | null = null

  /** The per-run writer and zero-version indexes (built with the promise index). */
  indexes(): { writers: Map<number, Timing>; zeros: Set<number> } {
    if (this.promiseIndex === null) this.promiseCheckAt(0)
    return this.promiseIndex as { writers: Map<number, Timing>; zeros: Set<number> }
  }

  /**
   * The promise check at an instant. Promises only accumulate, so each write's promise (the
   * earliest-completing flush submitted after it completed, or its own FUA completion) and the
   * event at which it is made are found once per run; an instant judges only those made before it.
   */
  promiseCheckAt(index: number): BlockwiseCheck {
    const r = this.run.requests
    if (this.promiseIndex === null) {
      const full = (this.fullTrace ??= this.buildTrace())
      const promises = promisesAt(full, Infinity).sort((a, b) => (r.completeEv[a.by] as number) - (r.completeEv[b.by] as number))
      const events = Int32Array.from(promises, (p) => r.completeEv[p.by] as number)
      this.promiseIndex = { promises, events, writers: writerIndex(full), zeros: zeroVersions(full) }
      // One check over every promise of the run, each tagged with the event that makes it.
      this.allPromises = promiseCheckOf(promises, this.promiseIndex.writers, this.promiseIndex.zeros, events)
    }
    const all = this.allPromises as NonNullable<typeof this.allPromises>
    return {
      blocks: all.blocks.filter((b) => (all.firstEvent.get(b) as number) < index),
      judge: (b, u) => all.judgeBefore(b, u, index),
    }
  }

  /** Guest block requests submitted in the first `index` events, as a trace. */
  guestTrace(index: number): TraceRequest[] {
    const full = (this.fullTrace ??= this.buildTrace())
    const r = this.run.requests
    let n = 0
    let hi = this.guestIds.length
    while (n < hi) {
      const mid = (n + hi) >> 1
      if ((r.submitEv[this.guestIds[mid] as number] as number) < index) n = mid + 1
      else hi = mid
    }
    const out = full.slice(0, n)
    for (let i = 0; i < n; i++) {
      const q = out[i] as TraceRequest
      const ev = r.completeEv[q.id] as number
      if (ev < 0 || ev >= index) out[i] = { ...q, completeT: -1 }
    }
    return out
  }

  /** Every guest block request with its final completion, built once per run. */
  private buildTrace(): TraceRequest[] {
    const r = this.run.requests
    const out: TraceRequest[] = []
    for (const id of this.guestIds) {
      const op = r.op[id] as number
      const flags = r.flags[id] as number
      const req: TraceRequest = {
        id,
        op: op === Op.FLUSH ? 'flush' : op === Op.READ ? 'read' : op === Op.WRITE ? 'write' : 'discard',
        block: r.block[id] as number,
        count: r.count[id] as number,
        preflush: op === Op.FLUSH || (flags & Flag.PREFLUSH) !== 0,
        fua: (flags & Flag.FUA) !== 0,
        submitT: r.submitT[id] as number,
        completeT: (r.completeEv[id] as number) >= 0 ? (r.completeT[id] as number) : -1,
      }
      if ((r.dataOff[id] as number) >= 0) req.versions = Array.from({ length: req.count }, (_, i) => r.version(id, i))
      const label = this.labelOf.get(id)
      if (label !== undefined) req.label = label
      out.push(req)
    }
    return out
  }

  /** The scan of a fuzzy copy: the scenario's own copy if it has one, else ascending at 10 µs a block. */
  fuzzyScan(): { order: 'ascending' | 'descending' | 'random'; nsPerBlock: number } {
    const w = this.run.config.workload
    const ev = w.events.find((e) => e.kind === 'fuzzy-copy')
    return ev ? { order: ev.order, nsPerBlock: Math.max(1, ev.nsPerBlock) } : { order: 'ascending', nsPerBlock: 10_000 }
  }

  input(model: ModelName, index: number): CrashInput {
    const s = this.replay.seek(index)
    const t = s.t
    if (model === 'fuzzy-copy') {
      const scan = this.fuzzyScan()
      return this.fuzzyCopy(index, scan.nsPerBlock, scan.order)
    }
    if (model === 'block-snapshot') return this.blockSnapshot(s, index)
    const trace = this.guestTrace(index)
    // A write can be on the host only once loop has it; a PREFLUSH write's data goes to loop only
    // after its preflush completed and made everything completed before it durable (R4).
    const reached = (q: TraceRequest): boolean => q.completeT >= 0 || (this.dataAt.get(q.id) ?? Infinity) < index
    const writes = trace.filter((q) => (q.op === 'write' || q.op === 'discard') && reached(q)).map((q) => this.exWrite(q))
    const view = model === 'power-loss' ? this.durableImage(s) : hostVisible(s)
    const volatile = model === 'atomic-snapshot' ? writes.filter((w) => w.completeT < 0) : writes
    // The base of a block a volatile write touches, with the write that put it there (for ordering).
    const touched = new Set<number>()
    for (const w of volatile) for (const b of w.blocks) touched.add(b)
    // Keyed by version × 2^24 + block: exact while versions stay below 2^29 and devices below 2^24 blocks.
    const carrier = new Map<number, ExWrite>()
    for (const w of writes) {
      for (let i = 0; i < w.blocks.length; i++) {
        const b = w.blocks[i] as number
        if (touched.has(b)) carrier.set((w.versions[i] as number) * 16777216 + b, w)
      }
    }
    const base = new Map<number, BaseBlock>()
    for (const b of touched) {
      const v = view[b] as number
      const by = carrier.get(v * 16777216 + b)
      base.set(b, { version: v, writer: by ? by.id : -1, writerSubmitT: by ? by.submitT : -1 })
    }
    return { model, t, event: index, base, initial: (b) => view[b] ?? Data.ZERO, writes: volatile }
  }

  /**
   * What survives power loss for sure, block by block, through the committed host metadata: a
   * committed hole or unwritten extent reads as zeros; a committed written extent reads as the
   * newest data version the rules made durable, or, if none was, as whatever the host disk held
   * there before: the image's initial contents, or stale data of another file for a block that
   * was a hole (the 2003 hazard).
   */
  private durableImage(s: ViewState): Int32Array {
    const n = this.run.config.stack.deviceBlocks
    const zeros = this.indexes().zeros
    const allocated = (this.allocated ??= allocatedFn(this.run.config.stack))
    const out = new Int32Array(n)
    for (let b = 0; b < n; b++) {
      const v = s.durableLatest[b] as number
      if (s.diskExtent[b] !== Extent.WRITTEN) out[b] = zeros.has(v) ? v : Data.ZERO
      else if (v > 0 && !zeros.has(v)) out[b] = v
      else out[b] = allocated(b) ? Data.INITIAL : Data.STALE
    }
    return out
  }

  private blockSnapshot(s: ViewState, index: number): CrashInput {
    const r = this.run.requests
    const n = this.run.config.stack.deviceBlocks
    const view = new Int32Array(n)
    for (let b = 0; b < n; b++) {
      const cached = s.diskCache[b] as number
      view[b] = s.diskExtent[b] === Extent.WRITTEN ? (cached !== NOT_CACHED ? cached : (s.media[b] as number)) : Data.ZERO
    }
    const writes: ExWrite[] = []
    for (const id of this.diskIds) {
      if ((r.submitEv[id] as number) >= index) break
      const done = (r.completeEv[id] as number) >= 0 && (r.completeEv[id] as number) < index
      const first = r.block[id] as number
      if (done || first >= n) continue
      const count = Math.min(r.count[id] as number, n - first)
      writes.push({
        id,
        blocks: Array.from({ length: count }, (_, i) => first + i),
        versions: Array.from({ length: count }, (_, i) => r.version(id, i)),
        submitT: r.submitT[id] as number,
        completeT: -1,
      })
    }
    return { model: 'block-snapshot', t: s.t, event: index, base: new Map(), initial: (b) => view[b] ?? Data.ZERO, writes }
  }

  /** A copy starting at the instant, reading one block every `nsPerBlock` in scan order. */
  private fuzzyCopy(index: number, nsPerBlock: number, order: 'ascending' | 'descending' | 'random'): CrashInput {
    const log = this.run.log
    return this.fuzzyFrom(index > 0 ? (log.time[index - 1] as number) : 0, index, nsPerBlock, order)
  }

  /**
   * Start times at which a copy's image can change: a block's read moves past a change of that
   * block when the start crosses (change time − the block's position in the scan × time per block).
   */
  fuzzyStarts(): number[] {
    const { order, nsPerBlock } = this.fuzzyScan()
    const n = this.run.config.stack.deviceBlocks
    const log = this.run.log
    const kinds = new Set<number>([Ev.PAGE_DIRTY, Ev.PAGE_DROP, Ev.PAGE_FILL, Ev.CACHE_PUT, Ev.MEDIA_WRITE, Ev.DESTAGE, Ev.EXTENT])
    const starts = new Set<number>([0])
    for (let i = 0; i < log.length; i++) {
      const k = log.kind[i] as number
      if (!kinds.has(k)) continue
      const block = k === Ev.PAGE_DIRTY || k === Ev.PAGE_DROP || k === Ev.PAGE_FILL ? (log.b[i] as number) : (log.a[i] as number)
      if ((k === Ev.PAGE_DIRTY || k === Ev.PAGE_DROP || k === Ev.PAGE_FILL) && log.a[i] !== Layer.HOST_CACHE) continue
      if (block >= n) continue
      const pos = order === 'descending' ? n - 1 - block : block
      const s = (log.time[i] as number) - pos * nsPerBlock
      if (s >= 0) starts.add(s)
    }
    return [...starts].sort((a, b) => a - b)
  }

  /** The fuzzy copy that starts at time t0. */
  fuzzyAt(t0: number): CrashInput {
    const { order, nsPerBlock } = this.fuzzyScan()
    const log = this.run.log
    let index = 0
    while (index < log.length && (log.time[index] as number) <= t0) index++
    return this.fuzzyFrom(t0, index, nsPerBlock, order)
  }

  private fuzzyFrom(t0: number, index: number, nsPerBlock: number, order: 'ascending' | 'descending' | 'random'): CrashInput {
    const n = this.run.config.stack.deviceBlocks
    const log = this.run.log
    const scan = Array.from({ length: n }, (_, i) => (order === 'descending' ? n - 1 - i : i))
    const read = new Int32Array(n)
    const forward = new Replay(this.run, undefined, 'storage')
    let at = index
    scan.forEach((b, k) => {
      const tk = t0 + k * nsPerBlock
      while (at < log.length && (log.time[at] as number) <= tk) at++
      read[b] = hostVisible(forward.seek(at))[b] as number
    })
    return { model: 'fuzzy-copy', t: t0, event: index, base: new Map(), initial: (b) => read[b] ?? Data.ZERO, writes: [] }
  }
}

function toExWrite(q: TraceRequest): ExWrite {
  const w: ExWrite = {
    id: q.id,
    blocks: Array.from({ length: q.count }, (_, i) => q.block + i),
    versions: q.versions ?? Array.from({ length: q.count }, () => q.id),
    submitT: q.submitT,
    completeT: q.completeT,
  }
  if (q.label !== undefined) w.label = q.label
  return w
}

/** What a reader of the backing file sees: the host page cache, else the disk through the extents. */
export function hostVisible(s: ViewState): Int32Array {
  const n = s.hostPageState.length
  const out = new Int32Array(n)
  for (let b = 0; b < n; b++) {
    if (s.hostPageState[b] !== PAGE.ABSENT) out[b] = s.hostPageVer[b] as number
    else if (s.memExtent[b] !== Extent.WRITTEN) out[b] = Data.ZERO
    else {
      const cached = s.diskCache[b] as number
      out[b] = cached !== NOT_CACHED ? cached : (s.media[b] as number)
    }
  }
  return out
}
