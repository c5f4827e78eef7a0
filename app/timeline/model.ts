/**
 * Per-run timeline data, computed once per PlayView and shared by every component that shows it,
 * and the time scale both timelines of a comparison share (so one instant is one x in both).
 * Also the timeline's own small preference (squeeze idle gaps), shared by both timelines: the
 * page store has no field for it.
 */
import { create } from 'zustand'
import type { PlayView } from '../data/runView'
import { buildTimeline, idleStretches, type TimelineData } from './layout'
import {
  chooseGaps,
  intersectGaps,
  linearTimeScale,
  makeTimeScale,
  type Gap,
  type TimeScale,
} from './scales'

const data = new WeakMap<PlayView, TimelineData>()
const idle = new WeakMap<PlayView, Gap[]>()
const scales = new WeakMap<PlayView, Map<PlayView | null, TimeScale>>()

export function timelineOf(run: PlayView): TimelineData {
  let d = data.get(run)
  if (!d) data.set(run, (d = buildTimeline(run.p, run.duration)))
  return d
}

function idleOf(run: PlayView): Gap[] {
  let g = idle.get(run)
  if (!g) idle.set(run, (g = idleStretches(run.p, run.duration)))
  return g
}

/** A run's idle stretches over [0, until]: after its last event it is idle until `until`. */
function idleUntil(run: PlayView, until: number): Gap[] {
  const g = idleOf(run)
  if (until <= run.duration) return g
  const last = g[g.length - 1]
  if (last && last.t1 >= run.duration) return [...g.slice(0, -1), { t0: last.t0, t1: until }]
  return [...g, { t0: run.duration, t1: until }]
}

/**
 * The time scale for a run, shared with the run it is compared with (`other`, or null): over the
 * longer of the two durations, squeezing only what is idle in both.
 */
export function scaleFor(run: PlayView, other: PlayView | null, compress: boolean): TimeScale {
  const [a, b] =
    other && other !== run
      ? [run, other].sort((x, y) =>
          x.p.variant < y.p.variant ? -1 : x.p.variant > y.p.variant ? 1 : 0,
        )
      : [run, null]
  const first = a as PlayView
  const duration = Math.max(first.duration, b ? b.duration : 0, 1)
  if (!compress) return linearTimeScale(duration)
  let byOther = scales.get(first)
  if (!byOther) scales.set(first, (byOther = new Map()))
  const hit = byOther.get(b)
  if (hit) return hit
  const gaps = b
    ? intersectGaps(idleUntil(first, duration), idleUntil(b, duration))
    : idleUntil(first, duration)
  const s = makeTimeScale(duration, chooseGaps(gaps, duration))
  byOther.set(b, s)
  return s
}

interface Prefs {
  compress: boolean
  setCompress(on: boolean): void
}

export const useTimelinePrefs = create<Prefs>()((set) => ({
  compress: true,
  setCompress: (compress) => set({ compress }),
}))
