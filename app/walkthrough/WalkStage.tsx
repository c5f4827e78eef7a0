import type { RunView } from '../data/runView'
import { formatNs } from '../ui/format'
import { isEdited } from '../../src/scenarios/edited'
import { INTRO } from './steps'
import type { Walk } from './useWalk'
import { WalkQuestion } from './WalkQuestion'

/** The title card, or the current step: its text, the kernel code behind it, its question. */
export function WalkStage({ run, walk }: { run: RunView; walk: Walk }) {
  const { steps, cursor } = walk
  const step = steps[cursor]
  if (cursor === INTRO || !step) {
    const questions = steps.filter((s) => s.question).length
    return (
      <section className="walk-stage intro" aria-label="Title" data-testid="walk-stage">
        <h1 className="walk-h1">{run.p.scenario.title}</h1>
        <p className="walk-text" data-testid="walk-text">
          {run.p.scenario.summary}
        </p>
        <p className="walk-meta">
          {steps.length} steps
          {questions > 0 ? `, ${questions} question${questions === 1 ? '' : 's'} to predict` : ''}.
          Press <kbd>→</kbd> or <kbd>Space</kbd> to begin.
        </p>
        {isEdited(run.p.scenario.title) && (
          <p className="walk-meta" data-testid="walk-edited">
            The steps were written before this scenario was edited: the engine answers their
            questions for the edited run, but their words may no longer hold.
          </p>
        )}
        <p className="walk-source">Source: {run.p.scenario.source}</p>
      </section>
    )
  }
  return (
    <section
      className={`walk-stage${step.question ? ' asks' : ''}`}
      aria-labelledby="walk-step-no"
      data-testid="walk-stage"
    >
      <p className="walk-where" id="walk-step-no">
        <strong>Step {cursor + 1}</strong> of {steps.length}
        <span className="walk-at">
          {step.event === null
            ? 'not reached in this run'
            : `event ${step.event.toLocaleString('en')} · ${formatNs(step.t ?? 0)}`}
        </span>
      </p>
      <p className="walk-text" data-testid="walk-text">
        {step.text}
      </p>
      {step.kernel && <code className="walk-kernel">{step.kernel}</code>}
      {step.question && (
        <WalkQuestion key={cursor} step={cursor} question={step.question} nudges={walk.nudges} />
      )}
      {cursor === steps.length - 1 && !walk.held && (
        <p className="walk-end">
          The end. <kbd>Esc</kbd> returns to the full view at this instant.
        </p>
      )}
    </section>
  )
}
