import { useThemeVersion } from '../ui/useThemeVersion'
import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react'
import type { Finding } from '../../src/engine'
import type { RunView } from '../data/runView'
import { BlockTip, type TipPlace } from './BlockTip'
import { blockDetail, versionName, WHERE_COLORS, WHERE_NAMES, type CrashImage } from './classify'
import type { BlockRole } from './fsRoles'

/** Columns and rows of the heat map: a power-of-two width, about two and a half times wider than tall. */
export function heatShape(n: number): { cols: number; rows: number } {
  const cols = Math.max(16, 2 ** Math.round(Math.log2(Math.sqrt(n * 2.5))))
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) }
}

/** Colours of the crash-image classes (crashClasses): as the base, written base, differs, finding. */
export const CRASH_COLORS: readonly string[] = ['--faint', '--bm-written', '--c-write', '--c-bad']

type RGBA = [number, number, number, number]

let probe: CanvasRenderingContext2D | null = null

/** A CSS colour as RGBA bytes (via a 1×1 canvas, so any CSS colour syntax works). */
function rgbaOf(css: string): RGBA {
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })
  if (!probe) return [128, 128, 128, 255]
  probe.clearRect(0, 0, 1, 1)
  probe.fillStyle = '#808080'
  probe.fillStyle = css
  probe.fillRect(0, 0, 1, 1)
  const d = probe.getImageData(0, 0, 1, 1).data
  return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0, d[3] ?? 255]
}

function mix(a: RGBA, b: RGBA, t: number): RGBA {
  return [0, 1, 2, 3].map((i) =>
    Math.round((a[i] as number) * (1 - t) + (b[i] as number) * t),
  ) as RGBA
}

/** Packs the palette for a Uint32 view of ImageData (little-endian: ABGR). */
function paletteOf(el: Element, vars: readonly string[]): Uint32Array {
  const cs = getComputedStyle(el)
  const get = (v: string) => rgbaOf(cs.getPropertyValue(v).trim() || '#888')
  const panel = get('--panel')
  const derived: Record<string, RGBA> = {
    '--bm-media': mix(get('--c-durable'), [255, 255, 255, 255], 0.5),
    '--bm-written': mix(get('--muted'), panel, 0.55),
  }
  const out = new Uint32Array(vars.length)
  vars.forEach((v, i) => {
    const [r, g, b, a] = derived[v] ?? get(v)
    out[i] = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
  })
  return out
}

interface Props {
  run: RunView
  index: number
  /** Per block: its class (Where, or a crash class with `image`). Shared: may change in place. */
  classes: Uint8Array
  /** Playhead position the classes are at (changes when they change in place). */
  stamp: number
  image: CrashImage | null
  base: Int32Array | null
  findings: Finding[]
  roles: BlockRole[] | null
}

/** Large devices: one pixel per block on a canvas, coloured by where its latest version is; hover for details. */
export function HeatMap({ run, index, classes, stamp, image, base, findings, roles }: Props) {
  const n = run.p.config.stack.deviceBlocks
  const { cols, rows } = heatShape(n)
  const canvas = useRef<HTMLCanvasElement>(null)
  const wrap = useRef<HTMLDivElement>(null)
  const pixels = useRef<ImageData | null>(null)
  const theme = useThemeVersion()
  const [tip, setTip] = useState<TipPlace | null>(null)
  const [cursor, setCursor] = useState<number | null>(null)
  const uid = useId()

  // Colours come from CSS variables: `theme` bumps when data-theme or the classes on <html> change.
  // Pixels already drawn, as classes: a frame repaints only the blocks whose class changed.
  const drawn = useRef<{ classes: Uint8Array; palette: Uint32Array; key: string } | null>(null)
  useLayoutEffect(() => {
    const c = canvas.current
    const ctx = c?.getContext('2d')
    if (!c || !ctx) return
    if (!pixels.current || pixels.current.width !== cols || pixels.current.height !== rows) {
      pixels.current = ctx.createImageData(cols, rows)
      drawn.current = null
    }
    const img = pixels.current
    const key = `${theme}/${image ? 'crash' : 'live'}/${n}`
    let d = drawn.current
    const full = !d || d.key !== key
    if (!d || full) {
      d = {
        classes: new Uint8Array(cols * rows),
        palette: paletteOf(c, image ? CRASH_COLORS : WHERE_COLORS),
        key,
      }
      drawn.current = d
    }
    const px = new Uint32Array(img.data.buffer)
    const len = Math.min(n, classes.length)
    const old = d.classes
    const pal = d.palette
    if (full) {
      for (let b = 0; b < len; b++) px[b] = pal[(old[b] = classes[b] as number)] as number
      px.fill(0, len)
    } else {
      // Compare four blocks at a time; most words are unchanged between frames.
      const words = len >> 2
      const now32 =
        classes.byteOffset % 4 === 0
          ? new Uint32Array(classes.buffer, classes.byteOffset, words)
          : null
      const old32 = new Uint32Array(old.buffer, 0, words)
      let from = 0
      if (now32) {
        for (let w = 0; w < words; w++) {
          if (now32[w] === old32[w]) continue
          for (let b = w << 2; b < (w << 2) + 4; b++)
            px[b] = pal[(old[b] = classes[b] as number)] as number
        }
        from = words << 2
      }
      for (let b = from; b < len; b++)
        if (old[b] !== classes[b]) px[b] = pal[(old[b] = classes[b] as number)] as number
    }
    ctx.putImageData(img, 0, 0)
  }, [classes, stamp, cols, rows, n, image, theme])

  const detail = useMemo(
    () =>
      tip && tip.block < n
        ? blockDetail(run.stateAt(index), run.p.requests.completeEv, index, tip.block)
        : null,
    [run, index, tip, n],
  )

  const placeAt = (b: number) => {
    const c = canvas.current
    const w = wrap.current
    if (!c || !w) return
    const sx = c.clientWidth / cols
    const sy = c.clientHeight / rows
    setTip({
      block: b,
      x: c.offsetLeft + (b % cols) * sx,
      y: c.offsetTop + (Math.floor(b / cols) + 1) * sy + 6,
      width: w.clientWidth,
    })
  }

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect()
    const col = Math.floor(((e.clientX - r.left) / r.width) * cols)
    const row = Math.floor(((e.clientY - r.top) / r.height) * rows)
    const b = row * cols + col
    if (col < 0 || col >= cols || row < 0 || b >= n) {
      setTip(null)
      return
    }
    if (tip?.block !== b) placeAt(b)
  }

  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const cur = cursor ?? 0
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: cols,
      ArrowUp: -cols,
      PageDown: cols * 8,
      PageUp: -cols * 8,
    }
    let next: number | null = null
    if (e.key in moves)
      next = Math.max(0, Math.min(n - 1, cur + (moves[e.key] as number) * (e.shiftKey ? 16 : 1)))
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = n - 1
    else if (e.key === 'Escape') {
      setTip(null)
      return
    }
    if (next === null) return
    e.preventDefault()
    setCursor(next)
    placeAt(next)
  }

  const cls = cursor !== null ? (classes[cursor] as number) : 0
  return (
    <div className="bm-heatwrap" ref={wrap} onMouseLeave={() => setTip(null)}>
      <div className="bm-canvasbox">
        <canvas
          ref={canvas}
          className="bm-canvas"
          width={cols}
          height={rows}
          tabIndex={0}
          role="img"
          aria-label={`Heat map of ${n.toLocaleString('en')} blocks, ${cols} per row; arrow keys move between blocks`}
          onMouseMove={onMove}
          onKeyDown={onKey}
          onFocus={() => {
            const b = cursor ?? 0
            setCursor(b)
            placeAt(b)
          }}
          onBlur={() => setTip(null)}
        />
        {tip && (
          <span
            className="bm-cursor"
            aria-hidden="true"
            style={{
              left: `calc(${((tip.block % cols) / cols) * 100}% - 4px)`,
              top: `calc(${(Math.floor(tip.block / cols) / rows) * 100}% - 4px)`,
              width: `calc(${100 / cols}% + 8px)`,
              height: `calc(${100 / rows}% + 8px)`,
            }}
          />
        )}
      </div>
      <span className="sr-only" aria-live="polite">
        {cursor !== null
          ? `Block ${cursor}: ${image ? versionName(image.version[cursor] as number) : (WHERE_NAMES[cls] ?? '')}`
          : ''}
      </span>
      {tip && detail && (
        <BlockTip
          id={`${uid}-tip`}
          place={tip}
          detail={detail}
          role={roles?.[tip.block] ?? null}
          image={image}
          base={base}
          findings={findings}
        />
      )}
    </div>
  )
}
