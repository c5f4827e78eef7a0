import type { ReactNode } from 'react'
import type { Problem } from '../../src/practice/types'
import { formatNs } from '../ui/format'

/** The scenario a problem is about: the stack in words, the ops of each thread, what happened in order. */
export function Statement({ problem }: { problem: Problem }) {
  const fs = problem.kind === 'consistent'
  return (
    <section className="pr-scenario" aria-labelledby="pr-scenario-title">
      <h2 id="pr-scenario-title">The scenario</h2>
      <ul className="pr-settings">
        {problem.settings.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>{fs ? 'File operations, one after another' : 'Guest threads'}</h3>
      {!fs && (
        <p className="hint">
          Each op is issued once the one before it was issued; “wait” waits for completion.
        </p>
      )}
      <div className="pr-threads">
        {problem.threads.map((t) => (
          <table key={t.name} className="pr-ops" aria-label={`Ops of ${t.name}`}>
            <caption>{t.name}</caption>
            <tbody>
              {t.ops.map((op, i) => (
                <tr key={i}>
                  <th
                    scope="row"
                    className={
                      op.label
                        ? `pr-op-label ${op.label.startsWith('F') ? 'pr-flush' : ''}`
                        : 'pr-op-label'
                    }
                  >
                    {op.label ?? ''}
                  </th>
                  <td>{op.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <h3>What happened, in order</h3>
      <History problem={problem} />
    </section>
  )
}

function History({ problem }: { problem: Problem }) {
  const at = problem.instant
  const marker = (
    <li className="pr-instant" data-testid="practice-instant">
      <span aria-hidden="true">{problem.model === 'power-loss' ? '⚡' : '📷'}</span>{' '}
      {problem.model === 'power-loss' ? 'The power fails here' : 'The snapshot is taken here'}
    </li>
  )
  return (
    <ol className="pr-history" aria-label="Steps of the run">
      {at?.step === 0 && marker}
      {problem.history.map((h) => (
        <HistoryRow
          key={h.step}
          step={h.step}
          t={h.t}
          items={h.items}
          after={at?.step === h.step ? marker : null}
        />
      ))}
    </ol>
  )
}

function HistoryRow({
  step,
  t,
  items,
  after,
}: {
  step: number
  t: number
  items: string[]
  after: ReactNode
}) {
  return (
    <>
      <li className="pr-step">
        <span className="pr-step-num">{step}</span>
        <span className="pr-step-t">{formatNs(t)}</span>
        <span className="pr-step-items">{items.join('; ')}</span>
      </li>
      {after}
    </>
  )
}
