import { memo, useMemo } from 'react'
import type { RunView } from '../data/runView'
import { compareText, summaryRows } from './chartData'
import { variantTitle } from './model'

/** The run's summary metrics; in compare mode one column per variant and their ratio. */
export const SummaryTable = memo(function SummaryTable({
  run,
  compare,
}: {
  run: RunView
  compare: RunView | null
}) {
  const a = useMemo(() => summaryRows(run.p.metrics, run.p.series), [run])
  const b = useMemo(
    () => (compare ? summaryRows(compare.p.metrics, compare.p.series) : null),
    [compare],
  )
  const ta = variantTitle(run.p)
  const tb = compare ? variantTitle(compare.p) : ''
  return (
    <table className={`m-table${b ? ' comparing' : ''}`} data-testid="metrics-table">
      <caption>
        {b
          ? 'Summary, side by side'
          : `Summary${run.p.scenario.variants.length > 1 ? ` — ${ta}` : ''}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num">
            {b ? ta : 'Value'}
          </th>
          {b && (
            <>
              <th scope="col" className="num">
                {tb}
              </th>
              <th scope="col" className="num" title={`${tb} ÷ ${ta}`}>
                Ratio
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {a.map((row, i) => {
          const other = b?.[i]
          return (
            <tr key={row.key} data-metric={row.key}>
              <th scope="row" title={row.hint}>
                {row.label}
              </th>
              <td className="num">{row.text}</td>
              {other && (
                <>
                  <td className="num">{other.text}</td>
                  <td className="num ratio">{compareText(row, other)}</td>
                </>
              )}
            </tr>
          )
        })}
      </tbody>
      {b && (
        <tfoot>
          <tr>
            <td colSpan={4}>
              Ratio: {tb} ÷ {ta}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  )
})
