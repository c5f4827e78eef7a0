/**
 * The metrics panel: page-cache memory (guest and host, stacked), guest IOPS and loop worker
 * wake-ups over time as small multiples on a shared time axis, then the run's summary table. In
 * compare mode each chart shows the two variants side by side on the same scales — the point of
 * the double-cache scenario: a buffered loop caches the data twice, a DIO loop once.
 */
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import type { RunView } from '../data/runView'
import { useApp } from '../store/context'
import { playheadOf } from '../playback/playhead'
import { formatBytes, formatNs } from '../ui/format'
import { Chart, type Column } from './Chart'
import { valueAt } from './chartData'
import {
  formatAxisBytes,
  formatAxisCount,
  formatRate,
  panelModel,
  runCurves,
  type RunCurves,
} from './model'
import { SummaryTable } from './SummaryTable'
import { Swatch } from './Swatch'
import { useMeasure } from './useMeasure'
import './Metrics.css'

export function Metrics({ run, compare }: { run: RunView; compare: RunView | null }) {
  const box = useRef<HTMLDivElement>(null)
  const probe = useRef<HTMLSpanElement>(null)
  const { width, em } = useMeasure(box, probe)
  const [hover, setHover] = useState<number | null>(null)
  const seek = useApp((s) => s.seek)
  const setPlaying = useApp((s) => s.setPlaying)
  const onSeek = useCallback(
    (t: number, final: boolean) => {
      setPlaying(false)
      seek(run.indexAtTime(t), final)
    },
    [run, seek, setPlaying],
  )

  const comparing = compare !== null
  // Rate charts get about one bin per 3 px of plot; a rough plot width is enough for that.
  const plotGuess = Math.max(60, (width || 440) / (comparing ? 2 : 1) - 4 * em)
  const curves = useMemo(() => {
    const runs = [runCurves(run, 'primary', plotGuess)]
    if (compare) runs.push(runCurves(compare, 'compare', plotGuess))
    return runs
  }, [run, compare, plotGuess])
  const model = useMemo(() => panelModel(curves), [curves])
  const curvesOf = useCallback(
    (which: Column['which']) => curves.find((r) => r.which === which),
    [curves],
  )

  const memoryReadout = useCallback(
    (c: Column, t: number): ReactNode => {
      const r = curvesOf(c.which)
      if (!r) return null
      const g = valueAt(r.memory.guest, t) ?? 0
      const h = valueAt(r.memory.host, t) ?? 0
      const slice = `Largest size within the ${formatNs(r.memory.guest.width)} slice holding this time`
      return (
        <>
          <span className="m-val" title={slice}>
            <Swatch kind="guest" />
            guest <b>{formatBytes(g)}</b>
          </span>
          <span className="m-val" title={slice}>
            <Swatch kind="host" />
            host <b>{formatBytes(h)}</b>
          </span>
        </>
      )
    },
    [curvesOf],
  )
  const rateReadout =
    (pick: (r: RunCurves) => RunCurves['iops']) =>
    (c: Column, t: number): ReactNode => {
      const r = curvesOf(c.which)
      if (!r) return null
      const curve = pick(r)
      return (
        <span
          className="m-val"
          title={`Average over the ${formatNs(curve.width)} slice holding this time`}
        >
          <b>{formatRate(valueAt(curve, t) ?? 0)}</b>
        </span>
      )
    }

  // One y-label gutter for all three charts, so their plots line up.
  const labelChars = Math.max(
    ...model.memory.y.ticks.map((t) => formatAxisBytes(t).length),
    ...model.iops.y.ticks.map((t) => formatAxisCount(t).length),
    ...model.wakeups.y.ticks.map((t) => formatAxisCount(t).length),
  )
  const common = { xMax: model.xMax, width, em, hover, onHover: setHover, onSeek, labelChars }
  return (
    <div className={`metrics${comparing ? ' comparing' : ''}`} data-testid="metrics" ref={box}>
      <span className="m-probe" ref={probe} aria-hidden="true" />
      <PanelTime run={run} hover={hover} />
      <Chart
        id="memory"
        title="Page cache memory"
        columns={model.memory.columns}
        y={model.memory.y}
        yFormat={formatAxisBytes}
        height={7}
        readout={memoryReadout}
        subtitle="host stacked on guest"
        {...common}
      />
      <Chart
        id="iops"
        title="Guest IOPS"
        columns={model.iops.columns}
        y={model.iops.y}
        yFormat={formatAxisCount}
        height={3.6}
        readout={rateReadout((r) => r.iops)}
        {...common}
      />
      <Chart
        id="wakeups"
        title="Loop worker wake-ups per second"
        subtitle="new work, or host I/O done"
        columns={model.wakeups.columns}
        y={model.wakeups.y}
        yFormat={formatAxisCount}
        height={3.6}
        readout={rateReadout((r) => r.wakeups)}
        {...common}
      />
      <SummaryTable run={run} compare={compare} />
    </div>
  )
}

/** The instant the readouts show: the pointer's while hovering a chart, else the playhead's. */
function PanelTime({ run, hover }: { run: RunView; hover: number | null }) {
  const t = useApp((s) => run.timeAt(playheadOf(s, run, 'primary')))
  return (
    <p className="m-time">
      {hover !== null ? (
        <>
          <span className="m-time-t hovering">At {formatNs(hover)}</span> — click to move the
          playhead here
        </>
      ) : (
        <>
          <span className="m-time-t">Playhead {formatNs(t)}</span> — click or drag a chart to move
          it
        </>
      )}
    </p>
  )
}
