/**
 * Scales, ticks and path strings for the metric charts (d3-scale, d3-array, d3-shape), handed to
 * React as plain functions, arrays and strings. Byte axes tick at round numbers of one binary unit
 * (100 MiB, not 95.4 MiB). Curves are steps: a bin's value holds from its start to the next bin's
 * start, and the last bin runs to the end of the run.
 *
 * (All d3 use is in this file: the lint rule that confines d3 also matches imports of a local
 * `./d3/...` module, so a d3/ folder could not be imported from the components.)
 */
import { nice, ticks } from 'd3-array'
import { scaleLinear } from 'd3-scale'
import { area, curveStepAfter, line } from 'd3-shape'
import type { Curve } from './chartData'

/** A linear map from data to pixels and back. */
export interface LinearMap {
  (v: number): number
  invert(px: number): number
  domain: readonly [number, number]
  range: readonly [number, number]
}

export function linear(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearMap {
  const s = scaleLinear().domain(domain).range(range)
  const f = ((v: number) => s(v)) as LinearMap
  f.invert = (px: number) => s.invert(px)
  f.domain = domain
  f.range = range
  return f
}

const BINARY = [1, 1024, 1024 ** 2, 1024 ** 3, 1024 ** 4]

function binaryUnit(max: number): number {
  let u = 1
  for (const x of BINARY) if (max >= x) u = x
  return u
}

/** A y axis from zero: the rounded top of the domain and about `count` ticks. */
export interface Axis {
  max: number
  ticks: number[]
}

/**
 * The domain ends just above the data (no empty band up to a round number) unless a round tick is
 * close above it; ticks are the round numbers up to there.
 */
function axis(max: number, count: number, unit: number): Axis {
  const m = max / unit
  const [, top] = nice(0, m, count)
  const end = top <= m * 1.15 ? top : m * 1.04
  // d3's count is a hint: ask for fewer until there are at most four ticks.
  let tk = ticks(0, end, count)
  for (let c = count - 1; tk.length > 4 && c >= 1; c--) tk = ticks(0, end, c)
  return { max: end * unit, ticks: tk.map((v) => v * unit) }
}

export function byteAxis(max: number, count = 3): Axis {
  if (!(max > 0)) return { max: 1024, ticks: [0] }
  return axis(max, count, binaryUnit(max))
}

export function countAxis(max: number, count = 3): Axis {
  if (!(max > 0)) return { max: 1, ticks: [0] }
  return axis(max, count, 1)
}

/** Round time ticks over [0, duration] ns, about one per `minGap` of `plotWidth`. */
export function timeTicks(duration: number, plotWidth: number, minGap: number): number[] {
  const count = Math.max(2, Math.floor(plotWidth / Math.max(1, minGap)))
  return ticks(0, duration, count).filter((t) => t <= duration)
}

type ToPx = (v: number) => number

/** A step point: [time in ns, index of the bin whose value holds there]. */
type StepPoint = readonly [number, number]

/** Bin starts up to `end`, then a closing point at the end carrying the last bin's value. */
function stepPoints(c: Curve, end: number): StepPoint[] {
  const pts: StepPoint[] = []
  for (let i = 0; i < c.values.length && i * c.width < end; i++) pts.push([i * c.width, i])
  const last = pts[pts.length - 1]
  if (last) pts.push([Math.min(end, c.values.length * c.width), last[1]])
  return pts
}

const valueOf = (c: Curve | null, i: number): number =>
  c ? ((c.values[i] as number | undefined) ?? 0) : 0

/** The area between `lower` (or the baseline) and `upper`, as a step curve over [0, end]. */
export function stepArea(upper: Curve, lower: Curve | null, end: number, x: ToPx, y: ToPx): string {
  const gen = area<StepPoint>()
    .digits(1)
    .curve(curveStepAfter)
    .x((p) => x(p[0]))
    .y0((p) => y(valueOf(lower, p[1])))
    .y1((p) => y(valueOf(upper, p[1])))
  return gen(stepPoints(upper, end)) ?? ''
}

/** The top edge of a curve, as a step line over [0, end]. */
export function stepLine(c: Curve, end: number, x: ToPx, y: ToPx): string {
  const gen = line<StepPoint>()
    .digits(1)
    .curve(curveStepAfter)
    .x((p) => x(p[0]))
    .y((p) => y(valueOf(c, p[1])))
  return gen(stepPoints(c, end)) ?? ''
}
