/**
 * The metrics panel: page-cache memory (guest and host, stacked), guest IOPS and loop worker
 * wake-ups over time as small multiples on a shared time axis, then the run's summary table. In
 * compare mode each chart shows the two variants side by side on the same scales — the point of
 * the double-cache scenario: a buffered loop caches the data twice, a DIO loop once.
 */
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import type { RunView } from '../data/runView'
import { useApp } from '../store/context'
import { formatBytes } from '../ui/format'
import { Chart, type Column } from './Chart'
import { valueAt } from './chartData'
import { formatAxisBytes, formatAxisCount, formatRate, panelModel, runCurves, wakeupNote, type RunCurves } from './model'
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
  const curvesOf = useCallback((which: Column['which']) => curves.find((r) => r.which === which), [curves])

  const memoryReadout = useCallback(
    (c: Column, t: number): ReactNode => {
      const r = curvesOf(c.which)
      if (!r) return null
      const g = valueAt(r.memory.guest, t) ?? 0
      const h = valueAt(r.memory.host, t) ?? 0
      return (
        <>
          <span className="m-val">
            <Swatch kind="guest" />
            <span className="sr-only">guest </span>
            {formatBytes(g)}
          </span>
          <span className="m-val">
            <Swatch kind="host" />
            <span className="sr-only">host </span>
            {formatBytes(h)}
          </span>
        </>
      )
    },
    [curvesOf],
  )
  const rateReadout = (pick: (r: RunCurves) => RunCurves['iops']) => (c: Column, t: number): ReactNode => {
    const r = curvesOf(c.which)
    if (!r) return null
    const curve = pick(r)
    return <span className="m-val">{formatRate(valueAt(curve, t) ?? 0)}</span>
  }

  const common = { xMax: model.xMax, width, em, hover, onHover: setHover, onSeek }
  const note = wakeupNote(model.wakeupGap, comparing)
  return (
    <div className={`metrics${comparing ? ' comparing' : ''}`} data-testid="metrics" ref={box}>
      <span className="m-probe" ref={probe} aria-hidden="true" />
      <p className="m-hint">Click or drag a chart to move the playhead.</p>
      <Chart
        id="memory"
        title="Page cache memory"
        columns={model.memory.columns}
        y={model.memory.y}
        yFormat={formatAxisBytes}
        height={comparing ? 6.5 : 6}
        readout={memoryReadout}
        legend={
          <ul className="m-legend" aria-label="Legend">
            <li>
              <Swatch kind="guest" /> Guest page cache
            </li>
            <li>
              <Swatch kind="host" /> Host page cache, stacked on top
            </li>
          </ul>
        }
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
        columns={model.wakeups.columns}
        y={model.wakeups.y}
        yFormat={formatAxisCount}
        height={3.6}
        readout={rateReadout((r) => r.wakeups)}
        note={note !== null ? <p className="m-note">{note}</p> : undefined}
        {...common}
      />
      <SummaryTable run={run} compare={compare} />
    </div>
  )
}
