import type { NarratedStep } from '../../src/engine'
import { useApp } from '../store/context'

/**
 * A slim strip with one segment per step: those passed, the current one, those ahead; a question
 * step has a dot (filled once its answer is revealed).
 */
export function WalkProgress({
  steps,
  cursor,
}: {
  steps: readonly NarratedStep[]
  cursor: number
}) {
  const revealed = useApp((s) => s.revealed)
  return (
    <ol className="wp" aria-label="Steps of the walkthrough" data-testid="walk-progress">
      {steps.map((s, i) => {
        const where = i < cursor ? 'done' : i === cursor ? 'current' : 'ahead'
        const q = s.question ? (revealed.has(i) ? 'answered' : 'asks') : null
        return (
          <li
            key={i}
            className={`wp-seg ${where}${q ? ` wp-${q}` : ''}`}
            aria-current={i === cursor ? 'step' : undefined}
          >
            <span className="sr-only">
              Step {i + 1}
              {q === 'asks' ? ', a question' : q === 'answered' ? ', a question, answered' : ''}
              {where === 'done' ? ', passed' : where === 'current' ? ', current' : ''}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
