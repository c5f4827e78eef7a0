/**
 * An engine run as a Chrome Trace Event Format document (the JSON object form), for Perfetto
 * (ui.perfetto.dev) and chrome://tracing. What goes where, and why:
 *
 * - One process per layer of the stack (pid = layer + 1, named by a process_name M event), so
 *   the layers stack top to bottom; the loop process also has one thread per worker lane (its busy
 *   periods, B/E) and one for the request queue (frozen during a DIO mode switch).
 * - Each request is an async slice (b/e, cat = its layer's name, id = its request id) from submit
 *   to completion, with the queued part (submit to start, when it waited) nested inside it. A
 *   request still in flight when the run stopped ends at the end of the run with
 *   args.unfinished. Async slices, because requests of one layer overlap and Perfetto requires
 *   B/E slices on one thread to nest.
 * - The slice name is the operation and its flags ("WRITE [FUA SYNC]"); block, count, flags,
 *   status and label are args. Perfetto names an async track after its first slice and merges a
 *   process's tracks that share a name into one packed track, so a name per request
 *   ("WRITE 5+2") would give one track per request (300k for double-cache); the range is in
 *   args.range instead.
 * - Arrows between layers are flow events of the second kind (bind_id with flow_out on the cause,
 *   flow_in on the effect), the kind Perfetto attaches to async slices: v1 flow events (s/f) bind
 *   only to slices on thread tracks. A request with children starts a flow with its own id; a
 *   child ends it (several children may end the same flow). The causes are requests.parent (a
 *   bio and its driver request, a writeback and its disk write) and, for the flush request the
 *   blk-flush machine issues (FLUSH_ISSUE), the bios it serves, found again from the log as
 *   blk_kick_flush found them: the bios parked at PREFLUSH or POSTFLUSH since the last flush. An
 *   event binds one flow, so a request that is both a cause and an effect, or the effect of
 *   several causes, takes its incoming arrows on n (async instant) events inside its slice.
 * - blk-flush steps of a bio (FLUSH_STEP) are n events on its slice.
 * - Counters (C): pages in the guest and host page caches (cached, dirty, under writeback, as
 *   PAGE_DIRTY, PAGE_FILL, PAGE_WRITEBACK, PAGE_CLEAN and PAGE_DROP move them), and blocks in the
 *   disk's volatile write cache (CACHE_PUT in, DESTAGE and MEDIA_WRITE out). One value per
 *   counter per instant.
 * - Global instants (i, s "g") for outside events (power loss, snapshots, fuzzy copy) and DIO
 *   mode changes; process instants for loop ioctls and host journal commits.
 *
 * Timestamps: engine times are integer nanoseconds; ts is in microseconds (ns / 1000, fractional)
 * whatever displayTimeUnit says: displayTimeUnit ("ns") only sets how the viewer prints times
 * (Perfetto since 2022, google/perfetto#274). Events come out in time order, and at one instant
 * in the order of the engine's log, so every b precedes its e and every flow starts before it
 * ends, in the array and in the order Perfetto sorts by (ts, then position).
 *
 * No event holds an array: older Perfetto tokenizers give up on an event whose keys before "ts"
 * hold one, and ts comes second anyway.
 */
import {
  DIO_REASON_NAMES,
  Ev,
  FLUSH_STEP_NAMES,
  FlushStep,
  Ioctl,
  LAYER_NAMES,
  Layer,
  OP_NAMES,
  OUTSIDE_NAMES,
  WAKE_FROM_IO,
  flagNames,
  type RunResult,
} from '../engine'

export interface ChromeTraceMeta {
  scenario: string
  variant: string
}

export type ArgValue = string | number | boolean

export interface TraceEvent {
  ph: 'b' | 'e' | 'n' | 'B' | 'E' | 'i' | 'C' | 'M'
  ts: number
  pid?: number
  tid?: number
  cat?: string
  id?: number
  name: string
  s?: 'g' | 'p' | 't'
  bind_id?: number
  flow_in?: boolean
  flow_out?: boolean
  args?: Record<string, ArgValue>
}

export interface ChromeTrace {
  traceEvents: TraceEvent[]
  displayTimeUnit: 'ns'
  metadata: Record<string, ArgValue>
}

/** Thread ids inside the loop process: the request queue, and worker lanes from LANE_TID. */
export const QUEUE_TID = 90
export const LANE_TID = 100

export const pidOf = (layer: number): number => layer + 1

/** The bios a flush request of each layer serves live one layer up. */
const BIO_LAYER_OF_FLUSH: Partial<Record<number, number>> = { [Layer.LOOP]: Layer.GUEST_BLK, [Layer.DISK]: Layer.HOST_BLK }

const IOCTL_NAMES: Record<number, string> = { [Ioctl.LOOP_SET_DIRECT_IO]: 'LOOP_SET_DIRECT_IO', [Ioctl.LOOP_SET_BLOCK_SIZE]: 'LOOP_SET_BLOCK_SIZE' }

const us = (ns: number): number => ns / 1000

function opLabel(op: number, flags: number): string {
  const names = flagNames(flags)
  return `${OP_NAMES[op] ?? `op ${op}`}${names.length > 0 ? ` [${names.join(' ')}]` : ''}`
}

/** What a run's requests caused, found before the events are written. */
interface Causes {
  /** Requests that other requests came from (children, or bios a flush served). */
  isCause: Uint8Array
  /** For each flush request of the blk-flush machine, the bios it served. */
  served: Map<number, number[]>
}

function causesOf(run: RunResult): Causes {
  const q = run.requests
  const n = q.length
  const isCause = new Uint8Array(n)
  for (let id = 1; id < n; id++) {
    const p = q.parent[id] as number
    if (p > 0 && p < n) isCause[p] = 1
  }
  const served = new Map<number, number[]>()
  const parked = new Map<number, number[]>()
  const log = run.log
  for (let i = 0; i < log.length; i++) {
    const kind = log.kind[i]
    if (kind === Ev.FLUSH_STEP) {
      const bio = log.a[i] as number
      const step = log.b[i] as number
      if (step !== FlushStep.PREFLUSH && step !== FlushStep.POSTFLUSH) continue
      const layer = q.layer[bio] as number
      const list = parked.get(layer)
      if (list) list.push(bio)
      else parked.set(layer, [bio])
    } else if (kind === Ev.FLUSH_ISSUE) {
      const flush = log.a[i] as number
      const bioLayer = BIO_LAYER_OF_FLUSH[q.layer[flush] as number]
      if (bioLayer === undefined) continue
      const list = parked.get(bioLayer) ?? []
      parked.set(bioLayer, [])
      // blk_kick_flush takes the whole pending list; a count that disagrees means the log is not
      // what this reading assumes, and no arrows are better than wrong ones.
      if (list.length !== (log.b[i] as number)) continue
      served.set(flush, list)
      for (const bio of list) isCause[bio] = 1
    }
  }
  return { isCause, served }
}

/** The pids and loop threads the trace uses, so each gets its name up front. */
function namesOf(run: RunResult): TraceEvent[] {
  const used = new Set<number>()
  const q = run.requests
  for (let id = 1; id < q.length; id++) if ((q.submitT[id] as number) >= 0) used.add(q.layer[id] as number)
  let queue = false
  const lanes = new Set<number>()
  const log = run.log
  for (let i = 0; i < log.length; i++) {
    switch (log.kind[i]) {
      case Ev.PAGE_DIRTY:
      case Ev.PAGE_FILL:
        used.add(log.a[i] as number)
        break
      case Ev.CACHE_PUT:
      case Ev.MEDIA_WRITE:
        used.add(Layer.DISK)
        break
      case Ev.WORKER_WAKE:
      case Ev.THROTTLE:
        used.add(Layer.LOOP)
        lanes.add(log.a[i] as number)
        break
      case Ev.FREEZE:
        used.add(Layer.LOOP)
        queue = true
        break
      case Ev.IOCTL:
        used.add(Layer.LOOP)
        break
      case Ev.TXN_COMMIT:
      case Ev.TXN_DURABLE:
        used.add(Layer.HOST_FS)
        break
    }
  }
  const out: TraceEvent[] = []
  for (const layer of [...used].sort((a, b) => a - b)) {
    out.push({ ph: 'M', ts: 0, pid: pidOf(layer), name: 'process_name', args: { name: LAYER_NAMES[layer] ?? `layer ${layer}` } })
    out.push({ ph: 'M', ts: 0, pid: pidOf(layer), name: 'process_sort_index', args: { sort_index: layer } })
  }
  if (queue) out.push({ ph: 'M', ts: 0, pid: pidOf(Layer.LOOP), tid: QUEUE_TID, name: 'thread_name', args: { name: 'request queue' } })
  const laneNames = new Map(run.workerLanes.map((l) => [l.lane, l.name]))
  for (const lane of [...lanes].sort((a, b) => a - b)) {
    out.push({ ph: 'M', ts: 0, pid: pidOf(Layer.LOOP), tid: LANE_TID + lane, name: 'thread_name', args: { name: laneNames.get(lane) ?? `worker ${lane}` } })
  }
  return out
}

const PAGE = { ABSENT: 0, CLEAN: 1, DIRTY: 2, WRITEBACK: 3, WRITEBACK_DIRTY: 4 } as const

/** One page cache's pages, followed through the log as the engine's PageCache moves them. */
class PageCount {
  readonly state = new Map<number, number>()
  cached = 0
  dirty = 0
  writeback = 0

  apply(kind: number, block: number): void {
    const s = this.state.get(block) ?? PAGE.ABSENT
    switch (kind) {
      case Ev.PAGE_DIRTY:
        if (s === PAGE.ABSENT) this.cached++
        if (s === PAGE.ABSENT || s === PAGE.CLEAN) {
          this.dirty++
          this.state.set(block, PAGE.DIRTY)
        } else if (s === PAGE.WRITEBACK) {
          this.dirty++
          this.state.set(block, PAGE.WRITEBACK_DIRTY)
        }
        return
      case Ev.PAGE_FILL:
        if (s === PAGE.ABSENT) {
          this.cached++
          this.state.set(block, PAGE.CLEAN)
        }
        return
      case Ev.PAGE_WRITEBACK:
        if (s === PAGE.DIRTY) {
          this.dirty--
          this.writeback++
          this.state.set(block, PAGE.WRITEBACK)
        }
        return
      case Ev.PAGE_CLEAN:
        if (s === PAGE.WRITEBACK) {
          this.writeback--
          this.state.set(block, PAGE.CLEAN)
        } else if (s === PAGE.WRITEBACK_DIRTY) {
          this.writeback--
          this.state.set(block, PAGE.DIRTY)
        }
        return
      case Ev.PAGE_DROP:
        if (s === PAGE.ABSENT) return
        if (s === PAGE.DIRTY) this.dirty--
        if (s === PAGE.WRITEBACK || s === PAGE.WRITEBACK_DIRTY) this.writeback--
        if (s === PAGE.WRITEBACK_DIRTY) this.dirty--
        this.cached--
        this.state.delete(block)
        return
    }
  }
}

/** When the run ended: the engine's clock at the stop, or the last record if later. */
export function endOfRun(run: RunResult): number {
  const last = run.log.length > 0 ? (run.log.time[run.log.length - 1] as number) : 0
  return Math.max(last, run.metrics.duration_ns)
}

/** The trace's events in time order, generated as the log is read (nothing is sorted or held). */
export function* chromeTraceEvents(run: RunResult): Generator<TraceEvent> {
  const q = run.requests
  const log = run.log
  const { isCause, served } = causesOf(run)
  const labels = new Map<number, string>()
  for (const [name, id] of Object.entries(run.labels)) labels.set(id, labels.has(id) ? `${labels.get(id) as string}, ${name}` : name)
  const laneNames = new Map(run.workerLanes.map((l) => [l.lane, l.name]))

  yield* namesOf(run)

  // Request state: 1 submitted, 2 queued part open, 3 completed.
  const state = new Uint8Array(q.length)
  const slice = (id: number): { pid: number; cat: string; id: number; name: string } => {
    const layer = q.layer[id] as number
    return { pid: pidOf(layer), cat: LAYER_NAMES[layer] ?? `layer ${layer}`, id, name: opLabel(q.op[id] as number, q.flags[id] as number) }
  }

  const caches = new Map<number, PageCount>()
  const diskCached = new Set<number>()
  const pending = new Map<string, TraceEvent>()
  let now = 0
  const flushCounters = function* (): Generator<TraceEvent> {
    for (const ev of pending.values()) yield ev
    pending.clear()
  }
  const cacheCounter = (layer: number, c: PageCount): void => {
    pending.set(`page:${layer}`, { ph: 'C', ts: us(now), pid: pidOf(layer), name: 'page cache', args: { cached: c.cached, dirty: c.dirty, writeback: c.writeback } })
  }
  const diskCounter = (): void => {
    pending.set('disk', { ph: 'C', ts: us(now), pid: pidOf(Layer.DISK), name: 'volatile write cache', args: { blocks: diskCached.size } })
  }

  // Worker lanes: busy from a wake-up with work until the list is empty; throttled inside that.
  const busy = new Set<number>()
  const throttled = new Set<number>()
  const laneTid = (lane: number): number => LANE_TID + lane
  let frozen = false

  const loopPid = pidOf(Layer.LOOP)
  for (let i = 0; i < log.length; i++) {
    const t = log.time[i] as number
    if (t > now) {
      yield* flushCounters()
      now = t
    }
    const ts = us(t)
    const kind = log.kind[i] as number
    const a = log.a[i] as number
    const b = log.b[i] as number
    switch (kind) {
      case Ev.SUBMIT: {
        if (state[a] !== 0) break
        state[a] = 1
        const s = slice(a)
        const args: Record<string, ArgValue> = {
          request: a,
          range: `${q.block[a]}+${q.count[a]}`,
          block: q.block[a] as number,
          count: q.count[a] as number,
          flags: flagNames(q.flags[a] as number).join('|'),
        }
        const parent = q.parent[a] as number
        if (parent > 0) args.parent = parent
        const label = labels.get(a)
        if (label !== undefined) args.label = label
        if (q.layer[a] === Layer.LOOP) args.worker = laneNames.get(q.lane[a] as number) ?? `lane ${q.lane[a]}`
        const flushed = served.get(a)
        if (flushed) args.serves = flushed.length
        const from = parent > 0 ? [parent] : (flushed ?? [])
        const begin: TraceEvent = { ph: 'b', ts, ...s, args }
        let rest = from
        if (isCause[a] === 1) {
          begin.bind_id = a
          begin.flow_out = true
        } else if (from.length === 1) {
          begin.bind_id = from[0] as number
          begin.flow_in = true
          rest = []
        }
        yield begin
        for (const src of rest) yield { ph: 'n', ts, ...s, name: parent > 0 ? `from #${src}` : `serves #${src}`, bind_id: src, flow_in: true }
        if ((q.startT[a] as number) > t) {
          state[a] = 2
          yield { ph: 'b', ts, ...s, name: 'queued' }
        }
        break
      }
      case Ev.START:
        if (state[a] === 2) {
          state[a] = 1
          yield { ph: 'e', ts, ...slice(a), name: 'queued' }
        }
        break
      case Ev.COMPLETE: {
        if (state[a] === 0 || state[a] === 3) break
        if (state[a] === 2) yield { ph: 'e', ts, ...slice(a), name: 'queued' }
        state[a] = 3
        yield { ph: 'e', ts, ...slice(a), args: { status: b } }
        break
      }
      case Ev.FLUSH_STEP:
        if (state[a] === 1 || state[a] === 2) yield { ph: 'n', ts, ...slice(a), name: `blk-flush ${FLUSH_STEP_NAMES[b] ?? b}` }
        break
      case Ev.PAGE_DIRTY:
      case Ev.PAGE_FILL:
      case Ev.PAGE_WRITEBACK:
      case Ev.PAGE_CLEAN:
      case Ev.PAGE_DROP: {
        let c = caches.get(a)
        if (!c) {
          c = new PageCount()
          caches.set(a, c)
        }
        c.apply(kind, b)
        cacheCounter(a, c)
        break
      }
      case Ev.CACHE_PUT:
        diskCached.add(a)
        diskCounter()
        break
      case Ev.DESTAGE:
      case Ev.MEDIA_WRITE:
        diskCached.delete(a)
        diskCounter()
        break
      case Ev.WORKER_WAKE:
        if (!busy.has(a)) {
          busy.add(a)
          yield { ph: 'B', ts, pid: loopPid, tid: laneTid(a), name: 'busy', args: { woke: b === WAKE_FROM_IO ? 'host I/O completed' : 'work arrived' } }
        } else if (b === WAKE_FROM_IO) {
          yield { ph: 'i', ts, pid: loopPid, tid: laneTid(a), s: 't', name: 'host I/O completed' }
        }
        break
      case Ev.WORKER_SLEEP:
        if (throttled.delete(a)) yield { ph: 'E', ts, pid: loopPid, tid: laneTid(a), name: 'throttled' }
        if (busy.delete(a)) yield { ph: 'E', ts, pid: loopPid, tid: laneTid(a), name: 'busy' }
        break
      case Ev.THROTTLE:
        if (b === 1 && !throttled.has(a)) {
          if (!busy.has(a)) {
            busy.add(a)
            yield { ph: 'B', ts, pid: loopPid, tid: laneTid(a), name: 'busy', args: { woke: 'throttled while asleep' } }
          }
          throttled.add(a)
          yield { ph: 'B', ts, pid: loopPid, tid: laneTid(a), name: 'throttled', args: { by: 'balance_dirty_pages' } }
        } else if (b === 0 && throttled.delete(a)) {
          yield { ph: 'E', ts, pid: loopPid, tid: laneTid(a), name: 'throttled' }
        }
        break
      case Ev.FREEZE:
        if (a === 1 && !frozen) {
          frozen = true
          yield { ph: 'B', ts, pid: loopPid, tid: QUEUE_TID, name: 'frozen', args: { why: 'blk_mq_freeze_queue for a mode switch' } }
        } else if (a === 0 && frozen) {
          frozen = false
          yield { ph: 'E', ts, pid: loopPid, tid: QUEUE_TID, name: 'frozen' }
        }
        break
      case Ev.OUTSIDE:
        yield { ph: 'i', ts, s: 'g', name: OUTSIDE_NAMES[a] ?? `outside event ${a}`, args: { index: b } }
        break
      case Ev.DIO_MODE:
        yield { ph: 'i', ts, s: 'g', name: `direct I/O ${a === 1 ? 'on' : 'off'}`, args: { reason: DIO_REASON_NAMES[b] ?? `reason ${b}` } }
        break
      case Ev.IOCTL:
        yield { ph: 'i', ts, pid: loopPid, s: 'p', name: IOCTL_NAMES[a] ?? `ioctl 0x${a.toString(16)}`, args: { result: b } }
        break
      case Ev.TXN_COMMIT:
        yield { ph: 'i', ts, pid: pidOf(Layer.HOST_FS), s: 'p', name: 'journal commit', args: { transaction: a, changes: b } }
        break
      case Ev.TXN_DURABLE:
        yield { ph: 'i', ts, pid: pidOf(Layer.HOST_FS), s: 'p', name: 'journal commit durable', args: { transaction: a, blocks: b } }
        break
    }
  }
  yield* flushCounters()

  // Whatever is still open ends with the run.
  const endT = endOfRun(run)
  const ts = us(endT)
  for (let id = 1; id < q.length; id++) {
    if (state[id] !== 1 && state[id] !== 2) continue
    if (state[id] === 2) yield { ph: 'e', ts, ...slice(id), name: 'queued' }
    yield { ph: 'e', ts, ...slice(id), args: { unfinished: true } }
  }
  for (const lane of [...throttled].sort((x, y) => x - y)) yield { ph: 'E', ts, pid: loopPid, tid: laneTid(lane), name: 'throttled' }
  for (const lane of [...busy].sort((x, y) => x - y)) yield { ph: 'E', ts, pid: loopPid, tid: laneTid(lane), name: 'busy' }
  if (frozen) yield { ph: 'E', ts, pid: loopPid, tid: QUEUE_TID, name: 'frozen' }
}

export function chromeTraceMetadata(run: RunResult, meta: ChromeTraceMeta): Record<string, ArgValue> {
  return {
    generator: 'loopscope',
    scenario: meta.scenario,
    variant: meta.variant,
    seed: run.seed,
    hash: run.hash,
    log_records: run.events,
    requests: run.requests.length - 1,
    stop: run.stop,
    duration_ns: endOfRun(run),
    time_unit: 'ts in microseconds (engine nanoseconds / 1000)',
  }
}

/** The whole trace as one object (small runs, tests). For big runs stream chromeTraceLines. */
export function chromeTraceOf(run: RunResult, meta: ChromeTraceMeta): ChromeTrace {
  return { traceEvents: [...chromeTraceEvents(run)], displayTimeUnit: 'ns', metadata: chromeTraceMetadata(run, meta) }
}

/**
 * The same trace as JSON text, one event per line: the lines joined with "\n" parse to what
 * chromeTraceOf gives. displayTimeUnit and metadata come before traceEvents so a reader that
 * streams the array has seen them first.
 */
export function* chromeTraceLines(run: RunResult, meta: ChromeTraceMeta): Generator<string> {
  yield `{"displayTimeUnit":"ns","metadata":${JSON.stringify(chromeTraceMetadata(run, meta))},"traceEvents":[`
  let prev: string | null = null
  for (const ev of chromeTraceEvents(run)) {
    if (prev !== null) yield `${prev},`
    prev = JSON.stringify(ev)
  }
  if (prev !== null) yield prev
  yield ']}'
}
