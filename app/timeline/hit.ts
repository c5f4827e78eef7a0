/**
 * What is under the pointer: a request's bar, a density column, or nothing; and where a request
 * is drawn (for arrows and outlines). Pure functions over the lane geometry and the view.
 */
import { lowerBound } from '../data/bisect'
import { visibleRange } from './density'
import type { Geometry, LaneBox, LaneMode } from './draw'
import type { TimelineData } from './layout'
import { tOf, xOf, type TimeScale, type View } from './scales'

export type Hit =
  | { kind: 'bar'; lane: number; id: number; index: number }
  | { kind: 'density'; lane: number; column: number }

const MIN_W = 2
const SLOP = 3

export function laneAt(g: Geometry, y: number): number {
  return g.boxes.findIndex((b) => y >= b.top && y < b.top + b.height)
}

export function hitTest(
  d: TimelineData,
  g: Geometry,
  modes: LaneMode[],
  scale: TimeScale,
  view: View,
  x: number,
  y: number,
): Hit | null {
  const li = laneAt(g, y)
  if (li < 0 || x < 0 || x > view.width) return null
  const mode = modes[li] as LaneMode
  if (mode.kind === 'density') return { kind: 'density', lane: li, column: Math.floor(x) }
  const lane = d.lanes[li]
  const box = g.boxes[li] as LaneBox
  if (!lane) return null
  const row = Math.floor((y - box.barTop + (box.rowH - box.barH) / 2) / box.rowH)
  if (row < 0 || row >= lane.rows) return null
  const [lo, hi] = visibleRange(
    lane,
    tOf(scale, view, x - SLOP - MIN_W),
    tOf(scale, view, x + SLOP),
  )
  let best: Hit | null = null
  let bestDist = Infinity
  for (let i = Math.min(hi, mode.hi) - 1; i >= Math.max(lo, mode.lo); i--) {
    if (lane.row[i] !== row) continue
    const xa = xOf(scale, view, lane.submit[i] as number)
    const xb = Math.max(xOf(scale, view, lane.end[i] as number), xa + MIN_W)
    if (x < xa - SLOP || x > xb + SLOP) continue
    const dist = x < xa ? xa - x : x > xb ? x - xb : 0
    if (dist < bestDist) {
      bestDist = dist
      best = { kind: 'bar', lane: li, id: lane.ids[i] as number, index: i }
      if (dist === 0) break
    }
  }
  return best
}

export interface Place {
  lane: number
  x0: number
  x1: number
  top: number
  bottom: number
  /** False when the lane shows a density: the place is the lane's height at x0. */
  bar: boolean
}

/** A parent → child link as a cubic curve: the screen's overlay and the exported SVG both draw it. */
export interface LinkCurve {
  x1: number
  y1: number
  x2: number
  y2: number
  /** Both control points sit at this height, so the curve leaves and arrives vertically. */
  ym: number
}

/** From the parent's edge facing the child (clamped into the parent's span) to the child's start. */
export function linkCurve(p: Place, c: Place): LinkCurve {
  const down = p.top <= c.top
  const x1 = Math.min(Math.max(c.x0, p.x0), p.x1)
  const y1 = down ? p.bottom : p.top
  const x2 = c.x0 + 1
  const y2 = down ? c.top - 1 : c.bottom + 1
  return { x1, y1, x2, y2, ym: (y1 + y2) / 2 }
}

/** Where request `id` is drawn, or null when this timeline does not draw it. */
export function placeOf(
  d: TimelineData,
  g: Geometry,
  modes: LaneMode[],
  scale: TimeScale,
  view: View,
  id: number,
): Place | null {
  const li = id > 0 && id < d.laneOf.length ? (d.laneOf[id] as number) : -1
  if (li < 0) return null
  const lane = d.lanes[li]
  const box = g.boxes[li]
  if (!lane || !box) return null
  // Find the request's index in its lane by its submit time.
  const x0 = xOf(scale, view, submitOf(d, li, id))
  const x1 = Math.max(xOf(scale, view, endOf(d, li, id)), x0 + MIN_W)
  if ((modes[li] as LaneMode).kind === 'density')
    return { lane: li, x0, x1, top: box.top + 3, bottom: box.top + box.height - 3, bar: false }
  const top = box.barTop + (d.rowOf[id] as number) * box.rowH
  return { lane: li, x0, x1, top, bottom: top + box.barH, bar: true }
}

function indexIn(d: TimelineData, li: number, id: number): number {
  const ids = (d.lanes[li] as TimelineData['lanes'][number]).ids
  // ids ascend with submission order within a lane.
  const lo = lowerBound(ids, id)
  return ids[lo] === id ? lo : ids.indexOf(id)
}

function submitOf(d: TimelineData, li: number, id: number): number {
  const lane = d.lanes[li] as TimelineData['lanes'][number]
  return lane.submit[indexIn(d, li, id)] as number
}

function endOf(d: TimelineData, li: number, id: number): number {
  const lane = d.lanes[li] as TimelineData['lanes'][number]
  return lane.end[indexIn(d, li, id)] as number
}
