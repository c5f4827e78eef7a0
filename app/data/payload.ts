/**
 * What the engine worker sends the page after a run: the event log and request table as bare
 * typed arrays (transferred, not copied), plus the small facts every view needs. The page never
 * re-runs the engine; it folds this log (Replay) and draws these columns.
 */
import type { Lane, Metrics, NarratedStep, RunConfig, RunResult, Verdict } from '../../src/engine'
import type { ScenarioMeta } from '../../src/scenarios'
import { jumpTargets, type Jumps } from './jumps'
import { cacheSeries, type Series } from './series'

export interface LogColumns {
  length: number
  kind: Uint8Array
  time: Float64Array
  a: Int32Array
  b: Int32Array
  c: Int32Array
}

export interface RequestColumns {
  length: number
  layer: Uint8Array
  op: Uint8Array
  flags: Int32Array
  block: Int32Array
  count: Int32Array
  parent: Int32Array
  lane: Int32Array
  submitT: Float64Array
  startT: Float64Array
  completeT: Float64Array
  status: Int32Array
  submitEv: Int32Array
  completeEv: Int32Array
}

/**
 * What the timeline and playback read: an event log the playhead moves over and the requests as
 * columns. An engine run's payload is one (RunPayload); so is an imported block trace's
 * (app/trace/tracePayload.ts), whose log is the trace's submit, issue and complete events.
 */
export interface TimelinePayload {
  scenario: Pick<ScenarioMeta, 'id' | 'title' | 'summary' | 'source' | 'variants'>
  variant: string
  events: number
  log: LogColumns
  requests: RequestColumns
  labels: Record<string, number>
  /** Named lanes: loop workers in a run, devices in a trace. */
  workerLanes: Lane[]
  /** Where the playhead can jump (computed here, off the main thread). */
  jumps: Jumps
  /** Set for an imported block trace: what the requests are on the traced devices. */
  trace?: TraceColumns
}

/** Per request of an imported trace (indexed by request id, like RequestColumns). */
export interface TraceColumns {
  /** "major,minor" of each lane's device, by lane. */
  laneDevice: string[]
  /** RWBS as submitted; "FN" for a flush the block layer issued itself. */
  rwbs: string[]
  comm: Array<string | null>
  /** 512-byte sectors (a Float64Array: sector numbers pass 2^31 on big disks). */
  sector: Float64Array
  sectors: Float64Array
  /** 1-based line of the trace where the request first shows. */
  line: Int32Array
}

export interface RunPayload extends TimelinePayload {
  seed: number
  config: RunConfig
  stop: string
  hash: string
  verdicts: Verdict[]
  metrics: Metrics
  narration: NarratedStep[]
  series: Series
  /** Set when the run has a guest file system (its checker runs on crash images). */
  hasFs: boolean
}

function logColumns(run: RunResult): LogColumns {
  const l = run.log
  const n = l.length
  return { length: n, kind: l.kind.slice(0, n), time: l.time.slice(0, n), a: l.a.slice(0, n), b: l.b.slice(0, n), c: l.c.slice(0, n) }
}

function requestColumns(run: RunResult): RequestColumns {
  const r = run.requests
  const n = r.length
  return {
    length: n,
    layer: r.layer.slice(0, n),
    op: r.op.slice(0, n),
    flags: r.flags.slice(0, n),
    block: r.block.slice(0, n),
    count: r.count.slice(0, n),
    parent: r.parent.slice(0, n),
    lane: r.lane.slice(0, n),
    submitT: r.submitT.slice(0, n),
    startT: r.startT.slice(0, n),
    completeT: r.completeT.slice(0, n),
    status: r.status.slice(0, n),
    submitEv: r.submitEv.slice(0, n),
    completeEv: r.completeEv.slice(0, n),
  }
}

export function buildPayload(run: RunResult, meta: ScenarioMeta, variant: string, narration: NarratedStep[]): RunPayload {
  const { id, title, summary, source, variants } = meta
  const log = logColumns(run)
  const requests = requestColumns(run)
  return {
    scenario: { id, title, summary, source, variants },
    variant,
    seed: run.seed,
    config: run.config,
    stop: run.stop,
    events: run.events,
    hash: run.hash,
    log,
    requests,
    labels: run.labels,
    workerLanes: run.workerLanes,
    verdicts: run.verdicts,
    metrics: run.metrics,
    narration,
    series: cacheSeries(run),
    jumps: jumpTargets({ log, requests }),
    hasFs: run.fs !== null,
  }
}

/** The buffers to transfer with a payload (copies made above, so the worker keeps its run). */
export function transferables(p: RunPayload): ArrayBuffer[] {
  const cols = [p.log.kind, p.log.time, p.log.a, p.log.b, p.log.c, ...Object.values(p.requests).filter((v) => ArrayBuffer.isView(v))]
  return [...cols.map((c) => (c as ArrayBufferView).buffer as ArrayBuffer), p.series.guestPages.buffer, p.series.hostPages.buffer, p.series.ios.buffer, p.series.wakeups.buffer, ...Object.values(p.jumps).map((j) => j.buffer)] as ArrayBuffer[]
}
