import type { RunView } from '../data/runView'

/** Placeholder: replaced by the metric charts. */
export function Metrics({ run, compare }: { run: RunView; compare: RunView | null }) {
  return <div data-testid="metrics">{run.p.metrics.iops} IOPS{compare ? ` vs ${compare.p.metrics.iops}` : ''}</div>
}
