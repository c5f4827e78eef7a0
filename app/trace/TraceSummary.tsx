import type { DeviceSummary } from '../../src/formats'
import { formatNs } from '../ui/format'
import type { TraceSession } from './types'

interface Stat {
  key: string
  label: string
  title: string
  value(s: DeviceSummary): string
  /** Worth a reader's attention when not zero. */
  notable?: boolean
}

const n = (x: number): string => x.toLocaleString('en')

const STATS: Stat[] = [
  {
    key: 'requests',
    label: 'requests',
    title: 'Requests the submitters sent (bios), without the block layer’s own flushes',
    value: (s) => n(s.requests),
  },
  { key: 'write', label: 'writes', title: 'Writes with data', value: (s) => n(s.by_op.write) },
  { key: 'read', label: 'reads', title: 'Reads', value: (s) => n(s.by_op.read) },
  {
    key: 'flush',
    label: 'flushes',
    title: 'Empty flush requests the submitters sent (sync, fsync, a journal commit without data)',
    value: (s) => n(s.flushes),
  },
  {
    key: 'discard',
    label: 'discards, zeroes',
    title: 'Discards and write-zeroes',
    value: (s) => n(s.by_op.discard + s.by_op['write-zeroes']),
  },
  {
    key: 'proxies',
    label: 'blk-flush flushes',
    title:
      'Flushes the block layer issued itself for PREFLUSH and FUA requests (FN in blkparse, FF in tracefs): the device has a volatile write cache',
    value: (s) => n(s.flush_proxies),
  },
  {
    key: 'preflush',
    label: 'PREFLUSH (with data)',
    title: 'Requests flagged PREFLUSH (flush the cache first); in brackets those carrying data',
    value: (s) => `${n(s.preflush)} (${n(s.preflush_with_data)})`,
  },
  {
    key: 'fua',
    label: 'FUA',
    title: 'Requests flagged FUA (durable once completed)',
    value: (s) => n(s.fua),
  },
  {
    key: 'merged',
    label: 'merged',
    title: 'Bios merged into another request',
    value: (s) => n(s.merged),
  },
  {
    key: 'inversions',
    label: 'reordered pairs',
    title: 'Pairs of requests completed in the opposite order to their issue order',
    value: (s) => n(s.inversions),
  },
  {
    key: 'in-flight',
    label: 'in flight at the end',
    title: 'Not completed when the trace ended',
    value: (s) => n(s.in_flight),
    notable: true,
  },
  {
    key: 'failed',
    label: 'failed',
    title: 'Completed with an error',
    value: (s) => n(s.failed),
    notable: true,
  },
  {
    key: 'span',
    label: 'span',
    title: 'From the device’s first event to its last',
    value: (s) => formatNs(s.span_ns),
  },
]

/** Per device: what the trace holds (the same figures as `loopscope import`). */
export function TraceSummary({ session }: { session: TraceSession }) {
  const { devices } = session.loaded
  return (
    <section
      className="trace-summary"
      aria-labelledby="trace-summary-title"
      data-testid="trace-summary"
    >
      <h2 id="trace-summary-title">Per device</h2>
      {devices.map((s) => (
        <div
          key={s.device}
          className={`trace-device${s.device === session.device ? ' explored' : ''}`}
          data-testid={`summary-${s.device}`}
        >
          <h3>
            {s.device}
            {devices.length > 1 && s.device === session.device && (
              <span className="trace-explored-tag">in the explorer</span>
            )}
            <span className="trace-device-events">{n(s.events)} events</span>
          </h3>
          <dl className="trace-stats">
            {STATS.map((st) => {
              const v = st.value(s)
              return (
                <div
                  key={st.key}
                  className={`trace-stat${st.notable && v !== '0' ? ' notable' : ''}`}
                  title={st.title}
                >
                  <dt>{st.label}</dt>
                  <dd data-k={st.key}>{v}</dd>
                </div>
              )
            })}
          </dl>
        </div>
      ))}
      <p className="hint">
        Each device is a lane on the timeline, and the flushes its block layer issued for PREFLUSH
        and FUA requests (blk-flush) a lane of their own. A bar runs from a request’s submission to
        its completion, light while it waited to be issued to the driver. Hover a figure for what it
        counts.
      </p>
    </section>
  )
}
