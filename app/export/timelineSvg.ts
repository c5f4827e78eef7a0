/**
 * The timeline as a standalone SVG file: a title line (scenario, variant, time window, playhead),
 * a legend, and for each run on screen (two when comparing, on one shared time scale) its axis
 * (ticks, squeezed gaps, outside events), its lane labels and its lanes (lanesSvg.ts), with the
 * gaps, outside events, crash instant, the playhead and the dimmed future over them. Colours
 * are concrete values (the caller resolves the theme's CSS variables), the font a generic list:
 * the file needs nothing from the page. Pure: a string from layout data, unit tested.
 *
 * Size is bounded: a lane in view draws at most about one bar per pixel column before it turns
 * into a density (laneModes), and density columns of equal height merge, so a picture holds
 * tens of thousands of shapes at most; MAX_SHAPES caps it anyway, and the footer says how many
 * were left out if it ever bites.
 */
import {
  laneGeometry,
  laneModes,
  type Geometry,
  type LaneMode,
  type Palette,
} from '../timeline/draw'
import { placeOf, type Place } from '../timeline/hit'
import { clearOf, placeLabels, type LabelWish } from '../timeline/labels'
import type { TimelineData } from '../timeline/layout'
import { OUTSIDE_GLYPH } from '../timeline/Marks'
import {
  breakMarks,
  formatPrecise,
  pixelMapper,
  timeTicks,
  tOf,
  viewOf,
  xOf,
  type Break,
  type TimeScale,
  type View,
} from '../timeline/scales'
import { Outside } from '../../src/engine'
import { formatNs } from '../ui/format'
import { lanesSvg, openHatchId, type Budget } from './lanesSvg'
import { clip, esc, num } from './svgText'

/** Shapes (rectangles and paths) a picture may hold. */
export const MAX_SHAPES = 40_000
/** Below this many requests every parent → child link is drawn, faintly, as on screen. */
const ALL_LINKS_BELOW = 300

const PAD = 16
const LABEL_W = 196
const AXIS_H = 42
const AXIS_FONT = 11.5
const RUN_GAP = 22

export interface PictureRun {
  /** The variant's title and id. */
  title: string
  variant: string
  seed: number
  data: TimelineData
  /** Parent of each request (the payload's column), for the faint links of small runs. */
  parent: Int32Array
  playheadT: number
  crashT: number | null
}

export interface PictureInput {
  scenarioTitle: string
  runs: PictureRun[]
  /** The time scale the runs share, and the window shown (null: the whole run). */
  scale: TimeScale
  window: { t0: number; t1: number } | null
  plotWidth: number
  palette: Palette
  font: string
}

export interface Picture {
  svg: string
  width: number
  height: number
  /** Shapes drawn in the lanes, and shapes left out by MAX_SHAPES. */
  shapes: number
  dropped: number
}

interface Ctx {
  out: string[]
  pal: Palette
  scale: TimeScale
  view: View
  W: number
  budget: Budget
}

const text = (x: number, y: number, body: string, attrs = ''): string =>
  `<text x="${num(x)}" y="${num(y)}"${attrs}>${esc(body)}</text>`

function windowText(input: PictureInput, view: View, duration: number): string {
  const { scale } = input
  if (!input.window) return `whole run, ${formatNs(duration)}`
  const t0 = Math.max(0, tOf(scale, view, 0))
  const t1 = tOf(scale, view, view.width)
  const step = Math.max(1, (t1 - t0) / 100)
  return `${formatPrecise(t0, step)} – ${formatPrecise(t1, step)} of ${formatNs(duration)}`
}

/** One legend entry: a small drawing and its words, laid out left to right, wrapping. */
interface Entry {
  draw: (x: number, y: number) => string
  label: string
}

function legendEntries(p: Palette): Entry[] {
  const sw =
    (fill: string, opacity = 1) =>
    (x: number, y: number) =>
      `<rect x="${num(x)}" y="${num(y + 3)}" width="22" height="9" fill="${fill}"${opacity < 1 ? ` fill-opacity="${opacity}"` : ''}/>`
  return [
    { draw: sw(p.write), label: 'write' },
    { draw: sw(p.read), label: 'read' },
    { draw: sw(p.flush), label: 'FLUSH / fsync' },
    { draw: sw(p.writeback), label: 'background writeback' },
    { draw: sw(p.other), label: 'discard, zeroes, fallocate' },
    {
      draw: (x, y) =>
        `${sw(p.write, 0.32)(x, y)}<rect x="${num(x + 9)}" y="${num(y + 3)}" width="13" height="9" fill="${p.write}"/>`,
      label: 'queued, then serviced',
    },
    {
      draw: (x, y) =>
        `${sw(p.write)(x, y)}<rect x="${num(x + 19)}" y="${num(y + 1)}" width="4" height="13" fill="${p.fua}"/>`,
      label: 'FUA (cap at completion)',
    },
    {
      draw: (x, y) =>
        `${sw(p.write)(x, y)}<rect x="${num(x - 1)}" y="${num(y + 1)}" width="3" height="13" fill="${p.flush}"/>`,
      label: 'PREFLUSH (tick at submission)',
    },
    {
      draw: (x, y) =>
        `<path d="M${num(x)},${num(y + 14)}V${num(y + 9)}h5v-5h5v7h6v-9h6v12z" fill="${p.write}" fill-opacity="0.9"/>`,
      label: 'too many to draw: height = requests in flight (√)',
    },
    {
      draw: (x, y) =>
        `<line x1="${num(x + 11)}" x2="${num(x + 11)}" y1="${num(y)}" y2="${num(y + 15)}" stroke="${p.fg}" stroke-width="2"/>`,
      label: 'playhead',
    },
  ]
}

function legend(c: Ctx, x0: number, y0: number, width: number): number {
  const charPx = 11 * 0.56
  let x = x0
  let y = y0
  for (const e of legendEntries(c.pal)) {
    const w = 28 + e.label.length * charPx + 16
    if (x > x0 && x + w > x0 + width) {
      x = x0
      y += 19
    }
    c.out.push(e.draw(x, y), text(x + 28, y + 12, e.label, ` font-size="11" fill="${c.pal.fg}"`))
    x += w
  }
  return y + 19 - y0
}

function zigzag(x: number, y0: number, y1: number): string {
  let d = `M${num(x)},${num(y0)}`
  let flip = false
  for (let y = y0 + 6; y <= y1; y += 6) {
    d += `L${num(x + (flip ? -2.5 : 2.5))},${num(y)}`
    flip = !flip
  }
  return d
}

const outsideStroke = (p: Palette, kind: number): string =>
  kind === Outside.POWER_LOSS
    ? `stroke="${p.bad}" stroke-width="2.5"`
    : kind === Outside.FUZZY_COPY_START || kind === Outside.FUZZY_COPY_END
      ? `stroke="${p.muted}" stroke-width="1.5" stroke-dasharray="5 3"`
      : `stroke="${p.fg}" stroke-width="1.5" stroke-dasharray="5 3"`

/** The axis of one run, in plot coordinates: ticks, squeezed gaps, outside events, playhead head. */
function axis(c: Ctx, run: PictureRun, breaks: Break[]): void {
  const { out, pal, scale, view, W } = c
  const base = AXIS_H - 1
  const tickY = base - 9
  const charPx = AXIS_FONT * 0.6
  const breakLabels = breaks.map((b) => {
    const label = `⋯ ${b.label} ⋯`
    const mid = (b.x0 + b.x1) / 2
    const half = (label.length * charPx) / 2
    return { b, label, mid, box: [mid - half, mid + half] as [number, number] }
  })
  for (const { b, label, mid } of breakLabels) {
    out.push(
      `<rect x="${num(b.x0)}" y="${num(tickY + 3)}" width="${num(Math.max(0, b.x1 - b.x0))}" height="${num(base - tickY - 3)}" fill="url(#gap-hatch)"/>`,
    )
    out.push(text(mid, tickY, label, ` text-anchor="middle" font-weight="600" fill="${pal.fg}"`))
  }
  const ticks = clearOf(
    timeTicks(scale, view, 110),
    breakLabels.map((l) => l.box),
    charPx,
  )
  for (const t of ticks) {
    const anchor = t.x < 30 ? 'start' : t.x > W - 30 ? 'end' : 'middle'
    out.push(
      `<line x1="${num(t.x)}" x2="${num(t.x)}" y1="${base - 6}" y2="${base}" stroke="${pal.muted}"/>`,
    )
    out.push(
      text(
        t.x,
        tickY,
        t.label,
        ` text-anchor="${anchor}" fill="${t.anchor ? pal.fg : pal.muted}"${t.anchor ? ' font-weight="600"' : ''}`,
      ),
    )
  }
  out.push(`<line x1="0" x2="${num(W)}" y1="${base}" y2="${base}" stroke="${pal.muted}"/>`)
  const wishes: LabelWish[] = run.data.outside.map((o) => ({
    key: o.index,
    x: xOf(scale, view, o.t),
    text: `${OUTSIDE_GLYPH[o.kind] ?? '●'} ${o.name}`,
    short: OUTSIDE_GLYPH[o.kind] ?? '●',
  }))
  if (run.crashT !== null)
    wishes.push({
      key: 'crash',
      x: xOf(scale, view, run.crashT),
      text: '✕ crash explored',
      short: '✕',
    })
  const kinds = new Map<string | number, number>(run.data.outside.map((o) => [o.index, o.kind]))
  for (const l of placeLabels(
    wishes.filter((w) => w.x >= -1 && w.x <= W + 1),
    W,
    charPx * 1.1,
  )) {
    const bad = l.key === 'crash' || kinds.get(l.key) === Outside.POWER_LOSS
    out.push(
      text(
        l.x,
        Math.round(AXIS_FONT + 2),
        l.text,
        ` text-anchor="${l.anchor}" font-weight="700" fill="${bad ? pal.bad : pal.fg}"`,
      ),
    )
  }
  const x = xOf(scale, view, run.playheadT)
  if (x >= -1 && x <= W + 1)
    out.push(
      `<path d="M${num(x - 6)},${base - 9}L${num(x + 6)},${base - 9}L${num(x)},${base}Z" fill="${pal.fg}"/>`,
    )
}

function linkPath(p: Place, q: Place): string {
  const down = p.top <= q.top
  const x1 = Math.min(Math.max(q.x0, p.x0), p.x1)
  const y1 = down ? p.bottom : p.top
  const x2 = q.x0 + 1
  const y2 = down ? q.top - 1 : q.bottom + 1
  const ym = (y1 + y2) / 2
  return `M${num(x1)},${num(y1)}C${num(x1)},${num(ym)} ${num(x2)},${num(ym)} ${num(x2)},${num(y2)}`
}

/** Every parent → child link of a small run, faint (as the screen draws them). */
function links(c: Ctx, run: PictureRun, g: Geometry, modes: LaneMode[]): void {
  const d = run.data
  if (d.requests >= ALL_LINKS_BELOW) return
  const place = (id: number) => placeOf(d, g, modes, c.scale, c.view, id)
  const paths: string[] = []
  for (let id = 1; id < run.parent.length; id++) {
    const par = run.parent[id] as number
    if (!(par > 0) || (d.laneOf[id] as number) < 0 || (d.laneOf[par] as number) < 0) continue
    const p = place(par)
    const q = place(id)
    if (!p || !q || (p.x1 < -40 && q.x1 < -40) || (p.x0 > c.W + 40 && q.x0 > c.W + 40)) continue
    paths.push(`<path d="${linkPath(p, q)}"/>`)
  }
  if (paths.length > 0)
    c.out.push(
      `<g fill="none" stroke="${c.pal.muted}" stroke-opacity="0.45" marker-end="url(#arrow-faint)">${paths.join('')}</g>`,
    )
}

/** Marks over the lanes: gaps, outside events, the crash instant, links, the future, the playhead. */
function overlay(c: Ctx, run: PictureRun, g: Geometry, modes: LaneMode[], breaks: Break[]): void {
  const { out, pal, scale, view, W } = c
  const H = g.height
  const vline = (x: number, attrs: string) =>
    out.push(`<line x1="${num(x)}" x2="${num(x)}" y1="0" y2="${num(H)}" ${attrs}/>`)
  for (const b of breaks) {
    out.push(
      `<rect x="${num(b.x0)}" y="0" width="${num(Math.max(0, b.x1 - b.x0))}" height="${num(H)}" fill="url(#gap-hatch)" fill-opacity="0.95"/>`,
    )
    out.push(
      `<path d="${zigzag(b.x0, 0, H)}${zigzag(b.x1, 0, H)}" fill="none" stroke="${pal.muted}" stroke-width="1.2"/>`,
    )
  }
  for (const o of run.data.outside) {
    const x = xOf(scale, view, o.t)
    if (x >= -1 && x <= W + 1) vline(x, outsideStroke(pal, o.kind))
  }
  if (run.crashT !== null) {
    const x = xOf(scale, view, run.crashT)
    if (x >= -1 && x <= W + 1)
      vline(x, `stroke="${pal.bad}" stroke-width="2" stroke-dasharray="2 3"`)
  }
  links(c, run, g, modes)
  const x = xOf(scale, view, run.playheadT)
  const clamped = Math.max(0, Math.min(W, x))
  if (clamped < W)
    out.push(
      `<rect x="${num(clamped)}" y="0" width="${num(W - clamped)}" height="${num(H)}" fill="${pal.panel}" fill-opacity="0.55"/>`,
    )
  if (x >= -1 && x <= W + 1) vline(x, `stroke="${pal.fg}" stroke-width="2"`)
}

/** The lane labels and bands of one run, over the full width (labels left of the plot). */
function laneFrame(c: Ctx, run: PictureRun, g: Geometry, peaks: number[], ticks: number[]): void {
  const { out, pal } = c
  const full = LABEL_W + c.W
  run.data.lanes.forEach((l, i) => {
    const b = g.boxes[i]
    if (!b) return
    if (i % 2 === 1)
      out.push(
        `<rect x="${-LABEL_W}" y="${num(b.top)}" width="${num(full)}" height="${num(b.height)}" fill="${pal.faint}" fill-opacity="0.45"/>`,
      )
    out.push(
      `<rect x="${-LABEL_W}" y="${num(b.top + b.height - 1)}" width="${num(full)}" height="1" fill="${pal.border}"/>`,
    )
    const peak = peaks[i] ?? 0
    const lines = [
      l.sub,
      ...(peak > 0 ? [`density: up to ${peak.toLocaleString('en')} in flight`] : []),
    ]
    const y0 = b.top + b.height / 2 - (lines.length * 12) / 2 + 4
    out.push(
      text(
        -LABEL_W + 4,
        y0,
        clip(l.label, 30),
        ` font-size="12" font-weight="600" fill="${pal.fg}"`,
      ),
    )
    lines.forEach((s, k) =>
      out.push(
        text(-LABEL_W + 4, y0 + 13 + k * 12, clip(s, 34), ` font-size="10.5" fill="${pal.muted}"`),
      ),
    )
  })
  for (const x of ticks)
    out.push(
      `<rect x="${Math.round(x)}" y="0" width="1" height="${num(g.height)}" fill="${pal.border}" fill-opacity="0.6"/>`,
    )
}

/** One run's block (heading, axis, lanes); returns its height. */
function runBlock(c: Ctx, run: PictureRun, index: number, heading: boolean, y: number): number {
  const { out, pal, scale, view, W } = c
  const g = laneGeometry(run.data.lanes, false)
  const modes = laneModes(run.data.lanes, scale, view)
  const breaks = breakMarks(scale, view)
  const ticks = timeTicks(scale, view, 110).map((t) => t.x)
  const headH = heading ? 20 : 0
  out.push(`<g transform="translate(${PAD + LABEL_W},${num(y)})">`)
  if (heading)
    out.push(
      text(
        -LABEL_W,
        14,
        `${index === 0 ? 'Timeline' : 'Compared with'}: ${run.title}`,
        ` font-size="13" font-weight="700" fill="${pal.fg}"`,
      ),
    )
  out.push(`<g transform="translate(0,${headH})" font-size="${AXIS_FONT}">`)
  axis(c, run, breaks)
  out.push('</g>')
  const lanesY = headH + AXIS_H
  out.push(`<g transform="translate(0,${lanesY})">`)
  const drawn = lanesSvg({
    lanes: run.data.lanes,
    geometry: g,
    modes,
    X: pixelMapper(scale, view),
    width: W,
    palette: pal,
    budget: c.budget,
    prefix: 'ls',
  })
  laneFrame(c, run, g, drawn.peaks, ticks)
  out.push(
    `<clipPath id="plot-${index}"><rect width="${num(W)}" height="${num(g.height)}"/></clipPath>`,
  )
  out.push(`<g clip-path="url(#plot-${index})">`, drawn.svg)
  overlay(c, run, g, modes, breaks)
  out.push('</g>')
  out.push(`<line x1="0" x2="0" y1="0" y2="${num(g.height)}" stroke="${pal.border}"/>`)
  if (run.data.lanes.length === 0)
    out.push(text(8, 20, 'No requests in this run.', ` font-size="12" fill="${pal.muted}"`))
  out.push('</g></g>')
  return headH + AXIS_H + Math.max(g.height, run.data.lanes.length ? 0 : 32)
}

function defs(p: Palette): string {
  const open = [p.write, p.writeback, p.read, p.flush, p.other].map(
    (colour, cat) =>
      `<pattern id="${openHatchId('ls', cat)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="${colour}" stroke-width="1.5"/></pattern>`,
  )
  return `<defs><pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${p.panel}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${p.border}" stroke-width="2"/></pattern>${open.join('')}<marker id="arrow-faint" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${p.muted}" fill-opacity="0.6"/></marker></defs>`
}

export function timelineSvg(input: PictureInput): Picture {
  const W = Math.max(200, Math.floor(input.plotWidth))
  const view = viewOf(input.scale, input.window, W)
  const budget: Budget = { left: MAX_SHAPES, dropped: 0 }
  const body: string[] = []
  const c: Ctx = { out: body, pal: input.palette, scale: input.scale, view, W, budget }
  const width = PAD * 2 + LABEL_W + W
  const pal = input.palette
  const [first, second] = input.runs
  const duration = input.scale.duration
  const variants = second
    ? `${first?.title ?? ''} compared with ${second.title}`
    : `variant: ${first?.title ?? ''}`
  const playhead = first ? ` · playhead at ${formatNs(first.playheadT)}` : ''
  body.push(
    text(
      PAD,
      PAD + 16,
      clip(input.scenarioTitle, Math.floor(width / 10)),
      ` font-size="18" font-weight="700" fill="${pal.fg}"`,
    ),
  )
  body.push(
    text(
      PAD,
      PAD + 36,
      `${variants} · ${windowText(input, view, duration)}${playhead}`,
      ` font-size="12.5" fill="${pal.muted}"`,
    ),
  )
  let y = PAD + 46
  y += legend(c, PAD, y, width - 2 * PAD) + 8
  input.runs.forEach((run, i) => {
    y += runBlock(c, run, i, input.runs.length > 1, y) + RUN_GAP
  })
  const seeds = input.runs.map((r) => `${r.variant} seed ${r.seed}`).join(', ')
  const dropped =
    budget.dropped > 0
      ? ` · ${budget.dropped.toLocaleString('en')} shapes left out (over ${MAX_SHAPES.toLocaleString('en')})`
      : ''
  body.push(text(PAD, y, `loopscope · ${seeds}${dropped}`, ` font-size="10.5" fill="${pal.muted}"`))
  const height = Math.ceil(y + PAD)
  const title = `${input.scenarioTitle} — ${variants}`
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(input.font)}">`,
    `<title>${esc(title)}</title>`,
    defs(pal),
    `<rect width="${width}" height="${height}" fill="${pal.panel}"/>`,
    ...body,
    '</svg>',
  ].join('\n')
  return { svg, width, height, shapes: MAX_SHAPES - budget.left, dropped: budget.dropped }
}
