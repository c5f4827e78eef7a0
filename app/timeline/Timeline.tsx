/**
 * The timeline of one run: a lane per layer (the loop layer one per worker), each request a bar
 * from submission to completion on a canvas, an SVG axis and overlay (outside events, arrows,
 * playhead), zoom and pan by d3-zoom on a gap-compressed time scale, and, above the primary
 * run's timeline, an overview strip of the whole run with the crash survey's bad instants.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react'
import { flagNames, Layer } from '../../src/engine'
import { describeRequest } from '../data/describe'
import type { PlayView } from '../data/runView'
import { useCrashHere } from '../crash/useCrash'
import { playheadOf } from '../playback/playhead'
import { useApp, useStoreApi } from '../store/context'
import type { AppStore } from '../store/types'
import { formatNs } from '../ui/format'
import { draw, laneGeometry, laneModes, readPalette, type Drawn, type Palette } from './draw'
import { hitTest, type Hit } from './hit'
import { useThemeVersion, useWidth } from './hooks'
import { CAT_NAMES, CATS, familyOf, type Link } from './layout'
import { Legend } from './Legend'
import { ArrowDefs, Axis, GapBands, HatchDef, LaneOverlay, PlayheadShade } from './Marks'
import { scaleFor, timelineOf, useTimelinePrefs } from './model'
import { Overview } from './Overview'
import { attachPanZoom, type PanZoom } from './panZoom'
import {
  breakMarks,
  formatPrecise,
  MIN_SPAN_U,
  tOf,
  timeTicks,
  toU,
  viewOf,
  windowOf,
  zoomU,
  type View,
} from './scales'
import './Timeline.css'

/** Below this many requests every parent → child link is drawn, faintly. */
const ALL_LINKS_BELOW = 300

type Which = 'primary' | 'compare'

interface Hover {
  /** The view the hit was found in: a zoom under a still pointer makes it stale. */
  view: View
  hit: Hit
  x: number
  y: number
  /** For a density column: requests in flight per colour family. */
  column: number[] | null
}

function otherRun(s: AppStore, which: Which): PlayView | null {
  if (which === 'compare') return s.primary.status === 'ready' ? s.primary.value : null
  const comparing = s.route.screen === 'scenario' && s.route.compare !== null
  return comparing && s.compare.status === 'ready' ? s.compare.value : null
}

export function Timeline({
  run,
  which,
  onCrashAt,
}: {
  run: PlayView
  which: Which
  /** Alt-click: explore this event index (default: the scenario's crash explorer). */
  onCrashAt?: (index: number) => void
}) {
  const store = useStoreApi()
  const presenter = useApp((s) => s.presenter)
  const other = useApp((s) => otherRun(s, which))
  const comparing = useApp((s) => s.route.screen === 'scenario' && s.route.compare !== null)
  const win = useApp((s) => s.window)
  const storeSelected = useApp((s) => s.selected)
  const crashAt = useApp((s) => (which === 'primary' ? s.crash.at : null))
  const compress = useTimelinePrefs((s) => s.compress)
  const setCompress = useTimelinePrefs((s) => s.setCompress)
  const crashHere = useCrashHere()
  const theme = useThemeVersion()

  // The page store's selection is a bare request id of the primary run; the compared run keeps
  // its own.
  const [localSelected, setLocalSelected] = useState<{ run: PlayView; id: number } | null>(null)
  const data = useMemo(() => timelineOf(run), [run])
  const rawSelected =
    which === 'primary' ? storeSelected : localSelected?.run === run ? localSelected.id : null
  const selected =
    rawSelected !== null &&
    rawSelected > 0 &&
    rawSelected < data.laneOf.length &&
    (data.laneOf[rawSelected] as number) >= 0
      ? rawSelected
      : null
  const select = useCallback(
    (id: number | null) =>
      which === 'primary'
        ? store.getState().select(id)
        : setLocalSelected(id === null ? null : { run, id }),
    [which, store, run],
  )

  const plotRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const width = useWidth(plotRef)
  const scale = useMemo(() => scaleFor(run, other, compress), [run, other, compress])
  const view = useMemo(() => viewOf(scale, win, width), [scale, win, width])
  const geometry = useMemo(() => laneGeometry(data.lanes, presenter), [data, presenter])
  const modes = useMemo(() => laneModes(data.lanes, scale, view), [data, scale, view])
  const ticks = useMemo(
    () => timeTicks(scale, view, presenter ? 160 : 110),
    [scale, view, presenter],
  )
  const breaks = useMemo(() => breakMarks(scale, view), [scale, view])
  const family = useMemo(
    () => (selected === null ? null : familyOf(run.p, data, selected)),
    [selected, run, data],
  )
  const faint = useMemo<Link[]>(() => {
    if (data.requests >= ALL_LINKS_BELOW) return []
    const out: Link[] = []
    const r = run.p.requests
    for (let id = 1; id < r.length; id++) {
      const par = r.parent[id] as number
      if (par > 0 && (data.laneOf[id] as number) >= 0 && (data.laneOf[par] as number) >= 0)
        out.push({ parent: par, child: id })
    }
    return out
  }, [data, run])
  const crashT = crashAt === null ? null : run.timeAt(crashAt)
  const idPrefix = `tl-${which}`

  // ---- canvas: redrawn in one animation frame when what it shows changes, never on play ----
  const drawnRef = useRef<Drawn>([])
  const palette = useRef<{ theme: number; colours: Palette } | null>(null)
  const [peaks, setPeaks] = useState<number[]>([])
  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || width <= 0) return
    const frame = requestAnimationFrame(() => {
      // Colours are read once per theme (getComputedStyle forces a style pass).
      if (palette.current?.theme !== theme) palette.current = { theme, colours: readPalette() }
      const drawn = draw({
        canvas,
        lanes: data.lanes,
        geometry,
        modes,
        scale,
        view,
        palette: palette.current.colours,
        grid: ticks.map((t) => t.x),
        focus: family?.members ?? null,
      })
      drawnRef.current = drawn
      const next = drawn.map((d) => d?.max ?? 0)
      setPeaks((old) =>
        old.length === next.length && old.every((v, i) => v === next[i]) ? old : next,
      )
    })
    return () => cancelAnimationFrame(frame)
  }, [data, geometry, modes, scale, view, ticks, family, width, theme])

  // ---- zoom and pan: d3-zoom reports gestures, the store holds the window ----
  const latest = useRef({ scale, width })
  useEffect(() => {
    latest.current = { scale, width }
  }, [scale, width])
  const panZoom = useRef<PanZoom | null>(null)
  const [dragging, setDragging] = useState(false)
  useEffect(() => {
    const el = plotRef.current
    if (!el) return
    // A wheel or drag can report several steps per frame; only the last one is worth a render.
    let pending: { k: number; x: number } | null = null
    let frame = 0
    const apply = () => {
      frame = 0
      const p = pending
      pending = null
      const { scale: s, width: w } = latest.current
      if (!p || w <= 0) return
      const u0 = (-p.x / p.k / w) * s.span
      store.getState().setWindow(p.k <= 1.000001 ? null : windowOf(s, u0, u0 + s.span / p.k))
    }
    const pz = attachPanZoom(el, {
      onUser: (k, x) => {
        pending = { k, x }
        if (frame === 0) frame = requestAnimationFrame(apply)
      },
      onGesture: setDragging,
    })
    panZoom.current = pz
    return () => {
      cancelAnimationFrame(frame)
      pz.destroy()
      panZoom.current = null
    }
  }, [store])
  useEffect(() => {
    const pz = panZoom.current
    if (!pz || width <= 0) return
    const k = scale.span / Math.max(view.u1 - view.u0, 1e-9)
    pz.resize(width, geometry.height, scale.span / MIN_SPAN_U)
    pz.set(k, -(view.u0 / scale.span) * width * k)
  }, [scale, view, width, geometry.height])

  const setWindowU = (u0: number, u1: number) =>
    store.getState().setWindow(u0 <= 0 && u1 >= scale.span ? null : windowOf(scale, u0, u1))
  const zoomBy = (factor: number) => {
    // Zoom about the playhead when it is on screen, else about the middle.
    const s = store.getState()
    const t = run.timeAt(playheadOf(s, run, which))
    const u = toU(scale, t)
    const at = u >= view.u0 && u <= view.u1 ? u : (view.u0 + view.u1) / 2
    const [a, b] = zoomU(scale, view.u0, view.u1, factor, at)
    setWindowU(a, b)
  }
  const pan = (fraction: number) => {
    const span = view.u1 - view.u0
    const a = Math.max(0, Math.min(scale.span - span, view.u0 + span * fraction))
    setWindowU(a, a + span)
  }
  const zoomed = view.u0 > 0 || view.u1 < scale.span
  /** Zooms to a request and its family (what caused it, what it caused), with a margin. */
  const showRequest = (id: number) => {
    const r = run.p.requests
    let a = Infinity
    let b = -Infinity
    for (const m of family?.members ?? [id]) {
      const sub = r.submitT[m] as number
      const c = r.completeT[m] as number
      a = Math.min(a, toU(scale, sub))
      b = Math.max(b, toU(scale, c >= 0 ? c : run.duration))
    }
    const pad = Math.max((b - a) * 0.15, MIN_SPAN_U)
    setWindowU(Math.max(0, a - pad), Math.min(scale.span, b + pad))
  }

  // ---- pointer: hover, select, seek, crash here ----
  const [hoverState, setHover] = useState<Hover | null>(null)
  const hover = hoverState?.view === view ? hoverState : null
  const down = useRef<{ x: number; y: number } | null>(null)
  const local = (e: ReactMouseEvent | ReactPointerEvent) => {
    const r = (plotRef.current as HTMLDivElement).getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.buttons !== 0 || dragging) {
      if (hoverState) setHover(null)
      return
    }
    const p = local(e)
    const hit = hitTest(data, geometry, modes, scale, view, p.x, p.y)
    if (!hit) {
      if (hoverState) setHover(null)
      return
    }
    let column: number[] | null = null
    if (hit.kind === 'density') {
      const d = drawnRef.current[hit.lane]
      if (d && hit.column < d.width) {
        column = []
        for (let c = 0; c < CATS; c++) column.push(d.counts[c * d.width + hit.column] as number)
      }
    }
    setHover({ view, hit, x: p.x, y: p.y, column })
  }
  const onClick = (e: ReactMouseEvent<HTMLDivElement>) => {
    const d = down.current
    down.current = null
    if (d && Math.hypot(e.clientX - d.x, e.clientY - d.y) > 4) return
    const p = local(e)
    const t = Math.max(0, tOf(scale, view, p.x))
    const s = store.getState()
    if (e.altKey || e.shiftKey) {
      if (which === 'primary') (onCrashAt ?? crashHere)(run.indexAtTime(t))
      return
    }
    const hit = hitTest(data, geometry, modes, scale, view, p.x, p.y)
    if (hit?.kind === 'bar') {
      select(hit.id)
      return
    }
    s.setPlaying(false)
    if (which === 'primary') s.seek(run.indexAtTime(t))
    else if (s.primary.status === 'ready') s.seek(s.primary.value.indexAtTime(t))
  }
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return
    if (e.key === '+' || e.key === '=') zoomBy(2)
    else if (e.key === '-' || e.key === '_') zoomBy(0.5)
    else if (e.key === '0') setWindowU(0, scale.span)
    else if (e.key === 'Escape' && selected !== null) select(null)
    else return
    e.preventDefault()
    e.stopPropagation()
  }

  const title = run.p.scenario.variants.find((v) => v.id === run.p.variant)?.title ?? run.p.variant
  const whole = run.p.trace ? 'trace' : 'run'
  const axisH = presenter ? 58 : 42
  const axisFont = presenter ? 16 : 11.5
  const t0 = tOf(scale, view, 0)
  const t1 = tOf(scale, view, view.width)
  const label = `Timeline of ${data.requests.toLocaleString('en')} requests in ${data.lanes.length} lanes (${data.lanes.map((l) => l.label).join(', ')}), showing ${formatNs(Math.max(0, t0))} to ${formatNs(t1)} of ${formatNs(run.duration)}.`

  return (
    <section
      className={`timeline${presenter ? ' presenter' : ''}`}
      data-testid={`timeline-${which}`}
      aria-labelledby={`${idPrefix}-title`}
    >
      <header className="tl-header">
        <h2 id={`${idPrefix}-title`} className="tl-title">
          Timeline{comparing && <span className="tl-variant"> — {title}</span>}
        </h2>
        <span className="tl-range" aria-live="off">
          {zoomed
            ? `${formatPrecise(Math.max(0, t0), Math.max(1, (t1 - t0) / 100))} – ${formatPrecise(t1, Math.max(1, (t1 - t0) / 100))}`
            : `whole ${whole}, ${formatNs(run.duration)}`}
        </span>
        {selected !== null && (
          <span className="tl-selection">
            <span className="tl-selection-text">{describeRequest(run.p, selected)}</span>
            <button
              type="button"
              className="ghost"
              onClick={() => showRequest(selected)}
              aria-label="Zoom to the selected request and what it caused"
              title="Zoom to it"
            >
              ⤢
            </button>
            <button
              type="button"
              className="ghost"
              onClick={() => select(null)}
              aria-label="Clear the selected request"
              title="Clear the selection (Esc)"
            >
              ✕
            </button>
          </span>
        )}
        {which === 'primary' ? (
          <span
            className="tl-controls"
            role="group"
            aria-label={`Timeline view${comparing ? ` (${title})` : ''}`}
          >
            <button
              type="button"
              onClick={() => pan(-0.5)}
              disabled={view.u0 <= 0}
              aria-label="Pan left (earlier)"
              title="Earlier"
            >
              ◀
            </button>
            <button
              type="button"
              onClick={() => pan(0.5)}
              disabled={view.u1 >= scale.span}
              aria-label="Pan right (later)"
              title="Later"
            >
              ▶
            </button>
            <button
              type="button"
              onClick={() => zoomBy(0.5)}
              disabled={!zoomed}
              aria-label="Zoom out"
              title="Zoom out (−)"
              data-testid="zoom-out"
            >
              −
            </button>
            <button
              type="button"
              onClick={() => zoomBy(2)}
              disabled={view.u1 - view.u0 <= MIN_SPAN_U * 1.01}
              aria-label="Zoom in"
              title="Zoom in around the playhead (+)"
              data-testid="zoom-in"
            >
              +
            </button>
            <button
              type="button"
              onClick={() => store.getState().setWindow(null)}
              disabled={!zoomed}
              aria-label={`Show the whole ${whole}`}
              title={`Whole ${whole} (0)`}
              data-testid="zoom-reset"
            >
              Whole {whole}
            </button>
            <button
              type="button"
              className="tl-gap-toggle"
              aria-pressed={compress}
              onClick={() => setCompress(!compress)}
              title="Squeeze stretches where nothing happens to a small break mark, so bursts microseconds long stay visible in a run seconds long"
              data-testid="gap-toggle"
            >
              {compress ? '⋯ ' : ''}Squeeze idle gaps
            </button>
          </span>
        ) : (
          <span className="tl-shared-note">same time window as the timeline above</span>
        )}
      </header>

      <div className="tl-grid">
        {which === 'primary' && width > 0 && (
          <Overview run={run} data={data} scale={scale} view={view} />
        )}
        <div className="tl-gutter" />
        <div className="tl-axis-cell">
          {width > 0 && (
            <Axis
              ticks={ticks}
              breaks={breaks}
              outside={data.outside}
              crashT={crashT}
              scale={scale}
              view={view}
              height={axisH}
              idPrefix={idPrefix}
              run={run}
              which={which}
              fontPx={axisFont}
            />
          )}
        </div>
        <div className="tl-gutter tl-lanes-labels" style={{ height: geometry.height }}>
          {data.lanes.map((l, i) => (
            <div
              key={l.key}
              className={`tl-lane-label${i % 2 ? ' odd' : ''}`}
              style={{ height: geometry.boxes[i]?.height }}
            >
              <span className="tl-lane-name">{l.label}</span>
              <span className="tl-lane-sub">{l.sub}</span>
              {(peaks[i] ?? 0) > 0 && (
                <span className="tl-lane-sub">
                  density: up to {(peaks[i] as number).toLocaleString('en')} in flight
                </span>
              )}
            </div>
          ))}
        </div>
        <div
          ref={plotRef}
          className={`tl-plot${dragging ? ' dragging' : ''}${hover?.hit.kind === 'bar' ? ' over-bar' : ''}`}
          style={{ height: Math.max(geometry.height, data.lanes.length ? 0 : 48) }}
          tabIndex={0}
          role="group"
          aria-label={`${label} Keys: + and − zoom, 0 shows the whole ${whole}, Esc clears the selection.`}
          onPointerDown={(e) => (down.current = { x: e.clientX, y: e.clientY })}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onClick={onClick}
          onKeyDown={onKeyDown}
          data-testid={`timeline-plot-${which}`}
        >
          <canvas
            ref={canvasRef}
            className="tl-canvas"
            style={{ width: Math.max(1, width), height: geometry.height }}
            role="img"
            aria-label={label}
            data-testid={`timeline-canvas-${which}`}
          />
          {data.lanes.length === 0 && <p className="tl-empty">No requests in this run.</p>}
          {width > 0 && (
            <svg className="tl-overlay" width={width} height={geometry.height} aria-hidden="true">
              <HatchDef id={`${idPrefix}-hatch`} />
              <ArrowDefs prefix={idPrefix} />
              <GapBands breaks={breaks} height={geometry.height} idPrefix={idPrefix} />
              <PlayheadShade
                run={run}
                which={which}
                scale={scale}
                view={view}
                height={geometry.height}
              />
              <LaneOverlay
                data={data}
                geometry={geometry}
                modes={modes}
                scale={scale}
                view={view}
                links={family?.links ?? []}
                faint={faint}
                selected={selected}
                members={family?.members ?? null}
                hover={hover?.hit ?? null}
                crashT={crashT}
                idPrefix={idPrefix}
              />
            </svg>
          )}
          {hover && (
            <Tooltip
              run={run}
              hover={hover}
              width={width}
              height={geometry.height}
              t={(x) => tOf(scale, view, x)}
              laneLabel={data.lanes[hover.hit.lane]?.label ?? ''}
            />
          )}
        </div>
      </div>
      {which === (comparing && other ? 'compare' : 'primary') && <Legend />}
    </section>
  )
}

function Tooltip({
  run,
  hover,
  width,
  height,
  t,
  laneLabel,
}: {
  run: PlayView
  hover: Hover
  width: number
  height: number
  t: (x: number) => number
  laneLabel: string
}) {
  const { hit } = hover
  // Beside the pointer, on the side with more room.
  const style: CSSProperties = {
    ...(hover.x > width * 0.6 ? { right: width - hover.x + 14 } : { left: hover.x + 14 }),
    ...(hover.y > height * 0.5 && hover.y > 160
      ? { bottom: height - hover.y + 10 }
      : { top: hover.y + 16 }),
  }
  if (hit.kind === 'density') {
    const column = hover.column
    if (!column) return null
    const total = column.reduce((a, b) => a + b, 0)
    const parts = column.flatMap((n, c) =>
      n > 0 ? [`${n.toLocaleString('en')} ${CAT_NAMES[c]}`] : [],
    )
    const a = t(hit.column)
    const b = t(hit.column + 1)
    return (
      <div className="tl-tooltip" style={style} role="tooltip">
        <strong>
          {total.toLocaleString('en')} request{total === 1 ? '' : 's'} in flight
        </strong>{' '}
        in the {laneLabel}
        <div className="tl-tip-sub">{`${formatPrecise(a, Math.max(1, b - a))} – ${formatPrecise(b, Math.max(1, b - a))}`}</div>
        {parts.length > 0 && <div>{parts.join(', ')}</div>}
        <div className="tl-tip-hint">Zoom in to see single requests.</div>
      </div>
    )
  }
  const r = run.p.requests
  const id = hit.id
  const s = r.submitT[id] as number
  const st = r.startT[id] as number
  const c = r.completeT[id] as number
  const status = r.status[id] as number
  const flags = flagNames(r.flags[id] as number)
  const step = 1
  return (
    <div className="tl-tooltip" style={style} role="tooltip">
      <strong>{describeRequest(run.p, id)}</strong>
      {(r.layer[id] as number) === Layer.LOOP && <div className="tl-tip-sub">{laneLabel}</div>}
      <table>
        <tbody>
          <tr>
            <th>submitted</th>
            <td>{formatPrecise(s, step)}</td>
          </tr>
          {st >= 0 && (
            <tr>
              <th>started</th>
              <td>
                {formatPrecise(st, step)}{' '}
                <span className="tl-tip-sub">(queued {formatNs(st - s)})</span>
              </td>
            </tr>
          )}
          <tr>
            <th>completed</th>
            <td>
              {c >= 0 ? (
                <>{formatPrecise(c, step)}</>
              ) : (
                'never (still in flight at the end of the run)'
              )}
            </td>
          </tr>
          {c >= 0 && (
            <tr>
              <th>took</th>
              <td>
                {formatNs(c - s)}
                {st >= 0 && <span className="tl-tip-sub"> (serviced {formatNs(c - st)})</span>}
              </td>
            </tr>
          )}
          {status < 0 && (
            <tr>
              <th>status</th>
              <td className="tl-tip-bad">error {status}</td>
            </tr>
          )}
        </tbody>
      </table>
      {flags.length > 0 && <div className="tl-tip-sub">flags: {flags.join(', ')}</div>}
      <div className="tl-tip-hint">Click to show what it caused and what caused it.</div>
    </div>
  )
}
