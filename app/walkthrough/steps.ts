/**
 * Where the walkthrough is and where each key takes it. The walkthrough is a sequence: the title
 * (cursor INTRO), then the narration's steps in order. A step is shown with the playhead right
 * after the event it is keyed to; a step with a question holds "next" (and "last") until its
 * answer is revealed, so the room predicts before it moves on.
 */
import type { NarratedStep } from '../../src/engine'

/** The cursor of the title card shown before the first step. */
export const INTRO = -1

type Step = Pick<NarratedStep, 'event' | 'question'>

/**
 * The step a playhead position stands for: the last step reached by then. The start of the run,
 * or any instant before the first step, is the title card.
 */
export function stepAt(steps: readonly Step[], index: number): number {
  if (index <= 0) return INTRO
  let at = INTRO
  steps.forEach((s, i) => {
    if (s.event !== null && s.event <= index) at = i
  })
  return at
}

/** Whether this step waits for its question's answer before the walkthrough moves past it. */
export function holds(
  steps: readonly Step[],
  cursor: number,
  revealed: ReadonlySet<number>,
): boolean {
  const q = steps[cursor]?.question ?? null
  return q !== null && !revealed.has(cursor)
}

export type Move = 'next' | 'prev' | 'first' | 'last'

/**
 * Where a move goes from `cursor`: a cursor, or 'held' when an unrevealed question stands in the
 * way. Moving past either end stays put.
 */
export function moveFrom(
  steps: readonly Step[],
  cursor: number,
  revealed: ReadonlySet<number>,
  move: Move,
): number | 'held' {
  const last = steps.length - 1
  switch (move) {
    case 'prev':
      return Math.max(INTRO, cursor - 1)
    case 'first':
      return steps.length > 0 ? 0 : INTRO
    case 'next':
      if (holds(steps, cursor, revealed)) return 'held'
      return Math.min(last, cursor + 1)
    case 'last': {
      if (holds(steps, cursor, revealed)) return 'held'
      // Stop at the first question ahead that has not been answered yet.
      for (let i = Math.max(0, cursor + 1); i < last; i++) if (holds(steps, i, revealed)) return i
      return Math.max(cursor, last)
    }
  }
}

/** The playhead for a cursor: the title card is the start; a step never reached leaves it be. */
export function playheadFor(steps: readonly Step[], cursor: number, current: number): number {
  if (cursor === INTRO) return 0
  return steps[cursor]?.event ?? current
}
