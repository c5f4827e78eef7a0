import type { RunView } from '../data/runView'
import { useApp } from '../store/context'
import { formatNs } from '../ui/format'
import { isEdited } from '../../src/scenarios/edited'
import { QuestionCard } from './QuestionCard'

/**
 * The scenario's narration in step with the playhead: the current step is highlighted and
 * scrolled into view; each step's question is shown before its answer, which is revealed on demand.
 */
export function NarrationPanel({ run }: { run: RunView }) {
  const index = useApp((s) => s.index)
  const seek = useApp((s) => s.seek)
  const setPlaying = useApp((s) => s.setPlaying)
  const steps = run.p.narration
  if (steps.length === 0)
    return (
      <p className="empty">
        This scenario has no narration yet. Step through it with the arrow keys.
      </p>
    )
  let current = -1
  steps.forEach((s, i) => {
    if (s.event !== null && s.event <= index) current = i
  })
  const edited = isEdited(run.p.scenario.title)
  return (
    <>
      {edited && (
        <p className="hint narration-edited" data-testid="narration-edited">
          This narration was written for the scenario before it was edited. Its steps are placed by
          labels that still exist and its questions are answered by the engine for the edited run,
          but the prose may no longer hold.
        </p>
      )}
      <ol className="narration" data-testid="narration">
        {steps.map((s, i) => (
          <li
            key={i}
            className={`nstep${i === current ? ' current' : ''}${s.event !== null && s.event > index ? ' ahead' : ''}${s.event === null ? ' unreached' : ''}`}
            aria-current={i === current ? 'step' : undefined}
            ref={i === current ? scrollIntoPanel : undefined}
          >
            <button
              type="button"
              className="nstep-at"
              disabled={s.event === null}
              onClick={() => {
                setPlaying(false)
                if (s.event !== null) seek(s.event)
              }}
              title={s.event === null ? 'Not reached in this run' : `Go to event ${s.event}`}
            >
              <span className="sr-only">{s.event === null ? 'not reached' : 'go to event'}</span>
              {s.event === null ? '—' : `#${s.event}`}
              {s.t !== null && <span className="nstep-t">{formatNs(s.t)}</span>}
            </button>
            <div className="nstep-body">
              <p>{s.text}</p>
              {s.kernel && <code className="kernel">{s.kernel}</code>}
              {s.question && (
                <QuestionCard
                  step={i}
                  question={s.question}
                  reached={s.event !== null && s.event <= index}
                />
              )}
            </div>
          </li>
        ))}
      </ol>
    </>
  )
}

/** Brings the current step into view inside the side panel only; the page itself never scrolls. */
function scrollIntoPanel(el: HTMLElement | null): void {
  const box = el?.closest('.tab-body')
  if (!el || !(box instanceof HTMLElement)) return
  const top = el.offsetTop - box.offsetTop
  if (top < box.scrollTop) box.scrollTop = top - 8
  else if (top + el.offsetHeight > box.scrollTop + box.clientHeight)
    box.scrollTop = top + el.offsetHeight - box.clientHeight + 8
}
