/**
 * The timeline's data, prepared once per run: which lanes there are (a layer each, the loop layer
 * one per worker), each lane's requests as columns sorted by submission time with their sub-row,
 * the parent → child index for the arrows, the outside events, and the idle stretches that gap
 * compression may squeeze. Pure functions over the payload: no DOM, no d3.
 */
import { Ev, Flag, Layer, LAYER_NAMES, Op, OUTSIDE_NAMES } from '../../src/engine'
import type { TimelinePayload } from '../data/payload'
import type { Gap } from './scales'

/** What colour family a request is drawn in. */
export const Cat = { WRITE: 0, WRITEBACK: 1, READ: 2, FLUSH: 3, OTHER: 4 } as const
export const CATS = 5
export const CAT_NAMES = [
  'write',
  'background writeback',
  'read',
  'flush or fsync',
  'discard, zeroes or fallocate',
] as const

/** Extra marks a bar carries (bit mask). */
export const Mark = { FUA: 1, PREFLUSH: 2, ERROR: 4, OPEN: 8 } as const

/** Overlapping requests in a lane share at most this many sub-rows; more overlap the last one. */
export const MAX_ROWS = 5

export interface TimelineLane {
  key: string
  layer: number
  /** Loop worker lane, or -1 for a lane that holds a whole layer. */
  worker: number
  label: string
  sub: string
  /** Request ids, sorted by submission time. */
  ids: Int32Array
  submit: Float64Array
  /** Service start; equal to submit when the request never started. */
  start: Float64Array
  /** Completion; the end of the run when the request never completed (Mark.OPEN). */
  end: Float64Array
  cat: Uint8Array
  marks: Uint8Array
  row: Uint8Array
  rows: number
  /** Longest end − submit in the lane: how far before a window a request can start and still show. */
  maxDur: number
}

export interface OutsideMark {
  index: number
  t: number
  kind: number
  name: string
}

export interface TimelineData {
  lanes: TimelineLane[]
  /** Per request id: its lane index (-1 when not drawn) and sub-row. */
  laneOf: Int16Array
  rowOf: Uint8Array
  /** Children of each request (CSR): childIds[childStart[id] .. childStart[id + 1]). */
  childStart: Int32Array
  childIds: Int32Array
  outside: OutsideMark[]
  requests: number
  duration: number
}

export function categoryOf(op: number, flags: number): number {
  if (op === Op.READ) return Cat.READ
  if (op === Op.FLUSH || op === Op.FSYNC) return Cat.FLUSH
  if (op === Op.DISCARD || op === Op.WRITE_ZEROES || op === Op.FALLOCATE) return Cat.OTHER
  return flags & Flag.WRITEBACK ? Cat.WRITEBACK : Cat.WRITE
}

/** A request the engine really submitted (row 0 is a reserved placeholder). */
function isReal(p: Pick<TimelinePayload, 'requests'>, id: number): boolean {
  return id > 0 && (p.requests.submitEv[id] as number) >= 0
}

/**
 * Greedy interval packing in submission order: each request takes the first row free by its
 * submission time; when every row is busy it overlaps the last row. Returns the rows used.
 */
export function packRows(
  submit: ArrayLike<number>,
  end: ArrayLike<number>,
  cap: number,
  out: Uint8Array,
): number {
  const rowEnd = new Float64Array(cap).fill(-Infinity)
  let used = 0
  for (let i = 0; i < submit.length; i++) {
    const s = submit[i] as number
    let r = 0
    while (r < cap - 1 && (rowEnd[r] as number) > s) r++
    out[i] = r
    rowEnd[r] = Math.max(rowEnd[r] as number, end[i] as number)
    if (r + 1 > used) used = r + 1
  }
  return used
}

function laneName(p: Pick<TimelinePayload, 'workerLanes'>, worker: number): string {
  return p.workerLanes.find((w) => w.lane === worker)?.name ?? `worker ${worker}`
}

export function buildTimeline(
  p: Pick<TimelinePayload, 'requests' | 'log' | 'workerLanes' | 'events' | 'trace'>,
  duration: number,
): TimelineData {
  const r = p.requests
  const n = r.length
  // A trace has no stack: its lanes are its devices (and their block-layer flushes).
  const traced = p.trace !== undefined
  // Lane key of every request: layer * 65536 + worker + 1 (workers only for the loop layer, and
  // every lane of a trace). Keys change rarely from one id to the next, so the map is only
  // consulted on a change.
  const slotOf = new Int32Array(n).fill(-1)
  const slots = new Map<number, number>()
  const slotKeys: number[] = []
  let slotCount = new Int32Array(16)
  let lastKey = -1
  let lastSlot = -1
  for (let id = 1; id < n; id++) {
    if (!isReal(p, id)) continue
    const layer = r.layer[id] as number
    const key = layer * 65536 + (layer === Layer.LOOP || traced ? (r.lane[id] as number) + 1 : 0)
    if (key !== lastKey) {
      let slot = slots.get(key)
      if (slot === undefined) {
        slot = slotKeys.length
        slots.set(key, slot)
        slotKeys.push(key)
        if (slot >= slotCount.length) {
          const grown = new Int32Array(slotCount.length * 2)
          grown.set(slotCount)
          slotCount = grown
        }
      }
      lastKey = key
      lastSlot = slot
    }
    slotOf[id] = lastSlot
    slotCount[lastSlot] = (slotCount[lastSlot] as number) + 1
  }
  const keys = [...slotKeys].sort((a, b) => a - b)
  const slotIds = slotKeys.map((_, slot) => new Int32Array(slotCount[slot] as number))
  const filled = new Int32Array(slotKeys.length)
  for (let id = 1; id < n; id++) {
    const slot = slotOf[id] as number
    if (slot < 0) continue
    const at = filled[slot] as number
    ;(slotIds[slot] as Int32Array)[at] = id
    filled[slot] = at + 1
  }
  const groups = new Map<number, Int32Array>(
    slotKeys.map((k, slot) => [k, slotIds[slot] as Int32Array]),
  )
  const loopLanes = keys.filter((k) => Math.floor(k / 65536) === Layer.LOOP).length
  const laneOf = new Int16Array(n).fill(-1)
  const rowOf = new Uint8Array(n)
  const lanes: TimelineLane[] = keys.map((key, li) => {
    const layer = Math.floor(key / 65536)
    const worker = (key % 65536) - 1
    let ids = groups.get(key) as Int32Array
    // Ids grow with submission order, so each lane is already sorted by submit time; sort
    // anyway in case a payload ever breaks that.
    let sorted = true
    for (let i = 1; i < ids.length && sorted; i++)
      sorted =
        (r.submitT[ids[i] as number] as number) >= (r.submitT[ids[i - 1] as number] as number)
    if (!sorted)
      ids = Int32Array.from(
        [...ids].sort((a, b) => (r.submitT[a] as number) - (r.submitT[b] as number) || a - b),
      )
    const m = ids.length
    const submit = new Float64Array(m)
    const start = new Float64Array(m)
    const end = new Float64Array(m)
    const cat = new Uint8Array(m)
    const marks = new Uint8Array(m)
    let maxDur = 0
    for (let i = 0; i < m; i++) {
      const id = ids[i] as number
      const s = r.submitT[id] as number
      const st = r.startT[id] as number
      const c = r.completeT[id] as number
      const flags = r.flags[id] as number
      submit[i] = s
      end[i] = c >= 0 ? c : Math.max(duration, s)
      // Never started: a completed request was serviced all along (no queue of its own); an
      // open one is still queued.
      start[i] = st >= 0 ? Math.max(s, st) : c >= 0 ? s : (end[i] as number)
      cat[i] = categoryOf(r.op[id] as number, flags)
      marks[i] =
        (flags & Flag.FUA ? Mark.FUA : 0) |
        (flags & Flag.PREFLUSH ? Mark.PREFLUSH : 0) |
        ((r.status[id] as number) < 0 ? Mark.ERROR : 0) |
        (c < 0 ? Mark.OPEN : 0)
      maxDur = Math.max(maxDur, (end[i] as number) - s)
      laneOf[id] = li
    }
    const row = new Uint8Array(m)
    const rows = Math.max(1, packRows(submit, end, MAX_ROWS, row))
    for (let i = 0; i < m; i++) rowOf[ids[i] as number] = row[i] as number
    const layerName = LAYER_NAMES[layer] ?? `layer ${layer}`
    const label = traced
      ? laneName(p, worker)
      : layer === Layer.LOOP && (loopLanes > 1 || worker > 0)
        ? `loop · ${laneName(p, worker)}`
        : layerName
    return {
      key: `${layer}:${worker}`,
      layer,
      worker,
      label,
      sub: `${m.toLocaleString('en')} request${m === 1 ? '' : 's'}`,
      ids,
      submit,
      start,
      end,
      cat,
      marks,
      row,
      rows,
      maxDur,
    }
  })

  // Children index.
  const childStart = new Int32Array(n + 1)
  for (let id = 1; id < n; id++) {
    const par = r.parent[id] as number
    if (par > 0 && par < n && isReal(p, id))
      childStart[par + 1] = (childStart[par + 1] as number) + 1
  }
  for (let i = 0; i < n; i++)
    childStart[i + 1] = (childStart[i + 1] as number) + (childStart[i] as number)
  const childIds = new Int32Array(childStart[n] as number)
  const fill = childStart.slice(0, n)
  for (let id = 1; id < n; id++) {
    const par = r.parent[id] as number
    if (par > 0 && par < n && isReal(p, id)) {
      const at = fill[par] as number
      childIds[at] = id
      fill[par] = at + 1
    }
  }

  const outside: OutsideMark[] = []
  const log = p.log
  for (let i = 0; i < p.events; i++) {
    if (log.kind[i] === Ev.OUTSIDE) {
      const kind = log.a[i] as number
      outside.push({
        index: i + 1,
        t: log.time[i] as number,
        kind,
        name: OUTSIDE_NAMES[kind] ?? 'outside event',
      })
    }
  }
  let requests = 0
  for (const l of lanes) requests += l.ids.length
  return { lanes, laneOf, rowOf, childStart, childIds, outside, requests, duration }
}

export function childrenOf(
  d: Pick<TimelineData, 'childStart' | 'childIds'>,
  id: number,
): Int32Array {
  return d.childIds.subarray(d.childStart[id] as number, d.childStart[id + 1] as number)
}

export interface Link {
  parent: number
  child: number
}

/**
 * The family of a selected request: its parent chain up, and its children down a few levels
 * (at most `cap` links), as parent → child links plus the set of every request involved.
 */
export function familyOf(
  p: Pick<TimelinePayload, 'requests'>,
  d: Pick<TimelineData, 'childStart' | 'childIds'>,
  id: number,
  depth = 4,
  cap = 80,
): { links: Link[]; members: Set<number> } {
  const r = p.requests
  const links: Link[] = []
  const members = new Set<number>([id])
  let cur = id
  for (let up = 0; up < 16; up++) {
    const par = r.parent[cur] as number
    if (!(par > 0 && par < r.length) || members.has(par)) break
    links.push({ parent: par, child: cur })
    members.add(par)
    cur = par
  }
  let level = [id]
  for (let k = 0; k < depth && level.length > 0 && links.length < cap; k++) {
    const next: number[] = []
    for (const q of level) {
      for (const c of childrenOf(d, q)) {
        if (links.length >= cap) break
        if (members.has(c)) continue
        links.push({ parent: q, child: c })
        members.add(c)
        next.push(c)
      }
    }
    level = next
  }
  return { links, members }
}

/**
 * Stretches of the run in which nothing happens: no log event and no request in flight. Sorted,
 * disjoint, each longer than `minLength`. The time before the first activity counts too.
 */
export function idleStretches(
  p: Pick<TimelinePayload, 'requests' | 'log' | 'events'>,
  duration: number,
  minLength = 0,
): Gap[] {
  const r = p.requests
  const time = p.log.time
  const out: Gap[] = []
  let busyUntil = 0 // activity covers [.., busyUntil]
  let ri = 1
  let ei = 0
  const n = r.length
  const events = p.events
  const push = (t0: number, t1: number) => {
    if (t1 - t0 > minLength) out.push({ t0, t1 })
  }
  // Merge two time-sorted streams: request intervals (by submit) and event instants.
  while (ri < n || ei < events) {
    let s: number
    let e: number
    const rs = ri < n ? (r.submitT[ri] as number) : Infinity
    const et = ei < events ? (time[ei] as number) : Infinity
    if (rs <= et) {
      const id = ri++
      if ((r.submitEv[id] as number) < 0) continue
      const c = r.completeT[id] as number
      s = rs
      e = c >= 0 ? c : duration
    } else {
      s = et
      e = et
      ei++
    }
    if (s > busyUntil) push(busyUntil, s)
    if (e > busyUntil) busyUntil = e
  }
  if (duration > busyUntil) push(busyUntil, duration)
  return out
}
