/**
 * Which of a lane's requests a view shows, and, when they outnumber the pixel columns, how many
 * are in flight in each column (per colour family): the canvas then draws that density instead
 * of bars. Pure functions over the lane columns.
 */
import { lowerBound, upperBound } from '../data/bisect'
import { CATS, type TimelineLane } from './layout'

export { lowerBound, upperBound }

/**
 * Candidate indices [lo, hi) for the time window [t0, t1]: every request submitted no earlier
 * than t0 − maxDur and no later than t1. A candidate may still end before t0 (callers check).
 */
export function visibleRange(
  lane: Pick<TimelineLane, 'submit' | 'maxDur'>,
  t0: number,
  t1: number,
): [number, number] {
  return [lowerBound(lane.submit, t0 - lane.maxDur), upperBound(lane.submit, t1)]
}

/**
 * How many candidates in [lo, hi) are still in flight at t0 or later (they all start by the
 * window's end), counting no further than `enough` + 1: the caller only asks "more than?".
 */
export function countVisible(
  lane: Pick<TimelineLane, 'end'>,
  lo: number,
  hi: number,
  t0: number,
  enough: number,
): number {
  let n = 0
  for (let i = hi - 1; i >= lo; i--) {
    if ((lane.end[i] as number) >= t0 && ++n > enough) break
  }
  return n
}

/** Draw a density instead of bars when candidates outnumber the pixel columns. */
export function shouldAggregate(candidates: number, width: number): boolean {
  return candidates > Math.max(1, Math.floor(width))
}

export interface Density {
  width: number
  /** counts[c * width + x]: requests of colour family c in flight in pixel column x. */
  counts: Uint32Array
  /** total[x]: all requests in flight in column x. */
  total: Uint32Array
  max: number
}

/**
 * Requests in flight per pixel column: a request covers the columns from floor(x(submit)) to
 * floor(x(end)) inclusive (at least its own column). Difference arrays, O(requests + width).
 */
export function density(
  lane: Pick<TimelineLane, 'submit' | 'end' | 'cat'>,
  lo: number,
  hi: number,
  x: (t: number) => number,
  width: number,
): Density {
  const w = Math.max(1, Math.floor(width))
  const diff = new Int32Array(CATS * (w + 1))
  for (let i = lo; i < hi; i++) {
    const xa = x(lane.submit[i] as number)
    const xb = x(lane.end[i] as number)
    if (xb < 0 || xa >= w) continue
    const a = xa < 0 ? 0 : Math.floor(xa)
    const b = xb >= w ? w - 1 : Math.floor(xb)
    const base = (lane.cat[i] as number) * (w + 1)
    diff[base + a] = (diff[base + a] as number) + 1
    diff[base + b + 1] = (diff[base + b + 1] as number) - 1
  }
  const counts = new Uint32Array(CATS * w)
  const total = new Uint32Array(w)
  let max = 0
  for (let c = 0; c < CATS; c++) {
    let run = 0
    const base = c * (w + 1)
    for (let x0 = 0; x0 < w; x0++) {
      run += diff[base + x0] as number
      counts[c * w + x0] = run
      total[x0] = (total[x0] as number) + run
    }
  }
  for (let x0 = 0; x0 < w; x0++) if ((total[x0] as number) > max) max = total[x0] as number
  return { width: w, counts, total, max }
}
