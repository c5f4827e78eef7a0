import type { AnsweredQuestion } from '../../src/engine'
import { choiceLetter, choiceOutcome, judge, manyAnswers } from '../narration/prediction'
import { usePrediction } from '../narration/usePrediction'

const VERDICT_WORDS = {
  right: '✓ The prediction was right.',
  wrong: '✗ The prediction was wrong: compare with the marked choices.',
  none: 'No prediction was made.',
} as const

/**
 * Predict, then reveal, for a room: the question and its choices in large type; the presenter
 * picks the room's choice (a number key or a click), then reveals the engine's answer, which marks
 * the prediction and gives the engine's reasons. Picks and reveals are the side panel's too.
 */
export function WalkQuestion({
  step,
  question,
  nudges,
}: {
  step: number
  question: AnsweredQuestion
  nudges: number
}) {
  const { picked, revealed, pick, reveal } = usePrediction(step)
  const verdict = judge(question, picked)
  return (
    <section className="wq" aria-labelledby={`wq-${step}`} data-testid="walk-question">
      <h2 className="wq-prompt" id={`wq-${step}`}>
        <span className="q-badge">Question</span> {question.prompt}
      </h2>
      <p className="wq-how">
        {manyAnswers(question)
          ? 'Several may be right: pick every one the room expects.'
          : 'One is right: pick what the room expects.'}
      </p>
      <ol className="wq-choices" role="list">
        {question.choices.map((c, i) => {
          const outcome = choiceOutcome(question, picked, revealed, i)
          return (
            <li key={i} className={`wq-choice ${outcome}${picked.has(i) ? ' picked' : ''}`}>
              <button
                type="button"
                aria-pressed={picked.has(i)}
                aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
                disabled={revealed}
                // A click leaves the keyboard focus where it was, so Space still means "next".
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(i)}
                data-testid={`walk-choice-${i}`}
              >
                <span className="wq-letter" aria-hidden="true">
                  {choiceLetter(i)}
                </span>
                <span className="wq-text">
                  <span className="sr-only">{choiceLetter(i)}: </span>
                  {c}
                </span>
                {i < 9 && !revealed && <kbd className="wq-key">{i + 1}</kbd>}
                {revealed && (
                  <Mark
                    right={outcome === 'correct'}
                    many={manyAnswers(question)}
                    picked={picked.has(i)}
                  />
                )}
              </button>
            </li>
          )
        })}
      </ol>
      {revealed ? (
        <div
          className="wq-answer"
          role="region"
          aria-label="The engine’s answer"
          ref={showInStage}
          data-testid="walk-answer"
        >
          <p className={`wq-verdict ${verdict}`} data-testid="walk-verdict" data-verdict={verdict}>
            {VERDICT_WORDS[verdict]}
          </p>
          <p className="wq-explanation" data-testid="walk-explanation">
            {question.explanation}
          </p>
        </div>
      ) : (
        <p className={`wq-hold${nudges > 0 ? ' nudged' : ''}`} key={nudges} data-testid="walk-held">
          <button
            type="button"
            className="primary wq-reveal"
            onClick={reveal}
            aria-keyshortcuts="R"
            data-testid="walk-reveal"
          >
            Reveal the answer <kbd>R</kbd>
          </button>
          <span>The walkthrough waits here until the answer is revealed.</span>
        </p>
      )}
    </section>
  )
}

/** The engine's verdict on one choice, in words as well as a glyph and a colour. */
function Mark({ right, many, picked }: { right: boolean; many: boolean; picked: boolean }) {
  const words = many ? (right ? '✓ possible' : '✗ cannot happen') : right ? '✓ the answer' : '✗'
  return (
    <span className={`wq-mark ${right ? 'yes' : 'no'}`}>
      {words}
      {/* The filled letter shows a pick on screen. */}
      {picked && <span className="sr-only">, picked</span>}
    </span>
  )
}

/** Brings the answer into view inside the stage (on a small screen the stage scrolls), not the page. */
function showInStage(el: HTMLElement | null): void {
  const box = el?.closest('.walk-stage')
  if (!el || !(box instanceof HTMLElement)) return
  const bottom = el.offsetTop - box.offsetTop + el.offsetHeight
  if (bottom > box.scrollTop + box.clientHeight) box.scrollTop = bottom - box.clientHeight + 8
}
