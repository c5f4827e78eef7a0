import { useState } from 'react'
import type { AnsweredQuestion } from '../../src/engine'
import { useApp } from '../store/context'

/** Predict, then reveal: the learner may pick answers first; the engine's answer shows on demand. */
export function QuestionCard({ step, question, reached }: { step: number; question: AnsweredQuestion; reached: boolean }) {
  const revealed = useApp((s) => s.revealed.has(step))
  const reveal = useApp((s) => s.reveal)
  const [picked, setPicked] = useState<Set<number>>(new Set())
  const toggle = (i: number) => {
    const next = new Set(picked)
    if (next.has(i)) next.delete(i)
    else next.add(i)
    setPicked(next)
  }
  const right = revealed && question.correct.length === picked.size && question.correct.every((c) => picked.has(c))
  return (
    <div className="question" data-testid={`question-${step}`}>
      <p className="q-prompt">
        <span className="q-badge">Question</span> {question.prompt}
      </p>
      {question.choices.length > 0 && (
        <ul className="choices">
          {question.choices.map((c, i) => {
            const correct = question.correct.includes(i)
            const cls = revealed ? (correct ? 'choice correct' : picked.has(i) ? 'choice wrong' : 'choice') : 'choice'
            return (
              <li key={i} className={cls}>
                <label>
                  <input type="checkbox" checked={picked.has(i)} disabled={revealed} onChange={() => toggle(i)} />
                  <span>{c}</span>
                  {revealed && <span className="mark" aria-label={correct ? 'correct' : 'not correct'}>{correct ? '✓' : '✗'}</span>}
                </label>
              </li>
            )
          })}
        </ul>
      )}
      {revealed ? (
        <div className="answer" role="region" aria-label="Answer">
          {picked.size > 0 && <p className={right ? 'verdict good' : 'verdict bad'}>{right ? 'Your prediction was right.' : 'Not quite: compare with the marked choices.'}</p>}
          <p>{question.explanation}</p>
        </div>
      ) : (
        <button type="button" className="reveal" onClick={() => reveal(step)} data-testid={`reveal-${step}`}>
          {reached ? 'Reveal the answer' : 'Reveal the answer (the playhead has not reached this step)'}
        </button>
      )}
    </div>
  )
}
