/**
 * One run's block of the exported timeline picture: an optional heading, the axis (ticks,
 * squeezed gaps, outside events and the crash instant, the playhead's head), the lane labels and
 * bands, the lanes (lanesSvg.ts) clipped to the plot, and over them the gaps, outside events,
 * crash line, the faint links of a small run, the dimmed future and the playhead: the marks the
 * screen's SVG overlay (app/timeline/Marks.tsx) draws, with its colours written out.
 */
import {
  laneGeometry,
  laneModes,
  type Geometry,
  type LaneMode,
  type Palette,
} from '../timeline/draw'
import { linkCurve, placeOf, type Place } from '../timeline/hit'
import { clearOf, placeLabels, type LabelWish } from '../timeline/labels'
import type { TimelineData } from '../timeline/layout'
import { OUTSIDE_GLYPH } from '../timeline/Marks'
import {
  breakMarks,
  pixelMapper,
  timeTicks,
  xOf,
  type Break,
  type TimeScale,
  type View,
} from '../timeline/scales'
import { Outside } from '../../src/engine'
import { lanesSvg, type Budget } from './lanesSvg'
import { clip, num, textEl as text } from './svgText'

/** Below this many requests every parent → child link is drawn, faintly, as on screen. */
const ALL_LINKS_BELOW = 300

/** The picture's margin, and the width of the lane label column left of the plot. */
export const PAD = 16
export const LABEL_W = 196
const AXIS_H = 42
const AXIS_FONT = 11.5

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

/** What every part of the picture draws with: the output, colours, scale and view, the budget. */
export interface Ctx {
  out: string[]
  pal: Palette
  scale: TimeScale
  view: View
  W: number
  budget: Budget
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
  const { x1, y1, x2, y2, ym } = linkCurve(p, q)
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
export function runBlock(
  c: Ctx,
  run: PictureRun,
  index: number,
  heading: boolean,
  y: number,
): number {
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
