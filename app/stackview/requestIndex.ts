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

/** Keep the stored active sets under about this many request ids in all (4 bytes each). */
const CHECKPOINT_IDS = 4_000_000
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
  readonly flush = new Map<number, FlushSeq>()
  readonly labels = new Map<number, string>()
  /** Some page of the guest page cache was used in the run. */
  readonly guestCacheUsed: boolean
  readonly hostCacheUsed: boolean
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
    for (const [k, v] of Object.entries(p.labels)) if (!this.labels.has(v)) this.labels.set(v, k)
    let guest = false
    let host = false
    let fs = false
    // Pass 1: starts, flush steps, what the run used, and the number of active requests at each
    // event (to pick a checkpoint interval that bounds memory).
    const activeAt = new Int32Array(n + 1)
    let active = 0
    for (let i = 0; i < n; i++) {
      const k = log.kind[i] as number
      const a = log.a[i] as number
      if (k === Ev.SUBMIT) active++
      else if (k === Ev.COMPLETE) active--
      else if (k === Ev.START) {
        if (this.startEv[a] === -1) {
          this.startEv[a] = i
          this.startLane[a] = log.b[i] as number
        }
        this.layerStarts[requests.layer[a] as number] = true
      } else if (k === Ev.FLUSH_STEP) {
        let seq = this.flush.get(a)
        if (!seq) this.flush.set(a, (seq = { ev: [], step: [], mask: 0 }))
        const step = log.b[i] as number
        seq.ev.push(i)
        seq.step.push(step)
        seq.mask |= step
      } else if (k === Ev.PAGE_DIRTY || k === Ev.PAGE_FILL || k === Ev.PAGE_WRITEBACK) {
        if (a === Layer.GUEST_CACHE) guest = true
        else host = true
      } else if (k === Ev.EXTENT || k === Ev.TXN_COMMIT) fs = true
      activeAt[i + 1] = active
    }
    this.guestCacheUsed = guest
    this.hostCacheUsed = host
    this.hostFsUsed = fs
    let interval = MIN_INTERVAL
    for (;;) {
      let total = 0
      for (let i = 0; i <= n; i += interval) total += activeAt[i] as number
      if (total <= CHECKPOINT_IDS || interval >= n) break
      interval *= 2
    }
    this.interval = interval
    // Pass 2: the active set at every multiple of the interval.
    const set = new Set<number>()
    for (let i = 0; i <= n; i++) {
      if (i % interval === 0) this.checkpoints.push(Int32Array.from(set))
      if (i === n) break
      const k = log.kind[i] as number
      if (k === Ev.SUBMIT) set.add(log.a[i] as number)
      else if (k === Ev.COMPLETE) set.delete(log.a[i] as number)
    }
  }

  /** Requests submitted and not completed after the first `index` events, in submission order. */
  activeAt(index: number): number[] {
    const { log } = this.p
    const at = Math.max(0, Math.min(index, this.p.events, log.length))
    const k = Math.min(Math.floor(at / this.interval), this.checkpoints.length - 1)
    const set = new Set<number>(this.checkpoints[k])
    for (let i = k * this.interval; i < at; i++) {
      const kind = log.kind[i] as number
      if (kind === Ev.SUBMIT) set.add(log.a[i] as number)
      else if (kind === Ev.COMPLETE) set.delete(log.a[i] as number)
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
    for (let j = 0; j < seq.ev.length && (seq.ev[j] as number) < index; j++) step = seq.step[j] as number
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

export const FLUSH_STEPS = [FlushStep.PREFLUSH, FlushStep.DATA, FlushStep.POSTFLUSH, FlushStep.DONE] as const
