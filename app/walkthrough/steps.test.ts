/**
 * The walkthrough's stepping rules, on made-up step lists and on a built-in's real narration:
 * which step a playhead stands for, where each key goes, and that a question holds "next" and
 * "last" until its answer is revealed while "back" never waits.
 */
import { describe, expect, it } from 'vitest'
import type { AnsweredQuestion } from '../../src/engine'
import { viewOf } from '../data/payload.testkit'
import { holds, INTRO, moveFrom, playheadFor, stepAt } from './steps'

const Q: AnsweredQuestion = {
  kind: 'durable',
  prompt: 'Is it durable?',
  choices: ['yes', 'no'],
  correct: [1],
  explanation: 'because',
}
// Steps at events 3, 8 (a question), 8, 15 (a question), and one never reached.
const STEPS = [
  { event: 3, question: null },
  { event: 8, question: Q },
  { event: 8, question: null },
  { event: 15, question: Q },
  { event: null, question: null },
]
const NONE: ReadonlySet<number> = new Set()

describe('stepAt', () => {
  it('is the title card at the start and before the first step', () => {
    expect(stepAt(STEPS, 0)).toBe(INTRO)
    expect(stepAt(STEPS, 2)).toBe(INTRO)
  })
  it('is the last step reached by the playhead', () => {
    expect(stepAt(STEPS, 3)).toBe(0)
    expect(stepAt(STEPS, 7)).toBe(0)
    expect(stepAt(STEPS, 8)).toBe(2)
    expect(stepAt(STEPS, 100)).toBe(3)
  })
})

describe('moveFrom', () => {
  it('walks forward from the title card through every step', () => {
    let c = INTRO
    const seen: number[] = []
    const all = new Set([1, 3])
    for (let i = 0; i < 6; i++) {
      const next = moveFrom(STEPS, c, all, 'next')
      if (next === 'held' || next === c) break
      seen.push((c = next))
    }
    expect(seen).toEqual([0, 1, 2, 3, 4])
  })
  it('holds at a question until its answer is revealed', () => {
    expect(holds(STEPS, 1, NONE)).toBe(true)
    expect(moveFrom(STEPS, 1, NONE, 'next')).toBe('held')
    expect(moveFrom(STEPS, 1, new Set([1]), 'next')).toBe(2)
    expect(moveFrom(STEPS, 1, new Set([3]), 'next')).toBe('held')
  })
  it('goes back without waiting, down to the title card and no further', () => {
    expect(moveFrom(STEPS, 1, NONE, 'prev')).toBe(0)
    expect(moveFrom(STEPS, 0, NONE, 'prev')).toBe(INTRO)
    expect(moveFrom(STEPS, INTRO, NONE, 'prev')).toBe(INTRO)
  })
  it('first is the first step; last stops at the next unanswered question', () => {
    expect(moveFrom(STEPS, 3, NONE, 'first')).toBe(0)
    expect(moveFrom(STEPS, INTRO, NONE, 'last')).toBe(1)
    expect(moveFrom(STEPS, 1, NONE, 'last')).toBe('held')
    expect(moveFrom(STEPS, 1, new Set([1]), 'last')).toBe(3)
    expect(moveFrom(STEPS, 1, new Set([1, 3]), 'last')).toBe(4)
  })
  it('stays put past the last step and with no steps at all', () => {
    expect(moveFrom(STEPS, 4, NONE, 'next')).toBe(4)
    expect(moveFrom([], INTRO, NONE, 'next')).toBe(INTRO)
    expect(moveFrom([], INTRO, NONE, 'last')).toBe(INTRO)
    expect(moveFrom([], INTRO, NONE, 'first')).toBe(INTRO)
  })
})

describe('playheadFor', () => {
  it('puts the playhead on the step’s event, the start for the title card, and leaves it for a step never reached', () => {
    expect(playheadFor(STEPS, 1, 40)).toBe(8)
    expect(playheadFor(STEPS, INTRO, 40)).toBe(0)
    expect(playheadFor(STEPS, 4, 40)).toBe(40)
  })
})

describe('a built-in’s narration', () => {
  it('flush-no-drain: each step’s playhead stands for that step, and its questions hold', () => {
    const steps = viewOf('flush-no-drain', 'no-wait').p.narration
    expect(steps.length).toBeGreaterThan(2)
    steps.forEach((s, i) => {
      expect(s.event).not.toBeNull()
      // Two steps may share an event; the playhead then stands for the later one.
      const at = stepAt(steps, playheadFor(steps, i, 0))
      expect(steps[at]?.event).toBe(s.event)
      expect(holds(steps, i, NONE)).toBe(s.question !== null)
    })
  })
})
