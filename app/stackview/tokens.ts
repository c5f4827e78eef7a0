/**
 * What the stack view draws at one playhead position, as plain data: for every layer the requests
 * queued, in flight and just completed (as tokens when few, as counts by kind when many), the
 * loop's in-flight requests per worker, the blk-flush sequences in progress, and the counts read
 * off the replayed state (page caches, host journal, disk cache, media).
 */
import { Flag, Layer, Op, type ViewState } from '../../src/engine'
import { Count, countTrackerOf } from '../blockmap/tracker'
import { describeRequest } from '../data/describe'
import type { LogColumns, RunPayload } from '../data/payload'
import { RECENT_EVENTS, type RequestIndex } from './requestIndex'

/** A group with at most this many requests shows one token each; a bigger one shows counts. */
export const MAX_TOKENS = 8

export type TokenKind = 'write' | 'read' | 'flush' | 'fua' | 'writeback' | 'other'

export interface Token {
  id: number
  /** Short text on the chip: "W 5", "FUA W 7", "FLUSH “sync”". */
  label: string
  kind: TokenKind
  /** The full sentence (tooltip and accessible name). */
  title: string
  /** Events since completion (done tokens only). */
  age: number
}

export interface KindCount {
  label: string
  kind: TokenKind
  n: number
}

export interface TokenGroup {
  total: number
  /** Every request of the group when total <= MAX_TOKENS, else empty. */
  tokens: Token[]
  /** Requests by kind when total > MAX_TOKENS, else empty. */
  counts: KindCount[]
}

export interface LayerActivity {
  queued: TokenGroup
  inflight: TokenGroup
  done: TokenGroup
}

export interface FlushRow {
  token: Token
  layer: number
  /** The step the sequence is at (FlushStep), DONE once finished. */
  step: number
  /** Steps the sequence goes through in the run (bit mask of FlushStep). */
  mask: number
  /** Events since the request completed, -1 while in progress. */
  age: number
}

export interface Activity {
  layers: LayerActivity[]
  /** The loop's started requests per worker lane. */
  lanes: Map<number, TokenGroup>
  flush: FlushRow[]
}

type Payload = Pick<RunPayload, 'requests' | 'labels'>

/** The short operations a chip can show, with their colour kind. */
export const KINDS: ReadonlyArray<{ op: string; kind: TokenKind }> = [
  { op: 'R', kind: 'read' },
  { op: 'W', kind: 'write' },
  { op: 'PF·FUA W', kind: 'fua' },
  { op: 'FUA W', kind: 'fua' },
  { op: 'PF·W', kind: 'flush' },
  { op: 'JNL W', kind: 'write' },
  { op: 'WB', kind: 'writeback' },
  { op: 'FLUSH', kind: 'flush' },
  { op: 'FSYNC', kind: 'flush' },
  { op: 'DISCARD', kind: 'other' },
  { op: 'ZERO', kind: 'other' },
  { op: 'FALLOC', kind: 'other' },
  { op: '?', kind: 'other' },
]

/** Index into KINDS of a request's operation and flags (no allocation: it runs per request per frame). */
export function kindCode(op: number, flags: number): number {
  switch (op) {
    case Op.READ:
      return 0
    case Op.WRITE:
      if (flags & Flag.FUA) return flags & Flag.PREFLUSH ? 2 : 3
      if (flags & Flag.PREFLUSH) return 4
      if (flags & Flag.JOURNAL) return 5
      if (flags & Flag.WRITEBACK) return 6
      return 1
    case Op.FLUSH:
      return 7
    case Op.FSYNC:
      return 8
    case Op.DISCARD:
      return 9
    case Op.WRITE_ZEROES:
      return 10
    case Op.FALLOCATE:
      return 11
    default:
      return 12
  }
}

/** The kind and the short operation of a request ("FUA W", "FLUSH"), without its blocks. */
export function requestKind(p: Payload, id: number): { op: string; kind: TokenKind } {
  return KINDS[kindCode(p.requests.op[id] as number, p.requests.flags[id] as number)] as {
    op: string
    kind: TokenKind
  }
}

/** A request as a chip. */
export function tokenOf(p: Payload, ix: Pick<RequestIndex, 'labels'>, id: number, age = 0): Token {
  const r = p.requests
  const { op, kind } = requestKind(p, id)
  const o = r.op[id] as number
  const block = r.block[id] as number
  const count = r.count[id] as number
  const where =
    o === Op.FLUSH || o === Op.FSYNC
      ? ''
      : count > 1
        ? ` ${block}–${block + count - 1}`
        : ` ${block}`
  const label = ix.labels.get(id)
  return {
    id,
    label: `${op}${where}${label ? ` “${label}”` : ''}`,
    kind,
    title: describeRequest(p, id),
    age,
  }
}

/** Tokens when few, counts by kind when many. */
export function groupOf(
  p: Payload,
  ix: Pick<RequestIndex, 'labels'>,
  ids: ArrayLike<number>,
  ages?: ArrayLike<number>,
): TokenGroup {
  const total = ids.length
  if (total <= MAX_TOKENS) {
    const tokens: Token[] = []
    for (let i = 0; i < total; i++)
      tokens.push(tokenOf(p, ix, ids[i] as number, ages ? (ages[i] as number) : 0))
    return { total, tokens, counts: [] }
  }
  const n = new Int32Array(KINDS.length)
  const { op, flags } = p.requests
  for (let i = 0; i < total; i++) {
    const id = ids[i] as number
    const k = kindCode(op[id] as number, flags[id] as number)
    n[k] = (n[k] as number) + 1
  }
  const counts: KindCount[] = []
  KINDS.forEach((k, i) => {
    if (n[i]) counts.push({ label: k.op, kind: k.kind, n: n[i] as number })
  })
  return { total, tokens: [], counts: counts.sort((a, b) => b.n - a.n) }
}

const LAYERS = 8

/** Requests of every layer at the playhead, from the run's request index. */
export function activityAt(p: Payload, ix: RequestIndex, index: number): Activity {
  const queued: number[][] = Array.from({ length: LAYERS }, () => [])
  const inflight: number[][] = Array.from({ length: LAYERS }, () => [])
  const laneIds = new Map<number, number[]>()
  const flushIds: number[] = []
  for (const id of ix.activeAt(index)) {
    if (id === 0) continue
    const layer = p.requests.layer[id] as number
    if (!ix.started(id, index)) (queued[layer] as number[]).push(id)
    else {
      ;(inflight[layer] as number[]).push(id)
      if (layer === Layer.LOOP) {
        const lane = ix.startLane[id] as number
        const list = laneIds.get(lane)
        if (list) list.push(id)
        else laneIds.set(lane, [id])
      }
    }
    if (ix.flush.has(id)) flushIds.push(id)
  }
  const doneIds: number[][] = Array.from({ length: LAYERS }, () => [])
  const doneAges: number[][] = Array.from({ length: LAYERS }, () => [])
  const flush: FlushRow[] = []
  for (const id of flushIds) {
    const step = ix.flushStepAt(id, index)
    if (step === 0) continue
    flush.push({
      token: tokenOf(p, ix, id),
      layer: p.requests.layer[id] as number,
      step,
      mask: (ix.flush.get(id)?.mask ?? 0) | 8,
      age: -1,
    })
  }
  for (const { id, age } of ix.recentAt(index, RECENT_EVENTS)) {
    if (id === 0) continue
    const layer = p.requests.layer[id] as number
    ;(doneIds[layer] as number[]).push(id)
    ;(doneAges[layer] as number[]).push(age)
    const seq = ix.flush.get(id)
    if (seq)
      flush.push({
        token: tokenOf(p, ix, id, age),
        layer,
        step: ix.flushStepAt(id, index),
        mask: seq.mask | 8,
        age,
      })
  }
  flush.sort((a, b) => a.token.id - b.token.id)
  const layers: LayerActivity[] = []
  for (let l = 0; l < LAYERS; l++) {
    layers.push({
      queued: groupOf(p, ix, queued[l] as number[]),
      inflight: groupOf(p, ix, inflight[l] as number[]),
      done: groupOf(p, ix, doneIds[l] as number[], doneAges[l] as number[]),
    })
  }
  const lanes = new Map<number, TokenGroup>()
  for (const [lane, ids] of laneIds) lanes.set(lane, groupOf(p, ix, ids))
  return { layers, lanes, flush }
}

export interface CacheCounts {
  dirty: number
  /** Under writeback (including pages dirtied again while under writeback). */
  writeback: number
  clean: number
}

export interface StackCounts {
  guest: CacheCounts
  host: CacheCounts
  /** Host disk blocks held only in the volatile write cache. */
  diskCached: number
  /** Host disk blocks whose media holds data this run wrote. */
  mediaWritten: number
  /** Guest blocks whose latest durable version was written in this run. */
  durable: number
  running: number
  committing: number
  awake: Set<number>
  throttled: Set<number>
  dio: boolean
  /** The loop device is set up; before that its mode is not known yet. */
  configured: boolean
  frozen: boolean
  crashed: boolean
}

/**
 * Counts read off the replayed state at the playhead (copies: the state itself is shared). The
 * run's count tracker follows the playhead, so a step costs the blocks it touched, not a pass.
 */
export function countsOf(
  run: { p: { log: LogColumns; config: { stack: { deviceBlocks: number } } } },
  s: ViewState,
): StackCounts {
  const t = countTrackerOf(run, s.diskCache.length)
  t.sync(s)
  const c = t.counts
  return {
    guest: {
      dirty: c[Count.GUEST_DIRTY] as number,
      writeback: c[Count.GUEST_WRITEBACK] as number,
      clean: c[Count.GUEST_CLEAN] as number,
    },
    host: {
      dirty: c[Count.HOST_DIRTY] as number,
      writeback: c[Count.HOST_WRITEBACK] as number,
      clean: c[Count.HOST_CLEAN] as number,
    },
    diskCached: c[Count.DISK_CACHED] as number,
    mediaWritten: c[Count.MEDIA_WRITTEN] as number,
    durable: c[Count.DURABLE] as number,
    running: s.running.size,
    committing: s.committing.size,
    awake: new Set(s.awakeWorkers),
    throttled: new Set(s.throttled),
    dio: s.dio,
    configured: s.configured,
    frozen: s.frozen,
    crashed: s.crashed,
  }
}
