import { formatIssue, type TraceFormat } from '../../src/formats/events'
import { formatBytes, formatNs } from '../ui/format'
import { OpenTraceButton } from './OpenTraceButton'
import type { LoadedTrace } from './types'

export const FORMAT_NAMES: Record<TraceFormat, string> = {
  blkparse: 'blkparse text',
  tracefs: 'tracefs text (kernel block tracepoints)',
  'fio-v2': 'fio iolog, version 2',
  'fio-v3': 'fio iolog, version 3',
}

/** The file, what it was read as, how long that took, and what the importer warns about. */
export function TraceHeader({ loaded }: { loaded: LoadedTrace }) {
  // Counted as the per-device figures and `loopscope import` count them: the block layer's own
  // flushes (FN) apart from the requests the submitters sent.
  const requests = loaded.devices.reduce((n, d) => n + d.requests, 0)
  const proxies = loaded.devices.reduce((n, d) => n + d.flush_proxies, 0)
  const fio = loaded.format === 'fio-v2' || loaded.format === 'fio-v3'
  return (
    <header className="scenario-header trace-header">
      <div className="title-block">
        <h1 data-testid="trace-name">{loaded.name}</h1>
        <p className="lesson" data-testid="trace-facts">
          {FORMAT_NAMES[loaded.format]} · {formatBytes(loaded.bytes)} ·{' '}
          {requests.toLocaleString('en')} requests
          {proxies > 0 && ` and ${proxies.toLocaleString('en')} block-layer flushes`} on{' '}
          {loaded.devices.length} device
          {loaded.devices.length === 1 ? '' : 's'} over {formatNs(loaded.view.duration)} · read in{' '}
          {Math.max(1, Math.round(loaded.readMs))} ms, parsed in{' '}
          {Math.max(1, Math.round(loaded.parseMs))} ms
        </p>
        {fio && (
          <p className="source">
            fio logs submissions only: each I/O is taken as complete when the next entry was logged.
          </p>
        )}
        {loaded.warningCount > 0 && (
          <details className="trace-warnings" data-testid="trace-warnings">
            <summary>
              {loaded.warningCount.toLocaleString('en')} warning
              {loaded.warningCount === 1 ? '' : 's'} from the importer
            </summary>
            <ul>
              {loaded.warnings.map((w, i) => (
                <li key={i}>
                  <code>
                    {w.line > 0 ? formatIssue(loaded.name, w) : `${loaded.name}: ${w.message}`}
                  </code>
                </li>
              ))}
            </ul>
            {loaded.warningCount > loaded.warnings.length && (
              <p className="hint">
                and {(loaded.warningCount - loaded.warnings.length).toLocaleString('en')} more
              </p>
            )}
          </details>
        )}
      </div>
      <div className="variant-block">
        <OpenTraceButton label="Open another trace…" className="" testId="open-trace-again" />
        <p className="variant-summary">
          The trace stays in this page only; reloading leaves it behind.
        </p>
      </div>
    </header>
  )
}
