/**
 * The canvas half of the timeline: lane backgrounds, grid lines and every request as a bar (or,
 * when a lane's visible requests outnumber its pixel columns, as a density of requests in
 * flight). Called from one requestAnimationFrame when the window, size, theme or selection
 * changes; playing never redraws it (the playhead is SVG).
 */
import { CATS, Cat, Mark, type TimelineLane } from './layout'
import { countVisible, density, shouldAggregate, visibleRange, type Density } from './density'
import { pixelMapper, toT, type TimeScale, type View } from './scales'

export interface Palette {
  write: string
  read: string
  flush: string
  fua: string
  writeback: string
  other: string
  bad: string
  fg: string
  muted: string
  faint: string
  border: string
  panel: string
}

const VARS: Record<keyof Palette, string> = {
  write: '--c-write',
  read: '--c-read',
  flush: '--c-flush',
  fua: '--c-fua',
  writeback: '--c-writeback',
  other: '--c-other',
  bad: '--c-bad',
  fg: '--fg',
  muted: '--muted',
  faint: '--faint',
  border: '--border',
  panel: '--panel',
}

export function readPalette(el: Element = document.documentElement): Palette {
  const cs = getComputedStyle(el)
  const out = {} as Palette
  for (const k of Object.keys(VARS) as Array<keyof Palette>)
    out[k] = cs.getPropertyValue(VARS[k]).trim() || '#888'
  return out
}

export function catColour(p: Palette, cat: number): string {
  switch (cat) {
    case Cat.WRITEBACK:
      return p.writeback
    case Cat.READ:
      return p.read
    case Cat.FLUSH:
      return p.flush
    case Cat.OTHER:
      return p.other
    default:
      return p.write
  }
}

/** Vertical geometry of the lanes (CSS pixels). */
export interface LaneBox {
  top: number
  height: number
  /** Top of row 0's bar. */
  barTop: number
  rowH: number
  barH: number
}

export interface Geometry {
  boxes: LaneBox[]
  height: number
}

export function laneGeometry(
  lanes: ReadonlyArray<Pick<TimelineLane, 'rows'>>,
  presenter: boolean,
): Geometry {
  const rowH = presenter ? 22 : 16
  const pad = presenter ? 8 : 6
  const minH = presenter ? 50 : 38
  const boxes: LaneBox[] = []
  let y = 0
  for (const l of lanes) {
    const inner = l.rows * rowH
    const height = Math.max(minH, inner + 2 * pad)
    boxes.push({
      top: y,
      height,
      barTop: y + (height - inner) / 2,
      rowH,
      barH: rowH - (presenter ? 6 : 5),
    })
    y += height
  }
  return { boxes, height: y }
}

export type LaneMode =
  { kind: 'bars'; lo: number; hi: number } | { kind: 'density'; lo: number; hi: number }

/** Bars or density for every lane in a view (the rule the canvas and the overlay share). */
export function laneModes(lanes: TimelineLane[], scale: TimeScale, view: View): LaneMode[] {
  const t0 = toT(scale, view.u0)
  const t1 = toT(scale, view.u1)
  return lanes.map((l) => {
    const [lo, hi] = visibleRange(l, t0, t1)
    return {
      kind: shouldAggregate(countVisible(l, lo, hi, t0, view.width), view.width)
        ? 'density'
        : 'bars',
      lo,
      hi,
    }
  })
}

export interface DrawInput {
  canvas: HTMLCanvasElement
  lanes: TimelineLane[]
  geometry: Geometry
  modes: LaneMode[]
  scale: TimeScale
  view: View
  palette: Palette
  /** Grid line positions (the axis ticks), in CSS pixels. */
  grid: number[]
  /** When a request is selected: its family (everything else is faded). */
  focus: Set<number> | null
}

/** Per lane: the density drawn (for the tooltip), or null for bars. */
export type Drawn = Array<Density | null>

const MIN_W = 2
const hatches = new Map<string, CanvasPattern | null>()

function hatch(ctx: CanvasRenderingContext2D, colour: string, dpr: number): CanvasPattern | null {
  const key = `${colour}@${dpr}`
  if (hatches.has(key)) return hatches.get(key) ?? null
  const size = Math.round(6 * dpr)
  const c = document.createElement('canvas')
  c.width = size
  c.height = size
  const g = c.getContext('2d')
  let pat: CanvasPattern | null = null
  if (g) {
    g.strokeStyle = colour
    g.lineWidth = 1.5 * dpr
    g.beginPath()
    g.moveTo(0, size)
    g.lineTo(size, 0)
    g.moveTo(-size / 2, size / 2)
    g.lineTo(size / 2, -size / 2)
    g.moveTo(size / 2, size * 1.5)
    g.lineTo(size * 1.5, size / 2)
    g.stroke()
    pat = ctx.createPattern(c, 'repeat')
    pat?.setTransform(new DOMMatrix().scale(1 / dpr))
  }
  hatches.set(key, pat)
  return pat
}

export function draw(input: DrawInput): Drawn {
  const { canvas, lanes, geometry, modes, scale, view, palette: pal, grid, focus } = input
  const dpr = Math.max(1, window.devicePixelRatio || 1)
  const W = Math.max(1, Math.floor(view.width))
  const H = Math.max(1, Math.ceil(geometry.height))
  const pw = Math.round(W * dpr)
  const ph = Math.round(H * dpr)
  if (canvas.width !== pw) canvas.width = pw
  if (canvas.height !== ph) canvas.height = ph
  const ctx = canvas.getContext('2d', { alpha: true })
  const drawn: Drawn = lanes.map(() => null)
  if (!ctx) return drawn
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, W, H)

  // Lane bands and separators.
  geometry.boxes.forEach((b, i) => {
    if (i % 2 === 1) {
      ctx.globalAlpha = 0.45
      ctx.fillStyle = pal.faint
      ctx.fillRect(0, b.top, W, b.height)
    }
    ctx.globalAlpha = 1
    ctx.fillStyle = pal.border
    ctx.fillRect(0, b.top + b.height - 1, W, 1)
  })
  // Grid lines at the ticks.
  ctx.fillStyle = pal.border
  ctx.globalAlpha = 0.6
  for (const x of grid) ctx.fillRect(Math.round(x), 0, 1, H)
  ctx.globalAlpha = 1

  const X = pixelMapper(scale, view)
  lanes.forEach((lane, li) => {
    const box = geometry.boxes[li] as LaneBox
    const mode = modes[li] as LaneMode
    if (mode.kind === 'density') {
      drawn[li] = drawDensity(ctx, lane, mode, box, X, W, pal)
      return
    }
    for (let i = mode.lo; i < mode.hi; i++) {
      const xa = X(lane.submit[i] as number)
      const xb = X(lane.end[i] as number)
      if (xb < -MIN_W || xa > W) continue
      const id = lane.ids[i] as number
      const marks = lane.marks[i] as number
      const colour = catColour(pal, lane.cat[i] as number)
      const y = box.barTop + (lane.row[i] as number) * box.rowH
      const h = box.barH
      const dim = focus !== null && !focus.has(id) ? 0.22 : 1
      let xs = X(lane.start[i] as number)
      const wide = xb - xa >= MIN_W
      const end = wide ? xb : xa + MIN_W
      if (!wide) xs = xa
      ctx.fillStyle = colour
      // Queued: submitted, not yet serviced.
      if (xs > xa) {
        ctx.globalAlpha = 0.32 * dim
        ctx.fillRect(xa, y, Math.min(xs, end) - xa, h)
      }
      if (marks & Mark.OPEN) {
        // Never completed: hatched to the end of the run (from submission if never started).
        const from = xs < end ? xs : xa
        ctx.globalAlpha = 0.9 * dim
        ctx.fillStyle = hatch(ctx, colour, dpr) ?? colour
        ctx.fillRect(from, y, end - from, h)
        ctx.fillStyle = colour
        ctx.fillRect(from, y, Math.min(MIN_W, end - from), h)
      } else if (end > xs) {
        ctx.globalAlpha = dim
        ctx.fillRect(xs, y, Math.max(end - xs, MIN_W), h)
      }
      ctx.globalAlpha = dim
      if (marks & Mark.PREFLUSH) {
        ctx.fillStyle = pal.flush
        ctx.fillRect(xa - 1, y - 2, 3, h + 4)
      }
      if (marks & Mark.FUA && !(marks & Mark.OPEN)) {
        ctx.fillStyle = pal.fua
        ctx.fillRect(end - 3, y - 2, 4, h + 4)
      }
      if (marks & Mark.ERROR) {
        ctx.strokeStyle = pal.bad
        ctx.lineWidth = 2
        ctx.beginPath()
        ctx.moveTo(end + 1, y)
        ctx.lineTo(end + 1 + h, y + h)
        ctx.moveTo(end + 1 + h, y)
        ctx.lineTo(end + 1, y + h)
        ctx.stroke()
      }
    }
    ctx.globalAlpha = 1
  })
  return drawn
}

/** Square-root height: a column with a quarter of the peak still shows at half height. */
export function densityHeight(count: number, max: number, full: number): number {
  return max > 0 && count > 0 ? Math.max(1, Math.sqrt(count / max) * full) : 0
}

function drawDensity(
  ctx: CanvasRenderingContext2D,
  lane: TimelineLane,
  mode: LaneMode,
  box: LaneBox,
  X: (t: number) => number,
  W: number,
  pal: Palette,
): Density {
  const d = density(lane, mode.lo, mode.hi, X, W)
  const inner = box.height - 2 * (box.barTop - box.top) + 0
  const full = Math.max(4, inner)
  const bottom = box.barTop + inner
  const w = d.width
  // Stack the colour families bottom-up; heights scale with the column total.
  const acc = new Float32Array(w)
  for (let c = 0; c < CATS; c++) {
    ctx.fillStyle = catColour(pal, c)
    ctx.globalAlpha = 0.9
    for (let x = 0; x < w; x++) {
      const n = d.counts[c * w + x] as number
      if (n === 0) continue
      const total = d.total[x] as number
      const h = (densityHeight(total, d.max, full) * n) / total
      const a = acc[x] as number
      ctx.fillRect(x, bottom - a - h, 1, h)
      acc[x] = a + h
    }
  }
  ctx.globalAlpha = 1
  return d
}
