/**
 * The overview strip above the primary timeline: the whole run (gap-compressed) with its request
 * activity, the outside events, the crash survey's instants (bad ones prominent) and the zoom
 * window as a rectangle. Drag the rectangle to move the window, drag elsewhere to pick a new
 * window, click to centre the window there; click a bad instant to move the playhead to it.
 */
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import type { PlayView } from '../data/runView'
import { playheadOf } from '../playback/playhead'
import { useApp, useStoreApi } from '../store/context'
import { useSurvey } from '../crash/useCrash'
import { formatNs } from '../ui/format'
import type { Loading } from '../store/types'
import type { SurveyPoint, SurveyResult } from '../worker/protocol'
import { density } from './density'
import type { TimelineData } from './layout'
import { outsideClass, OUTSIDE_GLYPH } from './Marks'
import {
  breakMarks,
  pixelMapper,
  viewOf,
  windowOf,
  xOf,
  zoomU,
  type TimeScale,
  type View,
} from './scales'

const STRIP_H = 34

/** Requests in flight per pixel column over the whole run, all lanes together. */
export function activityOf(d: TimelineData, scale: TimeScale, width: number): Uint32Array {
  const w = Math.max(1, Math.floor(width))
  const out = new Uint32Array(w)
  const X = pixelMapper(scale, viewOf(scale, null, w))
  for (const lane of d.lanes) {
    const dens = density(lane, 0, lane.ids.length, X, w)
    for (let x = 0; x < w; x++) out[x] = (out[x] as number) + (dens.total[x] as number)
  }
  return out
}

function areaPath(a: Uint32Array, h: number): string {
  let max = 0
  for (const v of a) if (v > max) max = v
  if (max === 0) return ''
  let d = `M0,${h}`
  for (let x = 0; x < a.length; x++) {
    const y = h - ((a[x] as number) / max) * (h - 4)
    d += `L${x},${y.toFixed(1)}L${x + 1},${y.toFixed(1)}`
  }
  return `${d}L${a.length},${h}Z`
}

type Drag =
  | { mode: 'move'; offset: number; x0: number; moved: boolean }
  | { mode: 'brush'; x0: number; x1: number; moved: boolean }

export function Overview({
  run,
  data,
  scale,
  view,
}: {
  run: PlayView
  data: TimelineData
  scale: TimeScale
  view: View
}) {
  const store = useStoreApi()
  const survey = useApp((s) => s.survey)
  const model = useApp((s) => s.crash.model)
  const index = useApp((s) => playheadOf(s, run, 'primary'))
  const startSurvey = useSurvey()
  const width = view.width
  const full = useMemo(() => viewOf(scale, null, width), [scale, width])
  const activity = useMemo(
    () => areaPath(activityOf(data, scale, width), STRIP_H),
    [data, scale, width],
  )
  const breaks = useMemo(() => breakMarks(scale, full), [scale, full])
  const [drag, setDrag] = useState<Drag | null>(null)
  const svgRef = useRef<SVGSVGElement>(null)

  const zoomed = view.u0 > 0 || view.u1 < scale.span
  const wx0 = (view.u0 / scale.span) * width
  const wx1 = (view.u1 / scale.span) * width
  const uAt = (x: number) => (x / Math.max(width, 1)) * scale.span
  const localX = (e: ReactPointerEvent) =>
    e.clientX - (svgRef.current?.getBoundingClientRect().left ?? 0)
  const setWindowU = (u0: number, u1: number) =>
    store.getState().setWindow(u0 <= 0 && u1 >= scale.span ? null : windowOf(scale, u0, u1))

  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return
    const x = localX(e)
    e.currentTarget.setPointerCapture(e.pointerId)
    setDrag(
      zoomed && x >= wx0 - 2 && x <= wx1 + 2
        ? { mode: 'move', offset: x - wx0, x0: x, moved: false }
        : { mode: 'brush', x0: x, x1: x, moved: false },
    )
  }
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return
    const x = localX(e)
    const moved = drag.moved || Math.abs(x - drag.x0) > 3
    if (drag.mode === 'move') {
      if (moved) {
        const span = view.u1 - view.u0
        const u0 = Math.max(0, Math.min(scale.span - span, uAt(x - drag.offset)))
        setWindowU(u0, u0 + span)
      }
      if (moved !== drag.moved) setDrag({ ...drag, moved })
    } else setDrag({ ...drag, x1: x, moved })
  }
  const onUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return
    const x = localX(e)
    setDrag(null)
    if (drag.moved && drag.mode === 'brush') {
      const a = Math.max(0, Math.min(drag.x0, x))
      const b = Math.min(width, Math.max(drag.x0, x))
      if (b - a >= 2) setWindowU(uAt(a), uAt(b))
      return
    }
    if (drag.moved) return
    // A click: centre the window there (or zoom in around it when showing the whole run).
    const at = uAt(x)
    const span = zoomed ? view.u1 - view.u0 : Math.max(scale.span / 8, 1)
    const [u0, u1] = zoomU(scale, at - span / 2, at + span / 2, 1, at)
    setWindowU(u0, u1)
  }

  const points = useMemo<SurveyPoint[]>(
    () => (survey.status === 'ready' ? survey.value.points : []),
    [survey],
  )
  const bad = useMemo(() => points.filter((p) => p.inconsistent > 0), [points])
  const seekTo = (event: number) => {
    const s = store.getState()
    s.setPlaying(false)
    s.seek(event)
  }
  const nextBad = bad.find((p) => p.event > index) ?? bad[0]
  const bads = useMemo(() => byPixel(bad, (t) => xOf(scale, full, t)), [bad, scale, full])
  const oks = useMemo(
    () =>
      byPixel(
        points.filter((p) => p.inconsistent === 0),
        (t) => xOf(scale, full, t),
      ),
    [points, scale, full],
  )
  const playX = xOf(scale, full, run.timeAt(index))

  return (
    <div className="tl-overview-row">
      <div className="tl-gutter tl-overview-label">
        <span className="tl-lane-name">{run.p.trace ? 'Whole trace' : 'Whole run'}</span>
        {/* A trace's explorer knows the rules only: no instant of it can break them. */}
        {!run.p.trace && (
          <SurveyStatus
            survey={survey}
            bad={bad.length}
            total={points.length}
            onStart={() => startSurvey(model)}
            canStart={model !== 'fuzzy-copy'}
            next={nextBad}
            onNext={seekTo}
          />
        )}
      </div>
      <div className="tl-overview" data-testid="overview-strip">
        <svg
          ref={svgRef}
          width={width}
          height={STRIP_H}
          className={`tl-overview-svg${drag ? ' dragging' : ''}`}
          role="img"
          aria-label={`Overview of the whole run (${formatNs(run.duration)}): drag to choose the part the timeline shows${bad.length ? `; ${bad.length} instants where a crash can leave a bad state are marked` : ''}.`}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={() => setDrag(null)}
        >
          <path d={activity} className="tl-activity" />
          {breaks.map((b) => (
            <g key={b.t0} className="tl-break-mini">
              <line x1={(b.x0 + b.x1) / 2} x2={(b.x0 + b.x1) / 2} y1={0} y2={STRIP_H} />
              <title>{`${b.label} idle (squeezed)`}</title>
            </g>
          ))}
          {data.outside.map((o) => {
            const x = xOf(scale, full, o.t)
            return (
              <g key={o.index} className={outsideClass(o.kind)}>
                <line x1={x} x2={x} y1={0} y2={STRIP_H} className="tl-out-line" />
                <text x={x + 2} y={10} className="tl-out-mini">
                  {OUTSIDE_GLYPH[o.kind] ?? '●'}
                </text>
              </g>
            )
          })}
          {oks.map(({ x, first }) => (
            <circle key={first.event} cx={x} cy={STRIP_H - 4} r={2.2} className="tl-survey-ok" />
          ))}
          {bads.map(({ x, first, count }) => (
            <g
              key={first.event}
              className="tl-survey-bad"
              data-bad="true"
              onPointerDown={(e) => e.stopPropagation()}
              onPointerUp={(e) => e.stopPropagation()}
              onClick={(e) => {
                e.stopPropagation()
                seekTo(first.event)
              }}
            >
              <title>{`${count > 1 ? `${count} bad instants here; the first: ` : ''}event ${first.event} at ${formatNs(first.t)}, where ${first.inconsistent} of ${first.states} crash states are bad. Click to move the playhead there.`}</title>
              <rect x={x - 4} y={0} width={8} height={STRIP_H} className="tl-survey-hit" />
              <path d={`M${x - 4},0 L${x + 4},0 L${x},7 Z`} />
              <line x1={x} x2={x} y1={0} y2={STRIP_H} />
            </g>
          ))}
          {inRange(playX, width) && (
            <line x1={playX} x2={playX} y1={0} y2={STRIP_H} className="tl-overview-playhead" />
          )}
          {zoomed && (
            <rect
              x={wx0}
              y={1}
              width={Math.max(3, wx1 - wx0)}
              height={STRIP_H - 2}
              className="tl-window"
            />
          )}
          {drag?.mode === 'brush' && drag.moved && (
            <rect
              x={Math.min(drag.x0, drag.x1)}
              y={1}
              width={Math.abs(drag.x1 - drag.x0)}
              height={STRIP_H - 2}
              className="tl-brush"
            />
          )}
        </svg>
      </div>
    </div>
  )
}

/** Survey points that fall on one pixel column share a mark (the earliest stands for them). */
function byPixel(
  points: SurveyPoint[],
  x: (t: number) => number,
): Array<{ x: number; first: SurveyPoint; count: number }> {
  const out: Array<{ x: number; first: SurveyPoint; count: number }> = []
  for (const p of [...points].sort((a, b) => a.event - b.event)) {
    const px = Math.round(x(p.t))
    const same = out.find((o) => Math.abs(o.x - px) < 2)
    if (same) same.count++
    else out.push({ x: px, first: p, count: 1 })
  }
  return out
}

function inRange(x: number, w: number): boolean {
  return x >= 0 && x <= w
}

function SurveyStatus(props: {
  survey: Loading<SurveyResult>
  bad: number
  total: number
  canStart: boolean
  onStart(): void
  next: SurveyPoint | undefined
  onNext(event: number): void
}) {
  const { survey, bad, total, canStart, onStart, next, onNext } = props
  if (survey.status === 'loading')
    return (
      <span className="tl-survey-status" role="status">
        Looking for bad instants…{' '}
        {survey.progress ? `${survey.progress.checked}/${survey.progress.of}` : ''}
      </span>
    )
  if (survey.status === 'error') return <span className="tl-survey-status">Survey failed</span>
  if (survey.status === 'ready')
    return (
      <span className="tl-survey-status">
        {bad === 0 ? (
          `No bad instant (${total} looked at)`
        ) : (
          <>
            <span className="tl-bad-count">{bad} bad</span> of {total}{' '}
            {next && (
              <button
                type="button"
                className="link"
                onClick={() => onNext(next.event)}
                title={`Move the playhead to the next bad instant (event ${next.event}, ${formatNs(next.t)})`}
              >
                next ›
              </button>
            )}
          </>
        )}
      </span>
    )
  return (
    <button
      type="button"
      className="link tl-survey-start"
      onClick={onStart}
      disabled={!canStart}
      title="Ask the crash explorer where in this run a crash can leave a bad state"
    >
      Find bad instants
    </button>
  )
}
