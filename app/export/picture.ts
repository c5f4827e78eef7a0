/**
 * The timeline picture as the reader sees it now: the runs on screen (both when comparing), the
 * time window, the squeeze setting, the playhead and the crash instant, the plot's width, and
 * the theme's colours resolved to concrete values. Then the PNG: the SVG drawn into a canvas at
 * twice its size through an <img> from a Blob URL.
 *
 * Why rasterise the SVG rather than copy the canvas and its SVG overlay off the screen: the PNG
 * and the SVG then show one drawing, made once; the overlay on screen is styled by the page's
 * CSS classes and the labels and title are HTML, none of which a canvas copy would carry; and
 * the on-screen canvas has the device's pixel ratio (often 1 on a projector), not 2. An SVG with
 * no external references, drawn from a same-origin Blob URL, does not taint the canvas.
 */
import type { RunView } from '../data/runView'
import { playheadOf } from '../playback/playhead'
import type { AppState } from '../store/types'
import { readPalette, type Palette } from '../timeline/draw'
import { scaleFor, timelineOf, useTimelinePrefs } from '../timeline/model'
import { timelineSvg, type Picture, type PictureRun } from './timelineSvg'

/** The plot width when no timeline is on screen to measure. */
const FALLBACK_WIDTH = 1000

/** Any CSS colour (a variable's value may be color-mix(), a name, hsl()) as the canvas spells it. */
function concrete(colour: string, ctx: CanvasRenderingContext2D | null): string {
  if (!ctx) return colour
  ctx.fillStyle = '#888888'
  ctx.fillStyle = colour
  return ctx.fillStyle
}

function concretePalette(): Palette {
  const ctx = document.createElement('canvas').getContext('2d')
  const p = readPalette()
  const out = {} as Palette
  for (const k of Object.keys(p) as Array<keyof Palette>) out[k] = concrete(p[k], ctx)
  return out
}

function variantTitle(run: RunView): string {
  return run.p.scenario.variants.find((v) => v.id === run.p.variant)?.title ?? run.p.variant
}

/** The width the timeline draws its lanes at: its canvas's CSS width, set from the same number. */
function plotWidth(): number {
  const el = document.querySelector('[data-testid="timeline-canvas-primary"]')
  const w = el instanceof HTMLElement ? parseFloat(el.style.width) : NaN
  return w > 200 ? w : FALLBACK_WIDTH
}

export interface PictureOf {
  picture: Picture
  /** The variants drawn: the primary, and the compared one or null. */
  variant: string
  compared: string | null
}

/** The timeline picture of the page's current view, or null before the run is ready. */
export function currentPicture(s: AppState): PictureOf | null {
  if (s.primary.status !== 'ready') return null
  const primary = s.primary.value
  const comparing = s.route.screen === 'scenario' && s.route.compare !== null
  const other = comparing && s.compare.status === 'ready' ? s.compare.value : null
  const runOf = (run: RunView, which: 'primary' | 'compare'): PictureRun => ({
    title: variantTitle(run),
    variant: run.p.variant,
    seed: run.p.seed,
    data: timelineOf(run),
    parent: run.p.requests.parent,
    playheadT: run.timeAt(playheadOf(s, run, which)),
    crashT: which === 'primary' && s.crash.at !== null ? run.timeAt(s.crash.at) : null,
  })
  const picture = timelineSvg({
    scenarioTitle: primary.p.scenario.title,
    runs: other
      ? [runOf(primary, 'primary'), runOf(other, 'compare')]
      : [runOf(primary, 'primary')],
    scale: scaleFor(primary, other, useTimelinePrefs.getState().compress),
    window: s.window,
    plotWidth: plotWidth(),
    palette: concretePalette(),
    font:
      getComputedStyle(document.documentElement).getPropertyValue('--font').trim() ||
      'system-ui, sans-serif',
  })
  return { picture, variant: primary.p.variant, compared: other ? other.p.variant : null }
}

/** The picture as a PNG at `scale` times its size (2: sharp on a slide and in print). */
export async function pngOf(picture: Picture, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([picture.svg], { type: 'image/svg+xml' }))
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(picture.width * scale)
    canvas.height = Math.round(picture.height * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('this browser gives no 2D canvas to draw the picture on')
    ctx.scale(scale, scale)
    ctx.drawImage(img, 0, 0, picture.width, picture.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))),
        'image/png',
      ),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}
