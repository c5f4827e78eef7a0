/**
 * What the metrics panel draws for one or two runs: the columns of each chart with their curves,
 * shared axes and accessible summaries. Plain data; the React side only lays it out.
 */
import type { RunPayload } from '../data/payload'
import type { RunView } from '../data/runView'
import { formatBytes } from '../ui/format'
import type { Column } from './Chart'
import {
  binFactor,
  formatCompact,
  maxOf,
  memoryData,
  memorySummary,
  rateCurve,
  rateSummary,
  sum,
  type Curve,
  type MemoryData,
} from './chartData'
import { byteAxis, countAxis, type Axis } from './scales'

export type Which = 'primary' | 'compare'

/** The variant's title ("Buffered loop"), or the scenario's when it has no variants. */
export function variantTitle(p: Pick<RunPayload, 'scenario' | 'variant'>): string {
  return (
    p.scenario.variants.find((v) => v.id === p.variant)?.title ?? (p.variant || p.scenario.title)
  )
}

export interface RunCurves {
  run: RunView
  which: Which
  title: string
  end: number
  memory: MemoryData
  iops: Curve
  wakeups: Curve
  iosTotal: number
  wakeTotal: number
}

export function runCurves(run: RunView, which: Which, plotWidth: number): RunCurves {
  const s = run.p.series
  const f = binFactor(s.ios.length, plotWidth)
  return {
    run,
    which,
    title: variantTitle(run.p),
    end: Math.max(s.duration, run.duration),
    memory: memoryData(s),
    iops: rateCurve(s.ios, s.width, f),
    wakeups: rateCurve(s.wakeups, s.width, f),
    iosTotal: sum(s.ios),
    wakeTotal: sum(s.wakeups),
  }
}

export interface ChartModel {
  columns: Column[]
  y: Axis
}

export interface PanelModel {
  xMax: number
  memory: ChartModel
  iops: ChartModel
  wakeups: ChartModel
  /** Set when the wake-up chart counts fewer wake-ups than the run's total (see wakeupNote). */
}

export function panelModel(runs: RunCurves[]): PanelModel {
  const comparing = runs.length > 1
  const col = (
    r: RunCurves,
    layers: Column['layers'],
    summary: string,
    empty: string | null,
  ): Column => ({
    which: r.which,
    run: r.run,
    label: comparing ? r.title : null,
    layers,
    summary,
    end: r.end,
    empty,
  })
  const who = (r: RunCurves) => (comparing ? r.title : '')
  const memory: ChartModel = {
    columns: runs.map((r) =>
      col(
        r,
        [
          { key: 'guest', upper: r.memory.guest, lower: null },
          { key: 'host', upper: r.memory.total, lower: r.memory.guest },
        ],
        memorySummary(r.memory, r.end, who(r)),
        maxOf([r.memory.total]) === 0 ? 'No pages cached' : null,
      ),
    ),
    y: byteAxis(maxOf(runs.map((r) => r.memory.total))),
  }
  const rate = (
    pick: (r: RunCurves) => Curve,
    total: (r: RunCurves) => number,
    what: string,
    none: string,
  ): ChartModel => ({
    columns: runs.map((r) =>
      col(
        r,
        [{ key: 'rate', upper: pick(r), lower: null }],
        rateSummary(what, pick(r), total(r), r.end, who(r)),
        total(r) === 0 ? none : null,
      ),
    ),
    y: countAxis(maxOf(runs.map(pick))),
  })
  return {
    xMax: Math.max(1, ...runs.map((r) => r.end)),
    memory,
    iops: rate(
      (r) => r.iops,
      (r) => r.iosTotal,
      'Guest I/O completions',
      'No guest I/O',
    ),
    wakeups: rate(
      (r) => r.wakeups,
      (r) => r.wakeTotal,
      'Loop worker wake-ups',
      'No wake-ups',
    ),
  }
}

export const formatRate = (v: number): string => `${formatCompact(v)}/s`
export const formatAxisCount = (v: number): string => formatCompact(v)
export const formatAxisBytes = (v: number): string => (v === 0 ? '0' : formatBytes(v))
