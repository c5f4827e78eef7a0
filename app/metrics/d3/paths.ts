/**
 * SVG path strings for the metric charts (d3-shape). Each bin is drawn as a step: its value holds
 * from the bin's start to the next bin's start, and the last bin runs to the end of the run.
 */
import { area, curveStepAfter, line } from 'd3-shape'
import type { Curve } from '../chartData'

type Map = (v: number) => number

/** Step points of a curve: bin starts, then the end of the last bin (clipped to `end`). */
function stepIndex(c: Curve, end: number): number[] {
  const n = c.values.length
  const idx: number[] = []
  for (let i = 0; i < n && i * c.width < end; i++) idx.push(i)
  if (idx.length > 0) idx.push(n)
  return idx
}

function timeOf(c: Curve, end: number, i: number): number {
  return Math.min(end, i * c.width)
}

/** The value that bin i (or, at the closing point i = n, the last bin) holds. */
function valueOf(c: Curve, i: number): number {
  return (c.values[Math.min(i, c.values.length - 1)] as number) ?? 0
}

/** The area between `lower` (or the baseline) and `upper`, as a step curve over [0, end]. */
export function stepArea(upper: Curve, lower: Curve | null, end: number, x: Map, y: Map): string {
  const gen = area<number>()
    .digits(1)
    .curve(curveStepAfter)
    .x((i) => x(timeOf(upper, end, i)))
    .y0((i) => y(lower ? valueOf(lower, i) : 0))
    .y1((i) => y(valueOf(upper, i)))
  return gen(stepIndex(upper, end)) ?? ''
}

/** The top edge of a curve, as a step line over [0, end]. */
export function stepLine(c: Curve, end: number, x: Map, y: Map): string {
  const gen = line<number>()
    .digits(1)
    .curve(curveStepAfter)
    .x((i) => x(timeOf(c, end, i)))
    .y((i) => y(valueOf(c, i)))
  return gen(stepIndex(c, end)) ?? ''
}
