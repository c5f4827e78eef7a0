/**
 * The lanes of one run as SVG shapes, drawn by the rules the canvas follows (app/timeline/draw.ts)
 * from the same lane columns (layout.ts), the same bars-or-density choice (laneModes) and the
 * same per-pixel density (density.ts): a request is a bar (light while queued, solid while
 * serviced, hatched when it never completed, a PREFLUSH tick at submission, a FUA cap at
 * completion, an X for an error); a lane with more requests in view than pixel columns is a
 * stacked density, whose columns of equal height merge into one rectangle. Coordinates are
 * relative to the plot's top left corner.
 */
import { CATS, Mark, type TimelineLane } from '../timeline/layout'
import { density } from '../timeline/density'
import {
  catColour,
  densityHeight,
  type Geometry,
  type LaneBox,
  type LaneMode,
  type Palette,
} from '../timeline/draw'
import { num } from './svgText'

/** Bars narrower than this are drawn this wide (as on the canvas). */
const MIN_W = 2

/** Counts the shapes written and refuses more past a cap, so a picture stays bounded. */
export interface Budget {
  left: number
  dropped: number
}

/** Pattern ids for the "never completed" hatch, one per colour family. */
export const openHatchId = (prefix: string, cat: number): string => `${prefix}-open-${cat}`

function rect(
  out: string[],
  budget: Budget,
  x: number,
  y: number,
  w: number,
  h: number,
  fill: string,
  opacity = 1,
): void {
  if (budget.left <= 0) {
    budget.dropped++
    return
  }
  budget.left--
  const o = opacity < 1 ? ` fill-opacity="${opacity}"` : ''
  out.push(
    `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${fill}"${o}/>`,
  )
}

/** Keeps far-off-screen coordinates small: the plot is clipped anyway. */
const clampX = (x: number, width: number): number => Math.max(-8, Math.min(width + 8, x))

interface BarCtx {
  out: string[]
  budget: Budget
  pal: Palette
  X: (t: number) => number
  W: number
  prefix: string
}

function bar(c: BarCtx, lane: TimelineLane, i: number, box: LaneBox): void {
  const { out, budget, pal, W } = c
  const xa = c.X(lane.submit[i] as number)
  const xb = c.X(lane.end[i] as number)
  if (xb < -MIN_W || xa > W) return
  const marks = lane.marks[i] as number
  const cat = lane.cat[i] as number
  const colour = catColour(pal, cat)
  const y = box.barTop + (lane.row[i] as number) * box.rowH
  const h = box.barH
  const wide = xb - xa >= MIN_W
  const end = clampX(wide ? xb : xa + MIN_W, W)
  const a = clampX(xa, W)
  const xs = wide ? clampX(c.X(lane.start[i] as number), W) : a
  if (xs > a) rect(out, budget, a, y, Math.min(xs, end) - a, h, colour, 0.32)
  if (marks & Mark.OPEN) {
    const from = xs < end ? xs : a
    rect(out, budget, from, y, end - from, h, `url(#${openHatchId(c.prefix, cat)})`, 0.9)
    rect(out, budget, from, y, Math.min(MIN_W, end - from), h, colour)
  } else if (end > xs) rect(out, budget, xs, y, Math.max(end - xs, MIN_W), h, colour)
  if (marks & Mark.PREFLUSH) rect(out, budget, a - 1, y - 2, 3, h + 4, pal.flush)
  if (marks & Mark.FUA && !(marks & Mark.OPEN)) rect(out, budget, end - 3, y - 2, 4, h + 4, pal.fua)
  if (marks & Mark.ERROR && budget.left > 0) {
    budget.left--
    const x0 = end + 1
    out.push(
      `<path d="M${num(x0)},${num(y)}L${num(x0 + h)},${num(y + h)}M${num(x0 + h)},${num(y)}L${num(x0)},${num(y + h)}" stroke="${pal.bad}" stroke-width="2" fill="none"/>`,
    )
  }
}

/** Density columns: per colour family, stacked bottom-up, equal neighbours merged. */
function densityShapes(c: BarCtx, lane: TimelineLane, mode: LaneMode, box: LaneBox): number {
  const d = density(lane, mode.lo, mode.hi, c.X, c.W)
  const inner = box.height - 2 * (box.barTop - box.top)
  const full = Math.max(4, inner)
  const bottom = box.barTop + inner
  const w = d.width
  const acc = new Float32Array(w)
  for (let cat = 0; cat < CATS; cat++) {
    const colour = catColour(c.pal, cat)
    let run: { x: number; y: number; h: number } | null = null
    const flush = (x: number): void => {
      if (run) rect(c.out, c.budget, run.x, run.y, x - run.x, run.h, colour, 0.9)
      run = null
    }
    for (let x = 0; x < w; x++) {
      const n = d.counts[cat * w + x] as number
      if (n === 0) {
        flush(x)
        continue
      }
      const total = d.total[x] as number
      const h = Math.round(((densityHeight(total, d.max, full) * n) / total) * 10) / 10
      const y = Math.round((bottom - (acc[x] as number) - h) * 10) / 10
      acc[x] = (acc[x] as number) + h
      if (run && run.y === y && run.h === h) continue
      flush(x)
      run = { x, y, h }
    }
    flush(w)
  }
  return d.max
}

export interface LanesInput {
  lanes: TimelineLane[]
  geometry: Geometry
  modes: LaneMode[]
  X: (t: number) => number
  width: number
  palette: Palette
  budget: Budget
  prefix: string
}

/** The shapes of every lane, and per lane the peak of its density (0 for bars). */
export function lanesSvg(input: LanesInput): { svg: string; peaks: number[] } {
  const out: string[] = []
  const c: BarCtx = {
    out,
    budget: input.budget,
    pal: input.palette,
    X: input.X,
    W: input.width,
    prefix: input.prefix,
  }
  const peaks = input.lanes.map((lane, li) => {
    const box = input.geometry.boxes[li] as LaneBox
    const mode = input.modes[li] as LaneMode
    if (mode.kind === 'density') return densityShapes(c, lane, mode, box)
    for (let i = mode.lo; i < mode.hi; i++) bar(c, lane, i, box)
    return 0
  })
  return { svg: out.join(''), peaks }
}
