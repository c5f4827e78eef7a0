/**
 * Lookups the stack view needs at every playhead position, built once per run by one pass over
 * the log: when each request started (the payload stores submit and complete events only), which
 * requests are between submission and completion at any event index (from checkpoints, so a
 * frame costs at most one checkpoint interval of log records), and the blk-flush steps of every
 * request that went through the flush state machine.
 */
import { Ev, FlushStep, Layer } from '../../src/engine'
import type { RunPayload } from '../data/payload'

type Source = Pick<RunPayload, 'log' | 'requests' | 'events' | 'labels'>

/** Keep the stored active sets under about this many request ids in all (4 bytes each, one buffer). */
const CHECKPOINT_IDS = 2_000_000
const MIN_INTERVAL = 256
/** Events after a completion during which the request is shown as "just completed". */
export const RECENT_EVENTS = 8

export interface FlushSeq {
  /** Event indexes (0-based log positions) of this request's FLUSH_STEP records, ascending. */
  ev: number[]
  /** The step each record moved to (FlushStep). */
  step: number[]
  /** Every step the sequence went through in the whole run (bit mask of FlushStep). */
  mask: number
}

export class RequestIndex {
  /** Log position of each request's START record, or -1 if it never started. */
  readonly startEv: Int32Array
  /** Lane of the START record (the loop worker that picked the request up), or -1. */
  readonly startLane: Int32Array
  /** Layers that have START records at all; requests of other layers are in flight once submitted. */
  readonly layerStarts: boolean[]
  /** Layers with at least one request in the run (the others show no request row). */
  readonly layerUsed: boolean[]
  readonly flush = new Map<number, FlushSeq>()
  readonly labels = new Map<number, string>()
  /** Some page of the guest page cache was used in the run. */
  readonly guestCacheUsed: boolean
  /** The host file system changed an extent or committed a transaction in the run. */
  readonly hostFsUsed: boolean
  readonly interval: number
  private readonly checkpoints: Int32Array[] = []

  constructor(private readonly p: Source) {
    const { log, requests } = p
    const n = Math.min(p.events, log.length)
    this.startEv = new Int32Array(requests.length).fill(-1)
    this.startLane = new Int32Array(requests.length).fill(-1)
    this.layerStarts = new Array<boolean>(8).fill(false)
    this.layerUsed = new Array<boolean>(8).fill(false)
    for (let id = 1; id < requests.length; id++)
      if ((requests.submitEv[id] as number) >= 0)
        this.layerUsed[requests.layer[id] as number] = true
    for (const [k, v] of Object.entries(p.labels)) if (!this.labels.has(v)) this.labels.set(v, k)
    let guest = false
    let fs = false
    // One pass over the log: starts, flush steps, and what the run used. Hot loops read constants
    // from locals: imported bindings can cost a lookup per iteration.
    const START = Ev.START
    const FLUSH_STEP = Ev.FLUSH_STEP
    const PAGE_DIRTY = Ev.PAGE_DIRTY
    const PAGE_FILL = Ev.PAGE_FILL
    const PAGE_WRITEBACK = Ev.PAGE_WRITEBACK
    const EXTENT = Ev.EXTENT
    const TXN_COMMIT = Ev.TXN_COMMIT
    const GUEST_CACHE = Layer.GUEST_CACHE
    const kinds = log.kind
    const as = log.a
    for (let i = 0; i < n; i++) {
      const k = kinds[i] as number
      if (k === START) {
        const a = as[i] as number
        if (this.startEv[a] === -1) {
          this.startEv[a] = i
          this.startLane[a] = log.b[i] as number
        }
        this.layerStarts[requests.layer[a] as number] = true
      } else if (k === FLUSH_STEP) {
        const a = as[i] as number
        let seq = this.flush.get(a)
        if (!seq) this.flush.set(a, (seq = { ev: [], step: [], mask: 0 }))
        const step = log.b[i] as number
        seq.ev.push(i)
        seq.step.push(step)
        seq.mask |= step
      } else if (k === PAGE_DIRTY || k === PAGE_FILL || k === PAGE_WRITEBACK) {
        if (as[i] === GUEST_CACHE) guest = true
      } else if (k === EXTENT || k === TXN_COMMIT) fs = true
    }
    this.guestCacheUsed = guest
    this.hostFsUsed = fs
    // Checkpoints from the request table: request r is active at the positions i with
    // submitEv < i <= completeEv (or to the end if it never completes), so it belongs to the
    // checkpoints k with k * interval in that range. Pick the interval that bounds memory, count
    // per checkpoint, then fill one buffer in id order (submission order).
    const { submitEv, completeEv } = requests
    const last = (id: number) => {
      const c = completeEv[id] as number
      return c >= 0 ? Math.min(c, n) : n
    }
    let interval = MIN_INTERVAL
    for (;;) {
      let total = 0
      for (let id = 1; id < requests.length; id++) {
        const s0 = submitEv[id] as number
        if (s0 >= 0)
          total += Math.max(0, Math.floor(last(id) / interval) - Math.floor(s0 / interval))
      }
      if (total <= CHECKPOINT_IDS || interval >= n) break
      interval *= 2
    }
    this.interval = interval
    const slots = Math.floor(n / interval) + 1
    const start = new Int32Array(slots + 1)
    for (let id = 1; id < requests.length; id++) {
      const s0 = submitEv[id] as number
      if (s0 < 0) continue
      for (let k = Math.floor(s0 / interval) + 1; k <= Math.floor(last(id) / interval); k++)
        start[k + 1] = (start[k + 1] as number) + 1
    }
    for (let k = 0; k < slots; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number)
    const ids = new Int32Array(start[slots] as number)
    const fill = start.slice(0, slots)
    for (let id = 1; id < requests.length; id++) {
      const s0 = submitEv[id] as number
      if (s0 < 0) continue
      for (let k = Math.floor(s0 / interval) + 1; k <= Math.floor(last(id) / interval); k++) {
        ids[fill[k] as number] = id
        fill[k] = (fill[k] as number) + 1
      }
    }
    for (let k = 0; k < slots; k++)
      this.checkpoints.push(ids.subarray(start[k] as number, start[k + 1] as number))
  }

  /** Requests submitted and not completed after the first `index` events, in submission order. */
  activeAt(index: number): number[] {
    const { log } = this.p
    const at = Math.max(0, Math.min(index, this.p.events, log.length))
    const k = Math.min(Math.floor(at / this.interval), this.checkpoints.length - 1)
    const set = new Set<number>(this.checkpoints[k])
    const SUBMIT = Ev.SUBMIT
    const COMPLETE = Ev.COMPLETE
    for (let i = k * this.interval; i < at; i++) {
      const kind = log.kind[i] as number
      if (kind === SUBMIT) set.add(log.a[i] as number)
      else if (kind === COMPLETE) set.delete(log.a[i] as number)
    }
    return Array.from(set).sort((x, y) => x - y)
  }

  /** Requests that completed in the last `window` events before `index`, with how many events ago. */
  recentAt(index: number, window = RECENT_EVENTS): Array<{ id: number; age: number }> {
    const { log } = this.p
    const at = Math.max(0, Math.min(index, this.p.events, log.length))
    const out: Array<{ id: number; age: number }> = []
    for (let i = at - 1; i >= 0 && i >= at - window; i--) {
      if (log.kind[i] === Ev.COMPLETE) out.push({ id: log.a[i] as number, age: at - 1 - i })
    }
    return out
  }

  /** Started after the first `index` events (for layers without START records: once submitted). */
  started(id: number, index: number): boolean {
    const s = this.startEv[id] as number
    if (s >= 0) return s < index
    return !this.layerStarts[this.p.requests.layer[id] as number]
  }

  /** The flush step a request is at after the first `index` events, or 0 before its first step. */
  flushStepAt(id: number, index: number): number {
    const seq = this.flush.get(id)
    if (!seq) return 0
    let step = 0
    for (let j = 0; j < seq.ev.length && (seq.ev[j] as number) < index; j++)
      step = seq.step[j] as number
    return step
  }
}

const cache = new WeakMap<object, RequestIndex>()

/** The index of a run, built on first use and kept as long as the run is. */
export function requestIndexOf(run: { p: Source }): RequestIndex {
  let x = cache.get(run)
  if (!x) cache.set(run, (x = new RequestIndex(run.p)))
  return x
}

export const FLUSH_STEPS = [
  FlushStep.PREFLUSH,
  FlushStep.DATA,
  FlushStep.POSTFLUSH,
  FlushStep.DONE,
] as const
