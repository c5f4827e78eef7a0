/**
 * Predict, then reveal: the rules both the side panel's question card and the walkthrough follow.
 * A prediction is the set of choices picked before the engine's answer is revealed.
 */
import type { AnsweredQuestion } from '../../src/engine'

/** No picks yet. Shared so that "nothing picked" is one object, not a fresh one per render. */
export const NO_PICKS: ReadonlySet<number> = new Set()

/**
 * Whether several choices can be right. "Which of these images…" lists several possible images;
 * a yes/no or a count has exactly one answer, so picking another choice replaces the first.
 */
export function manyAnswers(q: Pick<AnsweredQuestion, 'kind'>): boolean {
  return q.kind === 'which-images'
}

/** The picks after choosing `choice`: toggled for a many-answer question, replaced otherwise. */
export function pickChoice(
  q: Pick<AnsweredQuestion, 'kind' | 'choices'>,
  picked: ReadonlySet<number>,
  choice: number,
): ReadonlySet<number> {
  if (choice < 0 || choice >= q.choices.length) return picked
  if (!manyAnswers(q)) return picked.has(choice) ? NO_PICKS : new Set([choice])
  const next = new Set(picked)
  if (next.has(choice)) next.delete(choice)
  else next.add(choice)
  return next
}

/** The letter a choice goes by ("A", "B", …): the engine's explanations name choices by letter. */
export function choiceLetter(i: number): string {
  return String.fromCharCode(65 + i)
}

export type Judgement = 'right' | 'wrong' | 'none'

/** A prediction is right when it picked exactly the engine's correct choices. */
export function judge(
  q: Pick<AnsweredQuestion, 'correct'>,
  picked: ReadonlySet<number>,
): Judgement {
  if (picked.size === 0) return 'none'
  return q.correct.length === picked.size && q.correct.every((c) => picked.has(c))
    ? 'right'
    : 'wrong'
}

/** How one choice shows after the reveal: right, a wrong pick, or neither. Before it: plain. */
export function choiceOutcome(
  q: Pick<AnsweredQuestion, 'correct'>,
  picked: ReadonlySet<number>,
  revealed: boolean,
  i: number,
): 'correct' | 'wrong' | 'plain' {
  if (!revealed) return 'plain'
  if (q.correct.includes(i)) return 'correct'
  return picked.has(i) ? 'wrong' : 'plain'
}
