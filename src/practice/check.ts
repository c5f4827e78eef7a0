/**
 * Checks a person's answer against a problem's answers, candidate by candidate, with the reason
 * the engine gave for each, so feedback can say which choice is wrong and why.
 */
import type { Problem } from './types'

export type Mark =
  /** Chosen, and it is an answer. */
  | 'right'
  /** Chosen, but it is not an answer. */
  | 'wrong'
  /** Not chosen, but it is an answer. */
  | 'missed'
  /** Not chosen, and rightly so. */
  | 'left-out'

export interface CandidateFeedback {
  id: string
  mark: Mark
  reason: string
}

export interface Feedback {
  ok: boolean
  /** One line for the whole answer. */
  summary: string
  items: CandidateFeedback[]
}

const join = (ids: string[]): string =>
  ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`

/** What to say when nothing is chosen yet (the app also keeps "Check" disabled until then). */
export function nothingChosenText(p: Pick<Problem, 'select'>): string {
  return p.select === 'one' ? 'Choose an answer first.' : 'Mark at least one candidate first.'
}

export function checkAnswer(p: Problem, chosen: readonly string[]): Feedback {
  const picked = new Set(chosen)
  // Judging an empty answer would mark every answer "missed" with its reason: a free reveal.
  // Every problem has at least one answer, so an empty choice is never right either.
  if (picked.size === 0) return { ok: false, summary: nothingChosenText(p), items: [] }
  const items = p.answers.map((a): CandidateFeedback => {
    const mark: Mark = picked.has(a.id)
      ? a.correct
        ? 'right'
        : 'wrong'
      : a.correct
        ? 'missed'
        : 'left-out'
    return { id: a.id, mark, reason: a.reason }
  })
  const wrong = items.filter((i) => i.mark === 'wrong').map((i) => i.id)
  const missed = items.filter((i) => i.mark === 'missed').map((i) => i.id)
  if (p.select === 'one') {
    const ok = picked.size === 1 && wrong.length === 0
    const answer = join(p.answers.filter((a) => a.correct).map((a) => a.id))
    const summary = ok
      ? `Right: ${join([...picked])}.`
      : `Not quite: ${join(wrong)} is not the answer; ${answer} ${answer.includes(' and ') ? 'are' : 'is'}.`
    // A single choice is judged on what was chosen; the other candidates are only shown when wrong.
    return {
      ok,
      summary,
      items: ok
        ? items.filter((i) => i.mark === 'right')
        : items.filter((i) => i.mark !== 'left-out'),
    }
  }
  const ok = wrong.length === 0 && missed.length === 0
  const parts: string[] = []
  if (wrong.length > 0)
    parts.push(`${join(wrong)} ${wrong.length === 1 ? 'is' : 'are'} not possible`)
  if (missed.length > 0)
    parts.push(`${join(missed)} ${missed.length === 1 ? 'is' : 'are'} possible too`)
  const summary = ok
    ? `Right: ${join(items.filter((i) => i.mark === 'right').map((i) => i.id))}.`
    : `Not quite: ${parts.join('; ')}.`
  return { ok, summary, items }
}
