import { useState } from 'react'
import { checkAnswer, type CandidateFeedback, type Feedback } from '../../src/practice/check'
import type { Candidate, Problem } from '../../src/practice/types'
import { DiskImage } from './DiskImage'
import { FsImage } from './FsImage'

/**
 * The question, the candidates with their answer controls, and feedback: "Check" judges the
 * choices (each wrong one with the engine's reason), "Show answers" reveals every answer.
 */
export function Question({ problem }: { problem: Problem }) {
  const [chosen, setChosen] = useState<string[]>([])
  const [feedback, setFeedback] = useState<Feedback | null>(null)
  const [revealed, setRevealed] = useState(false)
  // Checking an empty answer would only list the answers: "Show answers" is there for that.
  const nothing = chosen.length === 0
  const choose = (ids: string[]) => {
    setChosen(ids)
    setFeedback(null)
  }
  const byId = new Map(
    (revealed
      ? problem.answers.map((a): CandidateFeedback => ({
          id: a.id,
          mark: a.correct ? 'right' : 'left-out',
          reason: a.reason,
        }))
      : (feedback?.items ?? [])
    ).map((i) => [i.id, i]),
  )
  return (
    <section className="pr-question" aria-labelledby="pr-question-title">
      <h2 id="pr-question-title">Question</h2>
      <p className="pr-prompt" data-testid="practice-question">
        {problem.question}
      </p>
      {problem.image && problem.kind === 'consistent' && (
        <FsImage problem={problem} cells={problem.image} />
      )}
      {problem.image && problem.kind !== 'consistent' && (
        <div className="pr-given">
          <span className="pr-given-label">The image</span>
          <DiskImage cells={problem.image} caption="The image" />
        </div>
      )}
      {problem.select === 'many' ? (
        <ManyChoices
          problem={problem}
          chosen={chosen}
          onChange={choose}
          marks={byId}
          revealed={revealed}
        />
      ) : (
        <VerdictChoice
          problem={problem}
          chosen={chosen}
          onChange={choose}
          marks={byId}
          revealed={revealed}
        />
      )}
      <div className="pr-actions">
        <button
          type="button"
          className="primary"
          onClick={() => setFeedback(checkAnswer(problem, chosen))}
          disabled={nothing}
          aria-describedby={nothing ? 'pr-check-hint' : undefined}
          data-testid="practice-check"
        >
          Check
        </button>
        <button
          type="button"
          aria-pressed={revealed}
          onClick={() => setRevealed(!revealed)}
          data-testid="practice-show"
        >
          {revealed ? 'Hide answers' : 'Show answers'}
        </button>
        {nothing && (
          <span id="pr-check-hint" className="pr-check-hint" data-testid="practice-check-hint">
            {checkHint(problem)}
          </span>
        )}
      </div>
      <p
        className={`pr-summary${feedback ? (feedback.ok ? ' good' : ' bad') : ''}`}
        role="status"
        data-testid="practice-feedback"
      >
        {revealed
          ? `Answer: ${problem.answers
              .filter((a) => a.correct)
              .map((a) => a.id)
              .join(', ')}.`
          : feedback
            ? `${feedback.ok ? '✓' : '✗'} ${feedback.summary}`
            : ''}
      </p>
    </section>
  )
}

/** Why "Check" is disabled: what to choose first. */
function checkHint(problem: Problem): string {
  if (problem.select === 'one') return 'Choose yes, or no and what fsck finds, to check your answer.'
  return `Mark at least one ${problem.kind === 'reverse' ? 'instant' : 'image'} to check your answer.`
}

interface ChoiceProps {
  problem: Problem
  chosen: string[]
  onChange(ids: string[]): void
  marks: Map<string, CandidateFeedback>
  revealed: boolean
}

// The engine's reasons start with their verdict ("possible: …", "impossible: …"); for the
// checkboxes the mark says it already, so the reason is shown without it.
const MARK_TEXT: Record<CandidateFeedback['mark'], string> = {
  right: '✓ possible',
  wrong: '✗ not possible',
  missed: '✗ possible too',
  'left-out': '✓ not possible, rightly left out',
}

const VERDICT = /^(?:im)?possible: /

const SINGLE_TEXT: Record<CandidateFeedback['mark'], string> = {
  right: '✓ right',
  wrong: '✗ not the answer',
  missed: '✓ the answer',
  'left-out': '',
}

/** Why a candidate is (or is not) an answer, once checked or revealed. */
function Mark({
  item,
  revealed,
  single,
}: {
  item: CandidateFeedback | undefined
  revealed: boolean
  single: boolean
}) {
  if (!item) return null
  const text = revealed
    ? single
      ? item.mark === 'right'
        ? '✓ answer'
        : '✗ not an answer'
      : item.mark === 'right'
        ? '✓ possible'
        : '✗ not possible'
    : single
      ? SINGLE_TEXT[item.mark]
      : MARK_TEXT[item.mark]
  const good = revealed
    ? item.mark === 'right'
    : item.mark === 'right' || item.mark === 'left-out' || (single && item.mark === 'missed')
  return (
    <span className={`pr-mark ${good ? 'good' : 'bad'}`} data-testid={`practice-mark-${item.id}`}>
      <strong>{text}</strong> <span className="pr-reason">{single ? item.reason : item.reason.replace(VERDICT, '')}</span>
    </span>
  )
}

function ManyChoices({ problem, chosen, onChange, marks, revealed }: ChoiceProps) {
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...chosen, id].sort() : chosen.filter((x) => x !== id))
  return (
    <fieldset className="pr-choices">
      <legend>
        {problem.kind === 'reverse'
          ? 'Instants that could have left it'
          : 'Images a crash here can leave'}{' '}
        (mark every one that applies)
      </legend>
      {problem.candidates.map((c) => (
        <div key={c.id} className="pr-choice">
          <label>
            <input
              type="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
              data-testid={`practice-choice-${c.id}`}
            />
            <span className="pr-letter">{c.id}</span>
            <CandidateView c={c} />
          </label>
          <Mark item={marks.get(c.id)} revealed={revealed} single={false} />
        </div>
      ))}
    </fieldset>
  )
}

function CandidateView({ c }: { c: Candidate }) {
  if (c.kind === 'image') return <DiskImage cells={c.cells} caption={`Image ${c.id}`} />
  if (c.kind === 'instant') return <span className="pr-instant-text">{c.instant.text}</span>
  return <span>{c.text}</span>
}

/** Consistent problems: yes or no, and with no, what fsck finds. */
function VerdictChoice({ problem, chosen, onChange, marks, revealed }: ChoiceProps) {
  const yes = problem.candidates.find((c) => c.kind === 'verdict' && c.consistent)
  const reasons = problem.candidates.filter((c) => c.kind === 'verdict' && !c.consistent)
  const [no, setNo] = useState(false)
  const saysYes = yes !== undefined && chosen.includes(yes.id)
  return (
    <fieldset className="pr-choices">
      <legend>Is the file system consistent?</legend>
      <div className="pr-choice">
        <label>
          <input
            type="radio"
            name="pr-verdict"
            checked={saysYes}
            onChange={() => (setNo(false), onChange(yes ? [yes.id] : []))}
            data-testid="practice-yes"
          />
          <span className="pr-letter">{yes?.id}</span> {yes?.kind === 'verdict' ? yes.text : ''}
        </label>
        <Mark item={yes && marks.get(yes.id)} revealed={revealed} single />
      </div>
      <div className="pr-choice">
        <label>
          <input
            type="radio"
            name="pr-verdict"
            checked={no && !saysYes}
            onChange={() => (setNo(true), onChange([]))}
            data-testid="practice-no"
          />
          No: fsck finds a problem
        </label>
      </div>
      <fieldset className="pr-reasons" disabled={!no || saysYes}>
        <legend>What does fsck find?</legend>
        {reasons.map((c) => (
          <div key={c.id} className="pr-choice">
            <label>
              <input
                type="radio"
                name="pr-reason"
                checked={chosen.includes(c.id)}
                onChange={() => onChange([c.id])}
                data-testid={`practice-choice-${c.id}`}
              />
              <span className="pr-letter">{c.id}</span>{' '}
              {c.kind === 'verdict' ? c.text.replace(/^No: /, '') : ''}
            </label>
            <Mark item={marks.get(c.id)} revealed={revealed} single />
          </div>
        ))}
      </fieldset>
    </fieldset>
  )
}
