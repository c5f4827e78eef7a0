import { useEffect, useState } from 'react'
import type { AnsweredQuestion, NarratedStep } from '../../src/engine'
import type { RunView } from '../data/runView'
import { choiceLetter, judge, NO_PICKS } from '../narration/prediction'
import { useApp, useStoreApi } from '../store/context'
import { setWalk } from './enter'
import { holds, INTRO, moveFrom, playheadFor, stepAt, type Move } from './steps'

/** Where the walkthrough went last, and the playhead it put there. */
interface Chosen {
  cursor: number
  index: number
}

export interface Walk {
  steps: readonly NarratedStep[]
  cursor: number
  /** The current step waits for its answer before "next" moves on. */
  held: boolean
  /** Counts the presses of "next" refused at a question, so the hint can catch the eye again. */
  nudges: number
  move(move: Move): void
  pick(choice: number): void
  reveal(): void
  exit(): void
}

/**
 * The walkthrough's cursor and what each key does with it. The cursor follows the playhead: it is
 * the step last chosen while the playhead is still where that choice put it (two steps may share
 * an event), and otherwise the step the playhead has reached, so a click on the timeline or an
 * edited address moves the walkthrough too.
 */
export function useWalk(run: RunView): Walk {
  const store = useStoreApi()
  const steps = run.p.narration
  const index = useApp((s) => s.index)
  const revealed = useApp((s) => s.revealed)
  const [chosen, setChosen] = useState<Chosen | null>(null)
  const [nudges, setNudges] = useState(0)
  const cursor = chosen !== null && chosen.index === index ? chosen.cursor : stepAt(steps, index)
  const question = steps[cursor]?.question ?? null
  // Opening the walkthrough (or another run in it) is read out like a step.
  useEffect(() => {
    const s = store.getState()
    s.say(spoken(run, stepAt(run.p.narration, s.index)))
  }, [store, run])

  const move = (m: Move) => {
    const s = store.getState()
    const target = moveFrom(steps, cursor, s.revealed, m)
    if (target === 'held') {
      setNudges((n) => n + 1)
      s.say('Reveal the answer first: press R. Then the walkthrough moves on.')
      return
    }
    if (target === cursor) return
    const at = playheadFor(steps, target, s.index)
    setChosen({ cursor: target, index: at })
    setNudges(0)
    s.setPlaying(false)
    s.seek(at, false)
    s.say(spoken(run, target))
  }
  const pick = (choice: number) => {
    const s = store.getState()
    if (!question || s.revealed.has(cursor) || choice >= question.choices.length) return
    s.predict(cursor, choice)
    const picked = store.getState().predictions.get(cursor)
    s.say(`Choice ${choiceLetter(choice)} ${picked?.has(choice) ? 'picked' : 'unpicked'}.`)
  }
  const reveal = () => {
    const s = store.getState()
    if (!question || s.revealed.has(cursor)) return
    s.reveal(cursor)
    s.say(spokenAnswer(question, s.predictions.get(cursor)))
  }
  const exit = () => setWalk(store.getState(), false)
  return { steps, cursor, held: holds(steps, cursor, revealed), nudges, move, pick, reveal, exit }
}

/** What the live region reads for a step. */
function spoken(run: RunView, cursor: number): string {
  const steps = run.p.narration
  if (steps.length === 0)
    return `${run.p.scenario.title} has no narration to walk through. Press Escape to leave the walkthrough.`
  if (cursor === INTRO)
    return `Walkthrough of ${run.p.scenario.title}: ${steps.length} steps. Press the right arrow to begin.`
  const s = steps[cursor]
  if (!s) return ''
  return `Step ${cursor + 1} of ${steps.length}. ${s.text}${s.question ? ` Question: ${s.question.prompt}` : ''}`
}

function spokenAnswer(q: AnsweredQuestion, picked: ReadonlySet<number> | undefined): string {
  const verdict = judge(q, picked ?? NO_PICKS)
  const said =
    verdict === 'right'
      ? 'The prediction was right.'
      : verdict === 'wrong'
        ? 'The prediction was wrong.'
        : ''
  return `Answer: ${q.correct.map((i) => `${choiceLetter(i)}, ${q.choices[i] ?? ''}`).join('; ')}. ${said} ${q.explanation}`
}
