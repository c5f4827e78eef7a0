/**
 * What the stack view draws at one playhead position, as plain data: for every layer the requests
 * queued, in flight and just completed (as tokens when few, as counts by kind when many), the
 * loop's in-flight requests per worker, the blk-flush sequences in progress, and the counts read
 * off the replayed state (page caches, host journal, disk cache, media).
 */
import { Flag, Layer, Op, PAGE, type ViewState } from '../../src/engine'
import { NOT_CACHED } from '../blockmap/classify'
import { describeRequest } from '../data/describe'
import type { RunPayload } from '../data/payload'
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

function shortOp(op: number, flags: number): { op: string; kind: TokenKind } {
  switch (op) {
    case Op.READ:
      return { op: 'R', kind: 'read' }
    case Op.WRITE: {
      const pf = flags & Flag.PREFLUSH ? 'PF·' : ''
      if (flags & Flag.FUA) return { op: `${pf}FUA W`, kind: 'fua' }
      if (flags & Flag.PREFLUSH) return { op: 'PF·W', kind: 'flush' }
      if (flags & Flag.JOURNAL) return { op: 'JNL W', kind: 'write' }
      if (flags & Flag.WRITEBACK) return { op: 'WB', kind: 'writeback' }
      return { op: 'W', kind: 'write' }
    }
    case Op.FLUSH:
      return { op: 'FLUSH', kind: 'flush' }
    case Op.FSYNC:
      return { op: 'FSYNC', kind: 'flush' }
    case Op.DISCARD:
      return { op: 'DISCARD', kind: 'other' }
    case Op.WRITE_ZEROES:
      return { op: 'ZERO', kind: 'other' }
    case Op.FALLOCATE:
      return { op: 'FALLOC', kind: 'other' }
    default:
      return { op: '?', kind: 'other' }
  }
}

/** The kind and the short operation of a request ("FUA W", "FLUSH"), without its blocks. */
export function requestKind(p: Payload, id: number): { op: string; kind: TokenKind } {
  return shortOp(p.requests.op[id] as number, p.requests.flags[id] as number)
}

/** A request as a chip. */
export function tokenOf(p: Payload, ix: Pick<RequestIndex, 'labels'>, id: number, age = 0): Token {
  const r = p.requests
  const { op, kind } = requestKind(p, id)
  const o = r.op[id] as number
  const block = r.block[id] as number
  const count = r.count[id] as number
  const where = o === Op.FLUSH || o === Op.FSYNC ? '' : count > 1 ? ` ${block}–${block + count - 1}` : ` ${block}`
  const label = ix.labels.get(id)
  return { id, label: `${op}${where}${label ? ` “${label}”` : ''}`, kind, title: describeRequest(p, id), age }
}

/** Tokens when few, counts by kind when many. */
export function groupOf(p: Payload, ix: Pick<RequestIndex, 'labels'>, ids: ArrayLike<number>, ages?: ArrayLike<number>): TokenGroup {
  const total = ids.length
  if (total <= MAX_TOKENS) {
    const tokens: Token[] = []
    for (let i = 0; i < total; i++) tokens.push(tokenOf(p, ix, ids[i] as number, ages ? (ages[i] as number) : 0))
    return { total, tokens, counts: [] }
  }
  const byLabel = new Map<string, KindCount>()
  for (let i = 0; i < total; i++) {
    const { op, kind } = requestKind(p, ids[i] as number)
    const c = byLabel.get(op)
    if (c) c.n++
    else byLabel.set(op, { label: op, kind, n: 1 })
  }
  return { total, tokens: [], counts: [...byLabel.values()].sort((a, b) => b.n - a.n || a.label.localeCompare(b.label)) }
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
    flush.push({ token: tokenOf(p, ix, id), layer: p.requests.layer[id] as number, step, mask: (ix.flush.get(id)?.mask ?? 0) | 8, age: -1 })
  }
  for (const { id, age } of ix.recentAt(index, RECENT_EVENTS)) {
    if (id === 0) continue
    const layer = p.requests.layer[id] as number
    ;(doneIds[layer] as number[]).push(id)
    ;(doneAges[layer] as number[]).push(age)
    const seq = ix.flush.get(id)
    if (seq) flush.push({ token: tokenOf(p, ix, id, age), layer, step: ix.flushStepAt(id, index), mask: seq.mask | 8, age })
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
  frozen: boolean
  crashed: boolean
}

function cacheCounts(st: Uint8Array): CacheCounts {
  const c = { dirty: 0, writeback: 0, clean: 0 }
  for (let b = 0; b < st.length; b++) {
    const s = st[b] as number
    if (s === PAGE.ABSENT) continue
    if (s === PAGE.DIRTY) c.dirty++
    else if (s === PAGE.CLEAN) c.clean++
    else c.writeback++
  }
  return c
}

/** Counts read off a replayed state (copies: the state itself is shared and changes). */
export function countsOf(s: ViewState): StackCounts {
  let diskCached = 0
  let mediaWritten = 0
  for (let b = 0; b < s.diskCache.length; b++) {
    if (s.diskCache[b] !== NOT_CACHED) diskCached++
    if ((s.media[b] as number) > 0) mediaWritten++
  }
  let durable = 0
  for (let b = 0; b < s.durableLatest.length; b++) if ((s.durableLatest[b] as number) > 0) durable++
  return {
    guest: cacheCounts(s.guestPageState),
    host: cacheCounts(s.hostPageState),
    diskCached,
    mediaWritten,
    durable,
    running: s.running.size,
    committing: s.committing.size,
    awake: new Set(s.awakeWorkers),
    throttled: new Set(s.throttled),
    dio: s.dio,
    frozen: s.frozen,
    crashed: s.crashed,
  }
}
