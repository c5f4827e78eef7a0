/**
 * An imported block trace as the timeline reads a run: its requests as columns (a lane per
 * device, and one per device for the flushes the block layer issued itself), times relative to
 * the start of the trace, and an event log of every submission, issue and completion in time
 * order, so the playhead indexes the trace's own events. Built in the worker.
 */
import { Ev, Flag, Layer, Op } from '../../src/engine'
import {
  submitTime,
  type BlockRequest,
  type BlockTrace,
  type Op as TraceOp,
} from '../../src/formats'
import { jumpTargets } from '../data/jumps'
import type { LogColumns, RequestColumns, TimelinePayload, TraceColumns } from '../data/payload'

export interface TracePayload extends TimelinePayload {
  trace: TraceColumns
}

/**
 * The engine's operation codes for the colours and the jumps. "other" (zoned operations, an
 * empty request that is no flush) has no engine code: it is drawn in the colour family of
 * discards and the like, and its RWBS says what it is.
 */
const OP_CODE: Record<TraceOp, number> = {
  write: Op.WRITE,
  read: Op.READ,
  flush: Op.FLUSH,
  discard: Op.DISCARD,
  'write-zeroes': Op.WRITE_ZEROES,
  other: Op.FALLOCATE,
}

const MAX_I32 = 2 ** 31 - 1

interface Placed {
  r: BlockRequest
  lane: number
  submit: number
}

function flagsOf(r: BlockRequest): number {
  return (
    (r.preflush ? Flag.PREFLUSH : 0) |
    (r.fua ? Flag.FUA : 0) |
    (r.sync ? Flag.SYNC : 0) |
    (r.meta ? Flag.META : 0) |
    (r.proxy ? Flag.FLUSH_RQ : 0)
  )
}

/** Lanes: each device's requests, then its block-layer flushes if it issued any. */
function placeRequests(trace: BlockTrace): {
  placed: Placed[]
  laneNames: string[]
  laneDevice: string[]
} {
  const placed: Placed[] = []
  const laneNames: string[] = []
  const laneDevice: string[] = []
  for (const d of trace.devices) {
    const bios = laneNames.length
    laneNames.push(d.dev)
    laneDevice.push(d.dev)
    const proxies = d.requests.some((r) => r.proxy) ? laneNames.length : -1
    if (proxies >= 0) {
      // Named after block/blk-flush.c, which issues them; short enough for the lane gutter.
      laneNames.push(`${d.dev} · blk-flush`)
      laneDevice.push(d.dev)
    }
    for (const r of d.requests)
      placed.push({
        r,
        lane: r.proxy ? proxies : bios,
        submit: submitTime(r, trace.startT) - trace.startT,
      })
  }
  // Ids in submission order over the whole trace: the timeline and its idle-gap finder rely on it.
  placed.sort((a, b) => a.submit - b.submit || a.lane - b.lane || a.r.id - b.r.id)
  return { placed, laneNames, laneDevice }
}

function requestColumns(n: number): RequestColumns {
  return {
    length: n,
    layer: new Uint8Array(n),
    op: new Uint8Array(n),
    flags: new Int32Array(n),
    block: new Int32Array(n),
    count: new Int32Array(n),
    parent: new Int32Array(n),
    lane: new Int32Array(n),
    submitT: new Float64Array(n),
    startT: new Float64Array(n).fill(-1),
    completeT: new Float64Array(n).fill(-1),
    status: new Int32Array(n),
    submitEv: new Int32Array(n).fill(-1),
    completeEv: new Int32Array(n).fill(-1),
  }
}

/** Request ids whose time in `t` is set (not -1), sorted by that time, then id. */
function byTime(t: Float64Array): Int32Array {
  const ids: number[] = []
  let sorted = true
  for (let id = 1; id < t.length; id++) {
    if ((t[id] as number) < 0) continue
    // Ids run in submission order, and most requests are issued (or complete) in that order too:
    // when all are, the sort and its comparator calls are skipped.
    if (sorted && ids.length > 0 && (t[ids[ids.length - 1] as number] as number) > (t[id] as number)) sorted = false
    ids.push(id)
  }
  if (!sorted) ids.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b)
  return Int32Array.from(ids)
}

/** 1, 2, ... n. */
function counting(n: number): Int32Array {
  const ids = new Int32Array(n)
  for (let i = 0; i < n; i++) ids[i] = i + 1
  return ids
}

/**
 * The log: per request a SUBMIT, a START (issued to the driver) when the trace shows one, and a
 * COMPLETE when it completed; in time order, ties by kind (submissions first) then request id,
 * so the order is total and the same on every import. Ids already run in submission order, so
 * three sorted streams are merged rather than every event sorted.
 */
function eventLog(q: RequestColumns): LogColumns {
  const n = q.length
  const streams = [
    { kind: Ev.SUBMIT, t: q.submitT, ids: counting(n - 1) },
    { kind: Ev.START, t: q.startT, ids: byTime(q.startT) },
    { kind: Ev.COMPLETE, t: q.completeT, ids: byTime(q.completeT) },
  ]
  const m = streams.reduce((k, s) => k + s.ids.length, 0)
  const log: LogColumns = {
    length: m,
    kind: new Uint8Array(m),
    time: new Float64Array(m),
    a: new Int32Array(m),
    b: new Int32Array(m),
    c: new Int32Array(m),
  }
  const at = [0, 0, 0]
  for (let i = 0; i < m; i++) {
    // The stream whose next event comes first (streams are in kind order, so ties go to the earlier kind).
    let best = -1
    let bt = Infinity
    let bid = 0
    for (let k = 0; k < 3; k++) {
      const s = streams[k] as (typeof streams)[number]
      const j = at[k] as number
      if (j >= s.ids.length) continue
      const id = s.ids[j] as number
      const t = s.t[id] as number
      if (best < 0 || t < bt) {
        best = k
        bt = t
        bid = id
      }
    }
    const s = streams[best] as (typeof streams)[number]
    at[best] = (at[best] as number) + 1
    log.kind[i] = s.kind
    log.time[i] = bt
    log.a[i] = bid
    if (s.kind === Ev.SUBMIT) {
      log.b[i] = Layer.GUEST_BLK
      log.c[i] = q.op[bid] as number
      q.submitEv[bid] = i
    } else if (s.kind === Ev.START) log.b[i] = q.lane[bid] as number
    else {
      log.b[i] = q.status[bid] as number
      q.completeEv[bid] = i
    }
  }
  return log
}

/**
 * The payload, and the payload id of every traced request (the explorer's answers name requests
 * by these ids, so the page can point at them on the timeline).
 */
export function buildTracePayload(
  trace: BlockTrace,
  name: string,
): { payload: TracePayload; idOf: Map<BlockRequest, number> } {
  const { placed, laneNames, laneDevice } = placeRequests(trace)
  const n = placed.length + 1
  const q = requestColumns(n)
  const cols: TraceColumns = {
    laneDevice,
    rwbs: [''],
    comm: [null],
    sector: new Float64Array(n),
    sectors: new Float64Array(n),
    line: new Int32Array(n),
  }
  const idOf = new Map<BlockRequest, number>()
  placed.forEach(({ r, lane, submit }, i) => {
    const id = i + 1
    idOf.set(r, id)
    const rel = (t: number | null): number => (t === null ? -1 : Math.max(submit, t - trace.startT))
    q.layer[id] = Layer.GUEST_BLK
    q.op[id] = r.proxy ? Op.FLUSH : OP_CODE[r.op]
    q.flags[id] = flagsOf(r)
    const first = Math.floor(r.sector / 8)
    q.block[id] = Math.min(first, MAX_I32)
    q.count[id] =
      r.sectors > 0 ? Math.min(Math.ceil((r.sector + r.sectors) / 8) - first, MAX_I32) : 0
    q.lane[id] = lane
    q.submitT[id] = submit
    q.startT[id] = rel(r.issueT)
    q.completeT[id] = rel(r.completeT)
    q.status[id] = r.error === 0 ? 0 : -Math.abs(r.error)
    cols.rwbs.push(r.rwbs)
    cols.comm.push(r.comm)
    cols.sector[id] = r.sector
    cols.sectors[id] = r.sectors
    cols.line[id] = r.line
  })
  const log = eventLog(q)
  const payload: TracePayload = {
    scenario: { id: 'trace', title: name, summary: '', source: name, variants: [] },
    variant: '',
    events: log.length,
    log,
    requests: q,
    labels: {},
    workerLanes: laneNames.map((name, lane) => ({ lane, name })),
    jumps: jumpTargets({ log, requests: q }),
    trace: cols,
  }
  return { payload, idOf }
}

/** The buffers to transfer with a trace payload. */
export function traceTransferables(p: TracePayload): ArrayBuffer[] {
  const views = [
    p.log.kind,
    p.log.time,
    p.log.a,
    p.log.b,
    p.log.c,
    ...Object.values(p.requests).filter((v) => ArrayBuffer.isView(v)),
    p.trace.sector,
    p.trace.sectors,
    p.trace.line,
    ...Object.values(p.jumps),
  ]
  return views.map((v) => (v as ArrayBufferView).buffer as ArrayBuffer)
}
