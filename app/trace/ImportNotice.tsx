import { formatBytes } from '../ui/format'
import { useImportStatus } from './openTrace'

/**
 * Under the top bar on every screen: the trace being read, or why it could not be opened (the
 * first problems with their line and column, and how many more). Text only, never markup from
 * the file.
 */
export function ImportNotice() {
  const status = useImportStatus((s) => s.status)
  const setStatus = useImportStatus((s) => s.setStatus)
  if (status.state === 'idle') return null
  if (status.state === 'reading')
    return (
      <div className="import-notice reading" role="status" data-testid="import-reading">
        <span className="spinner" aria-hidden="true" /> Reading {status.name} (
        {formatBytes(status.bytes)})…
      </div>
    )
  return (
    <div className="import-notice failed" role="alert" data-testid="import-error">
      <div className="import-notice-head">
        <strong>{status.name} could not be opened as a block trace</strong>
        <button
          type="button"
          className="ghost"
          onClick={() => setStatus({ state: 'idle' })}
          data-testid="import-dismiss"
        >
          Dismiss
        </button>
      </div>
      <ul className="import-issues">
        {status.lines.map((l, i) => (
          <li key={i}>
            <code>{l}</code>
          </li>
        ))}
      </ul>
      {status.more > 0 && (
        <p className="import-more" data-testid="import-more">
          and {status.atLeast ? 'at least ' : ''}
          {status.more.toLocaleString('en')} more {status.more === 1 ? 'problem' : 'problems'}
        </p>
      )}
      <p className="hint">
        loopscope reads blkparse's default text output, the kernel's block tracepoints as tracefs
        prints them, and fio iologs (version 2 or 3).
      </p>
    </div>
  )
}
