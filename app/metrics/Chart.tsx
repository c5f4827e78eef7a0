/**
 * One small-multiple chart: a row of SVG plots (one per run) sharing x and y scales. The axes and
 * curves are a memoised body drawn once per data or size change; the playhead and the hover line
 * are separate elements, so moving the playhead redraws only a line and a readout.
 */
import { memo, useId, useMemo, useRef, type PointerEvent, type ReactNode } from 'react'
import type { RunView } from '../data/runView'
import { playheadOf } from '../playback/playhead'
import { useApp } from '../store/context'
import { formatNs } from '../ui/format'
import { placeLabels, type Curve } from './chartData'
import { linear, stepArea, stepLine, timeTicks, type Axis, type LinearMap } from './scales'
import { HatchPattern } from './Swatch'

export type LayerKey = 'guest' | 'host' | 'rate'

export interface Layer {
  key: LayerKey
  /** Top edge of the band (drawn as the line). */
  upper: Curve
  /** Bottom edge (the layer below in a stack), or null for the baseline. */
  lower: Curve | null
}

export interface Column {
  which: 'primary' | 'compare'
  run: RunView
  /** Variant title above the plot in compare mode, else null. */
  label: string | null
  layers: Layer[]
  /** Accessible name of the plot. */
  summary: string
  /** When the run ends, in ns. */
  end: number
  /** Shown over an empty plot, or null. */
  empty: string | null
}

export interface ChartProps {
  id: 'memory' | 'iops' | 'wakeups'
  title: string
  columns: Column[]
  y: Axis
  yFormat: (v: number) => string
  /** Shared x domain: [0, xMax] ns. */
  xMax: number
  /** Plot height in em. */
  height: number
  width: number
  em: number
  hover: number | null
  onHover: (t: number | null) => void
  onSeek: (t: number, final: boolean) => void
  readout: (column: Column, t: number) => ReactNode
  subtitle?: ReactNode
  /** Reserve room for y labels this many characters long (to line up charts stacked below each other). */
  labelChars?: number
  note?: ReactNode
}

interface Geometry {
  /** Approximate width of one tick-label character, px. */
  charPx: number
  plotW: number
  plotH: number
  top: number
  bottom: number
  lefts: number[]
  right: number
  gap: number
}

function geometry(
  p: Pick<ChartProps, 'width' | 'em' | 'height' | 'y' | 'yFormat' | 'columns' | 'labelChars'>,
): Geometry {
  const charPx = 0.8 * p.em * 0.6
  const labelChars = Math.max(p.labelChars ?? 0, ...p.y.ticks.map((t) => p.yFormat(t).length), 1)
  const yLabelW = Math.ceil(labelChars * charPx + 0.6 * p.em)
  const n = p.columns.length
  const lefts = p.columns.map((_, i) => (i === 0 ? yLabelW : Math.round(0.3 * p.em)))
  const right = Math.round(0.9 * p.em)
  const gap = n > 1 ? Math.round(0.8 * p.em) : 0
  const used = lefts.reduce((a, b) => a + b, 0) + n * right + (n - 1) * gap
  return {
    charPx,
    plotW: Math.max(40, Math.floor((p.width - used) / n)),
    plotH: Math.round(p.height * p.em),
    top: Math.round(0.7 * p.em),
    bottom: Math.round(1.6 * p.em),
    lefts,
    right,
    gap,
  }
}

export function Chart(props: ChartProps) {
  const {
    id,
    title,
    columns,
    y,
    yFormat,
    xMax,
    width,
    em,
    height,
    hover,
    onHover,
    onSeek,
    readout,
  } = props
  const labelChars = props.labelChars ?? 0
  const g = useMemo(
    () => geometry({ width, em, height, y, yFormat, columns, labelChars }),
    [width, em, height, y, yFormat, columns, labelChars],
  )
  const x = useMemo(() => linear([0, Math.max(1, xMax)], [0, g.plotW]), [xMax, g.plotW])
  const ys = useMemo(() => linear([0, y.max], [g.plotH, 0]), [y.max, g.plotH])
  const xTicks = useMemo(() => timeTicks(xMax, g.plotW, 4.6 * em), [xMax, g.plotW, em])
  const colWidths = g.lefts.map((l) => l + g.plotW + g.right)
  return (
    <figure className="m-chart" data-testid={`chart-${id}`}>
      <figcaption className="m-caption">
        <span className="m-title">{title}</span>
        {props.subtitle !== undefined && <span className="m-subtitle">{props.subtitle}</span>}
      </figcaption>
      {width > 0 && (
        <div
          className="m-cols"
          style={{
            gridTemplateColumns: colWidths.map((w) => `${w}px`).join(' '),
            columnGap: g.gap,
          }}
        >
          {columns.map((c, i) => (
            <div className="m-col" key={c.which}>
              <ColumnHead column={c} hover={hover} readout={readout} indent={g.lefts[i] ?? 0} />
              <Plot
                column={c}
                g={g}
                left={g.lefts[i] ?? 0}
                x={x}
                y={ys}
                yTicks={y.ticks}
                yFormat={yFormat}
                showYLabels={i === 0}
                xTicks={xTicks}
                xMax={xMax}
                hover={hover}
                onHover={onHover}
                onSeek={onSeek}
              />
            </div>
          ))}
        </div>
      )}
      {props.note}
    </figure>
  )
}

function usePlayheadTime(run: RunView, which: 'primary' | 'compare'): number {
  return useApp((s) => run.timeAt(playheadOf(s, run, which)))
}

function ColumnHead({
  column,
  hover,
  readout,
  indent,
}: {
  column: Column
  hover: number | null
  readout: ChartProps['readout']
  indent: number
}) {
  const tp = usePlayheadTime(column.run, column.which)
  const t = hover ?? tp
  return (
    <div className="m-head" style={{ paddingLeft: indent }}>
      {column.label !== null && (
        <span className={`m-variant m-variant-${column.which}`}>{column.label}</span>
      )}
      <span className="m-readout" aria-live="off">
        {t > column.end ? (
          <span className="m-ended">ended at {formatNs(column.end)}</span>
        ) : (
          readout(column, t)
        )}
      </span>
    </div>
  )
}

interface PlotProps {
  column: Column
  g: Geometry
  left: number
  x: LinearMap
  y: LinearMap
  yTicks: number[]
  yFormat: (v: number) => string
  showYLabels: boolean
  xTicks: number[]
  xMax: number
  hover: number | null
  onHover: (t: number | null) => void
  onSeek: (t: number, final: boolean) => void
}

function Plot(p: PlotProps) {
  const { column, g, left, x, xMax } = p
  const svgW = left + g.plotW + g.right
  const svgH = g.top + g.plotH + g.bottom
  const dragging = useRef(false)
  const timeOf = (e: PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect()
    return Math.max(0, Math.min(xMax, x.invert(e.clientX - r.left)))
  }
  return (
    <svg className="m-svg" width={svgW} height={svgH} role="img" aria-label={column.summary}>
      <title>{column.summary}</title>
      <g transform={`translate(${left},${g.top})`}>
        <Body
          column={column}
          plotW={g.plotW}
          plotH={g.plotH}
          x={x}
          y={p.y}
          yTicks={p.yTicks}
          yFormat={p.yFormat}
          showYLabels={p.showYLabels}
          xTicks={p.xTicks}
          xMax={xMax}
          charPx={g.charPx}
          right={g.right}
        />
        {p.hover !== null && (
          <line className="m-hover" x1={x(p.hover)} x2={x(p.hover)} y1={0} y2={g.plotH} />
        )}
        <PlayheadLine run={column.run} which={column.which} x={x} height={g.plotH} />
        <rect
          className="m-hit"
          width={g.plotW}
          height={g.plotH}
          onPointerMove={(e) => {
            const t = timeOf(e)
            p.onHover(t)
            if (dragging.current) p.onSeek(t, false)
          }}
          onPointerLeave={() => p.onHover(null)}
          onPointerDown={(e) => {
            if (e.button !== 0) return
            dragging.current = true
            e.currentTarget.setPointerCapture(e.pointerId)
            p.onSeek(timeOf(e), false)
          }}
          onPointerUp={(e) => {
            if (!dragging.current) return
            dragging.current = false
            p.onSeek(timeOf(e), true)
          }}
          onPointerCancel={() => {
            dragging.current = false
          }}
        />
      </g>
    </svg>
  )
}

function PlayheadLine({
  run,
  which,
  x,
  height,
}: {
  run: RunView
  which: 'primary' | 'compare'
  x: LinearMap
  height: number
}) {
  const t = usePlayheadTime(run, which)
  const px = x(t)
  return (
    <g className="m-playhead" transform={`translate(${px},0)`}>
      <line y1={0} y2={height} />
      <path d="M-5,-6 L5,-6 L0,0 Z" />
    </g>
  )
}

interface BodyProps {
  column: Column
  plotW: number
  plotH: number
  x: LinearMap
  y: LinearMap
  yTicks: number[]
  yFormat: (v: number) => string
  showYLabels: boolean
  xTicks: number[]
  xMax: number
  charPx: number
  right: number
}

/** Axes, grid and curves: re-rendered only when the data, scales or size change. */
const Body = memo(function Body({
  column,
  plotW,
  plotH,
  x,
  y,
  yTicks,
  yFormat,
  showYLabels,
  xTicks,
  xMax,
  charPx,
  right,
}: BodyProps) {
  const hatch = `m-hatch${useId().replace(/[^\w-]/g, '')}`
  const paths = useMemo(
    () =>
      column.layers.map((l) => ({
        key: l.key,
        area: stepArea(l.upper, l.lower, column.end, x, y),
        line: stepLine(l.upper, column.end, x, y),
      })),
    [column, x, y],
  )
  const xLabels = useMemo(
    () =>
      placeLabels(
        xTicks.map(x),
        xTicks.map((t) => formatNs(t).length * charPx),
        plotW + right,
      ),
    [xTicks, x, charPx, plotW, right],
  )
  return (
    <g className="m-body">
      <defs>
        <HatchPattern id={hatch} />
      </defs>
      <g className="m-grid" aria-hidden="true">
        {yTicks.map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x2={plotW} className={t === 0 ? 'm-baseline' : undefined} />
            {showYLabels && (
              <text x={-6} dy="0.32em" textAnchor="end">
                {yFormat(t)}
              </text>
            )}
          </g>
        ))}
        {xTicks.map((t) => (
          <line key={t} className="m-tick" transform={`translate(${x(t)},${plotH})`} y2={4} />
        ))}
        {xLabels.map(({ i, anchor }) => {
          const t = xTicks[i] as number
          return (
            <text
              key={t}
              transform={`translate(${x(t)},${plotH})`}
              y={6}
              dy="0.9em"
              textAnchor={anchor}
            >
              {formatNs(t)}
            </text>
          )
        })}
      </g>
      <g aria-hidden="true">
        {paths.map((p) => (
          <g key={p.key} className={`m-layer m-layer-${p.key}`}>
            <path
              className="m-area"
              d={p.area}
              fill={p.key === 'host' ? `url(#${hatch})` : undefined}
            />
            <path className="m-line" d={p.line} />
          </g>
        ))}
      </g>
      {column.end < xMax * 0.995 && (
        <g className="m-end" transform={`translate(${x(column.end)},0)`} aria-hidden="true">
          <line y2={plotH} />
          <text x={4} y={2} dy="0.8em">
            end
          </text>
        </g>
      )}
      {column.empty !== null && (
        <text className="m-empty" x={plotW / 2} y={plotH / 2} dy="0.32em" textAnchor="middle">
          {column.empty}
        </text>
      )}
    </g>
  )
})
