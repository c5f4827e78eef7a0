/**
 * The SVG half of the timeline: the axis above the lanes (ticks, break marks, outside events),
 * and the overlay on the canvas (idle gaps, outside events, the crash instant, arrows from a
 * request to the work it caused, outlines, the playhead and the dimmed future). The playhead
 * parts subscribe to the playhead themselves, so playing re-renders only them.
 */
import { memo, useEffect } from 'react'
import { Outside } from '../../src/engine'
import type { PlayView } from '../data/runView'
import { playheadOf } from '../playback/playhead'
import { useApp, useStoreApi } from '../store/context'
import type { Geometry, LaneMode } from './draw'
import { linkCurve, placeOf, type Hit, type Place } from './hit'
import { clearOf, placeLabels, type LabelWish } from './labels'
import type { Link, OutsideMark, TimelineData } from './layout'
import { toU, windowOf, xOf, type Break, type Tick, type TimeScale, type View } from './scales'

export const OUTSIDE_GLYPH: Record<number, string> = {
  [Outside.POWER_LOSS]: '⚡',
  [Outside.ATOMIC_SNAPSHOT]: '◆',
  [Outside.BLOCK_SNAPSHOT]: '▣',
  [Outside.FUZZY_COPY_START]: '⇥',
  [Outside.FUZZY_COPY_END]: '⇤',
}

export function outsideClass(kind: number): string {
  return kind === Outside.POWER_LOSS
    ? 'tl-out power'
    : kind === Outside.FUZZY_COPY_START || kind === Outside.FUZZY_COPY_END
      ? 'tl-out copy'
      : 'tl-out snap'
}

function inView(x: number, width: number): boolean {
  return x >= -1 && x <= width + 1
}

/** A zig-zag down the edges of a squeezed gap. */
function zigzag(x: number, y0: number, y1: number): string {
  const step = 6
  let d = `M${x},${y0}`
  let flip = false
  for (let y = y0 + step; y <= y1; y += step) {
    d += `L${x + (flip ? -2.5 : 2.5)},${y}`
    flip = !flip
  }
  return d
}

export function GapBands({
  breaks,
  height,
  idPrefix,
}: {
  breaks: Break[]
  height: number
  idPrefix: string
}) {
  return (
    <g className="tl-gaps">
      {breaks.map((b) => (
        <g key={b.t0}>
          <rect
            x={b.x0}
            y={0}
            width={Math.max(0, b.x1 - b.x0)}
            height={height}
            fill={`url(#${idPrefix}-hatch)`}
            className="tl-gap-band"
          />
          <path d={zigzag(b.x0, 0, height)} className="tl-gap-edge" />
          <path d={zigzag(b.x1, 0, height)} className="tl-gap-edge" />
        </g>
      ))}
    </g>
  )
}

export const HatchDef = memo(function HatchDef({ id }: { id: string }) {
  return (
    <defs>
      <pattern
        id={id}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" className="tl-hatch-bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="tl-hatch-line" />
      </pattern>
    </defs>
  )
})

interface AxisProps {
  ticks: Tick[]
  breaks: Break[]
  outside: OutsideMark[]
  crashT: number | null
  scale: TimeScale
  view: View
  height: number
  idPrefix: string
  run: PlayView
  which: 'primary' | 'compare'
  /** Font size of the axis labels, in pixels. */
  fontPx: number
}

export const Axis = memo(function Axis({
  ticks,
  breaks,
  outside,
  crashT,
  scale,
  view,
  height,
  idPrefix,
  run,
  which,
  fontPx,
}: AxisProps) {
  const w = view.width
  const base = height - 1
  const tickY = base - 9
  const topY = Math.round(fontPx + 2)
  // Approximate advance of one character of the axis type.
  const charPx = fontPx * 0.6
  const breakLabels = breaks.map((b) => {
    const text = `⋯ ${b.label} ⋯`
    const c = (b.x0 + b.x1) / 2
    const half = (text.length * charPx) / 2
    return { b, text, c, box: [c - half, c + half] as [number, number] }
  })
  const shown = clearOf(
    ticks,
    breakLabels.map((l) => l.box),
    charPx,
  )
  const wishes: LabelWish[] = outside.map((o) => ({
    key: o.index,
    x: xOf(scale, view, o.t),
    text: `${OUTSIDE_GLYPH[o.kind] ?? '●'} ${o.name}`,
    short: OUTSIDE_GLYPH[o.kind] ?? '●',
  }))
  if (crashT !== null)
    wishes.push({ key: 'crash', x: xOf(scale, view, crashT), text: '✕ crash explored', short: '✕' })
  const placed = placeLabels(
    wishes.filter((l) => inView(l.x, w)),
    w,
    charPx * 1.1,
  )
  const kindOf = new Map(outside.map((o) => [o.index as string | number, o.kind]))
  return (
    <svg className="tl-axis" width={w} height={height} aria-hidden="true">
      <HatchDef id={`${idPrefix}-hatch`} />
      {breakLabels.map(({ b, text, c }) => (
        <g key={b.t0} className="tl-break">
          <rect
            x={b.x0}
            y={tickY + 3}
            width={Math.max(0, b.x1 - b.x0)}
            height={base - tickY - 3}
            fill={`url(#${idPrefix}-hatch)`}
            className="tl-gap-band"
          />
          <text x={c} y={tickY} textAnchor="middle" className="tl-break-label">
            <title>{`Nothing happens for ${b.label}: squeezed (turn off “Squeeze idle gaps” to see it at scale)`}</title>
            {text}
          </text>
        </g>
      ))}
      {shown.map((t) => (
        <g
          key={t.t}
          transform={`translate(${t.x},0)`}
          className={t.anchor ? 'tl-tick anchor' : 'tl-tick'}
        >
          <line y1={base - 6} y2={base} />
          <text y={tickY} textAnchor={t.x < 30 ? 'start' : t.x > w - 30 ? 'end' : 'middle'}>
            {t.label}
          </text>
        </g>
      ))}
      <line x1={0} x2={w} y1={base} y2={base} className="tl-axis-line" />
      {placed.map((l) => (
        <text
          key={l.key}
          x={l.x}
          y={topY}
          textAnchor={l.anchor}
          className={
            l.key === 'crash'
              ? 'tl-crash-label'
              : `${outsideClass(kindOf.get(l.key) ?? 0)} tl-out-label`
          }
        >
          {l.text !== l.full && <title>{l.full}</title>}
          {l.text}
        </text>
      ))}
      <PlayheadHead run={run} which={which} scale={scale} view={view} y={base} />
    </svg>
  )
})

function PlayheadHead({
  run,
  which,
  scale,
  view,
  y,
}: {
  run: PlayView
  which: 'primary' | 'compare'
  scale: TimeScale
  view: View
  y: number
}) {
  const index = useApp((s) => playheadOf(s, run, which))
  const x = xOf(scale, view, run.timeAt(index))
  if (!inView(x, view.width)) return null
  return (
    <path d={`M${x - 6},${y - 9} L${x + 6},${y - 9} L${x},${y} Z`} className="tl-playhead-head" />
  )
}

/** The playhead line and the dimmed future; while playing, the window follows the playhead. */
export function PlayheadShade({
  run,
  which,
  scale,
  view,
  height,
}: {
  run: PlayView
  which: 'primary' | 'compare'
  scale: TimeScale
  view: View
  height: number
}) {
  const store = useStoreApi()
  const index = useApp((s) => playheadOf(s, run, which))
  const playing = useApp((s) => s.playing)
  const t = run.timeAt(index)
  useEffect(() => {
    if (!playing || which !== 'primary') return
    const w = store.getState().window
    if (!w || (t >= w.t0 && t <= w.t1)) return
    // Turn the page: put the playhead a tenth of the way in, same zoom.
    const span = view.u1 - view.u0
    const u0 = Math.max(0, Math.min(scale.span - span, toU(scale, t) - span * 0.1))
    store.getState().setWindow(windowOf(scale, u0, u0 + span))
  }, [t, playing, which, store, scale, view])
  const x = xOf(scale, view, t)
  const w = view.width
  const clamped = Math.max(0, Math.min(w, x))
  return (
    <g className="tl-playhead">
      {clamped < w && (
        <rect x={clamped} y={0} width={w - clamped} height={height} className="tl-future" />
      )}
      {inView(x, w) && <line x1={x} x2={x} y1={0} y2={height} />}
    </g>
  )
}

interface OverlayProps {
  data: TimelineData
  geometry: Geometry
  modes: LaneMode[]
  scale: TimeScale
  view: View
  links: Link[]
  /** Faint links drawn always (small runs). */
  faint: Link[]
  selected: number | null
  members: Set<number> | null
  hover: Hit | null
  crashT: number | null
  idPrefix: string
}

function linkPath(p: Place, c: Place): string {
  const { x1, y1, x2, y2, ym } = linkCurve(p, c)
  return `M${x1},${y1} C${x1},${ym} ${x2},${ym} ${x2},${y2}`
}

export const LaneOverlay = memo(function LaneOverlay({
  data,
  geometry,
  modes,
  scale,
  view,
  links,
  faint,
  selected,
  members,
  hover,
  crashT,
  idPrefix,
}: OverlayProps) {
  const w = view.width
  const h = geometry.height
  const place = (id: number) => placeOf(data, geometry, modes, scale, view, id)
  const path = (l: Link) => {
    const p = place(l.parent)
    const c = place(l.child)
    if (!p || !c) return null
    if ((p.x1 < -40 && c.x1 < -40) || (p.x0 > w + 40 && c.x0 > w + 40)) return null
    return linkPath(p, c)
  }
  const outline = (id: number, cls: string) => {
    const p = place(id)
    if (!p || p.x1 < -4 || p.x0 > w + 4) return null
    const x0 = Math.max(-3, p.x0 - 2)
    const x1 = Math.min(w + 3, p.x1 + 2)
    return p.bar ? (
      <rect
        key={`${cls}${id}`}
        x={x0}
        y={p.top - 2}
        width={x1 - x0}
        height={p.bottom - p.top + 4}
        rx={2}
        className={cls}
      />
    ) : (
      <line key={`${cls}${id}`} x1={p.x0} x2={p.x0} y1={p.top} y2={p.bottom} className={cls} />
    )
  }
  return (
    <>
      {data.outside.map((o) => {
        const x = xOf(scale, view, o.t)
        return inView(x, w) ? (
          <line
            key={o.index}
            x1={x}
            x2={x}
            y1={0}
            y2={h}
            className={`${outsideClass(o.kind)} tl-out-line`}
          />
        ) : null
      })}
      {crashT !== null && inView(xOf(scale, view, crashT), w) && (
        <line
          x1={xOf(scale, view, crashT)}
          x2={xOf(scale, view, crashT)}
          y1={0}
          y2={h}
          className="tl-crash-line"
        />
      )}
      <g className="tl-links faint">
        {faint.map((l) => {
          const d = path(l)
          return d ? (
            <path
              key={`${l.parent}-${l.child}`}
              d={d}
              markerEnd={`url(#${idPrefix}-arrow-faint)`}
            />
          ) : null
        })}
      </g>
      {members && (
        <g className="tl-related">
          {[...members]
            .filter((id) => id !== selected)
            .map((id) => outline(id, 'tl-outline related'))}
        </g>
      )}
      <g className="tl-links strong">
        {links.map((l) => {
          const d = path(l)
          return d ? (
            <path key={`${l.parent}-${l.child}`} d={d} markerEnd={`url(#${idPrefix}-arrow)`} />
          ) : null
        })}
      </g>
      {selected !== null && outline(selected, 'tl-outline selected')}
      {hover?.kind === 'bar' && hover.id !== selected && outline(hover.id, 'tl-outline hover')}
      {hover?.kind === 'density' && (
        <rect
          x={hover.column - 1}
          y={geometry.boxes[hover.lane]?.top ?? 0}
          width={3}
          height={geometry.boxes[hover.lane]?.height ?? 0}
          className="tl-outline hover"
        />
      )}
    </>
  )
})

export const ArrowDefs = memo(function ArrowDefs({ prefix }: { prefix: string }) {
  return (
    <defs>
      <marker
        id={`${prefix}-arrow`}
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
        className="tl-arrow-head"
      >
        <path d="M0,0 L10,5 L0,10 z" />
      </marker>
      <marker
        id={`${prefix}-arrow-faint`}
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="5"
        markerHeight="5"
        orient="auto-start-reverse"
        className="tl-arrow-head faint"
      >
        <path d="M0,0 L10,5 L0,10 z" />
      </marker>
    </defs>
  )
})
