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
import type { Palette } from '../timeline/draw'
import { formatPrecise, tOf, viewOf, type TimeScale, type View } from '../timeline/scales'
import { formatNs } from '../ui/format'
import { openHatchId, type Budget } from './lanesSvg'
import { LABEL_W, PAD, runBlock, type Ctx, type PictureRun } from './runSvg'
import { legend } from './svgLegend'
import { clip, esc, textEl as text } from './svgText'

export type { PictureRun } from './runSvg'

/** Shapes (rectangles and paths) a picture may hold. */
export const MAX_SHAPES = 40_000
/** Space between the two runs of a comparison. */
const RUN_GAP = 22

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

function windowText(input: PictureInput, view: View, duration: number): string {
  const { scale } = input
  if (!input.window) return `whole run, ${formatNs(duration)}`
  const t0 = Math.max(0, tOf(scale, view, 0))
  const t1 = tOf(scale, view, view.width)
  const step = Math.max(1, (t1 - t0) / 100)
  return `${formatPrecise(t0, step)} – ${formatPrecise(t1, step)} of ${formatNs(duration)}`
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
