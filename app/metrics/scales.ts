/**
 * Scales and ticks for the metric charts (d3-scale, d3-array), handed to React as plain functions
 * and arrays. Byte axes tick at round numbers of one binary unit (100 MiB, not 95.4 MiB).
 */
import { nice, ticks } from 'd3-array'
import { scaleLinear } from 'd3-scale'

/** A linear map from data to pixels and back. */
export interface LinearMap {
  (v: number): number
  invert(px: number): number
  domain: readonly [number, number]
  range: readonly [number, number]
}

export function linear(domain: readonly [number, number], range: readonly [number, number]): LinearMap {
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

export function byteAxis(max: number, count = 3): Axis {
  if (!(max > 0)) return { max: 1024, ticks: [0] }
  const u = binaryUnit(max)
  const [, top] = nice(0, max / u, count)
  return { max: top * u, ticks: ticks(0, top, count).map((v) => v * u) }
}

export function countAxis(max: number, count = 3): Axis {
  if (!(max > 0)) return { max: 1, ticks: [0] }
  const [, top] = nice(0, max, count)
  return { max: top, ticks: ticks(0, top, count) }
}

/** Round time ticks over [0, duration] ns, about one per `minGap` of `plotWidth`. */
export function timeTicks(duration: number, plotWidth: number, minGap: number): number[] {
  const count = Math.max(2, Math.floor(plotWidth / Math.max(1, minGap)))
  return ticks(0, duration, count).filter((t) => t <= duration)
}
