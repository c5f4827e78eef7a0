import type { DeviceSummary } from '../../src/formats'
import { formatNs } from '../ui/format'
import type { TraceSession } from './types'

interface Column {
  key: string
  head: string
  title: string
  value(s: DeviceSummary): number | string
}

const COLUMNS: Column[] = [
  { key: 'requests', head: 'Requests', title: 'Requests the submitters sent (bios), without the block layer’s own flushes', value: (s) => s.requests },
  { key: 'write', head: 'Writes', title: 'Writes with data', value: (s) => s.by_op.write },
  { key: 'read', head: 'Reads', title: 'Reads', value: (s) => s.by_op.read },
  { key: 'flush', head: 'Flushes', title: 'Empty flush requests the submitters sent (sync, fsync, a journal commit without data)', value: (s) => s.flushes },
  { key: 'discard', head: 'Discards', title: 'Discards and write-zeroes', value: (s) => s.by_op.discard + s.by_op['write-zeroes'] },
  { key: 'proxies', head: 'Block-layer flushes', title: 'Flushes the block layer issued itself for PREFLUSH and FUA requests (FN in blkparse, FF in tracefs): the device has a volatile write cache', value: (s) => s.flush_proxies },
  { key: 'preflush', head: 'PREFLUSH', title: 'Requests flagged PREFLUSH (flush the cache first); in brackets those carrying data', value: (s) => `${s.preflush} (${s.preflush_with_data})` },
  { key: 'fua', head: 'FUA', title: 'Requests flagged FUA (durable at completion)', value: (s) => s.fua },
  { key: 'merged', head: 'Merged', title: 'Bios merged into another request', value: (s) => s.merged },
  { key: 'in-flight', head: 'In flight', title: 'Not completed when the trace ended', value: (s) => s.in_flight },
  { key: 'failed', head: 'Failed', title: 'Completed with an error', value: (s) => s.failed },
  { key: 'inversions', head: 'Reordered', title: 'Pairs completed in the opposite order to their issue order', value: (s) => s.inversions },
  { key: 'span', head: 'Span', title: 'From the device’s first event to its last', value: (s) => formatNs(s.span_ns) },
]

/** Per device: what the trace holds (the same figures as `loopscope import`). */
export function TraceSummary({ session }: { session: TraceSession }) {
  const { devices } = session.loaded
  return (
    <section className="trace-summary" aria-labelledby="trace-summary-title">
      <h2 id="trace-summary-title">Per device</h2>
      <div className="trace-table-wrap" tabIndex={0} role="region" aria-labelledby="trace-summary-title">
        <table className="trace-table" data-testid="trace-summary">
          <thead>
            <tr>
              <th scope="col">Device</th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" title={c.title}>
                  {c.head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {devices.map((s) => (
              <tr key={s.device} className={s.device === session.device ? 'explored' : undefined} data-testid={`summary-${s.device}`}>
                <th scope="row">
                  {s.device}
                  {s.device === session.device && devices.length > 1 && <span className="trace-explored-tag"> explored</span>}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c.key} data-k={c.key}>
                    {typeof c.value(s) === 'number' ? (c.value(s) as number).toLocaleString('en') : c.value(s)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Each device is a lane on the timeline below, its block-layer flushes a lane of their own. A bar runs from the request’s submission to its
        completion, light while it waited to be issued to the driver.
      </p>
    </section>
  )
}
