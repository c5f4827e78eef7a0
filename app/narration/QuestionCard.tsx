import type { AnsweredQuestion } from '../../src/engine'
import { choiceLetter, choiceOutcome, judge, manyAnswers } from './prediction'
import { usePrediction } from './usePrediction'
import './QuestionCard.css'

/** Predict, then reveal: the learner may pick answers first; the engine's answer shows on demand. */
export function QuestionCard({ step, question, reached }: { step: number; question: AnsweredQuestion; reached: boolean }) {
  const { picked, revealed, pick, reveal } = usePrediction(step)
  const verdict = revealed ? judge(question, picked) : 'none'
  return (
    <div className="question" data-testid={`question-${step}`}>
      <p className="q-prompt">
        <span className="q-badge">Question</span> {question.prompt}
      </p>
      {question.choices.length > 0 && (
        <ul className="choices">
          {question.choices.map((c, i) => {
            const outcome = choiceOutcome(question, picked, revealed, i)
            return (
              <li key={i} className={outcome === 'plain' ? 'choice' : `choice ${outcome}`}>
                <label>
                  <input type={manyAnswers(question) ? 'checkbox' : 'radio'} name={`q${step}`} checked={picked.has(i)} disabled={revealed} onChange={() => pick(i)} />
                  <span>
                    <span className="choice-letter">{choiceLetter(i)}</span> {c}
                  </span>
                  {revealed && <span className="mark" aria-label={outcome === 'correct' ? 'correct' : 'not correct'}>{outcome === 'correct' ? '✓' : '✗'}</span>}
                </label>
              </li>
            )
          })}
        </ul>
      )}
      {revealed ? (
        <div className="answer" role="region" aria-label="Answer">
          {verdict !== 'none' && <p className={verdict === 'right' ? 'verdict good' : 'verdict bad'}>{verdict === 'right' ? 'Your prediction was right.' : 'Not quite: compare with the marked choices.'}</p>}
          <p>{question.explanation}</p>
        </div>
      ) : (
        <button type="button" className="reveal" onClick={reveal} data-testid={`reveal-${step}`}>
          {reached ? 'Reveal the answer' : 'Reveal the answer (the playhead has not reached this step)'}
        </button>
      )}
    </div>
  )
}
