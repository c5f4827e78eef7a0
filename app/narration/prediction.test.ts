/**
 * Predict, then reveal: how picks are made (one answer or several), how a prediction is judged,
 * and that the page's store keeps picks per step, freezes them once revealed, and forgets them
 * with the run.
 */
import { describe, expect, it } from 'vitest'
import type { AnsweredQuestion } from '../../src/engine'
import { viewOf } from '../data/payload.testkit'
import { parseAddress } from '../route/address'
import { createAppStore } from '../store/store'
import { choiceLetter, choiceOutcome, judge, NO_PICKS, pickChoice } from './prediction'

const ONE: AnsweredQuestion = {
  kind: 'durable',
  prompt: '?',
  choices: ['yes', 'no'],
  correct: [1],
  explanation: '',
}
const MANY: AnsweredQuestion = {
  kind: 'which-images',
  prompt: '?',
  choices: ['A', 'B', 'C'],
  correct: [0, 2],
  explanation: '',
}

describe('picking', () => {
  it('a one-answer question keeps one pick: another replaces it, the same again clears it', () => {
    const a = pickChoice(ONE, NO_PICKS, 0)
    expect([...a]).toEqual([0])
    expect([...pickChoice(ONE, a, 1)]).toEqual([1])
    expect(pickChoice(ONE, a, 0).size).toBe(0)
  })
  it('a many-answer question toggles each choice', () => {
    const ab = pickChoice(MANY, pickChoice(MANY, NO_PICKS, 0), 1)
    expect([...ab].sort()).toEqual([0, 1])
    expect([...pickChoice(MANY, ab, 0)]).toEqual([1])
  })
  it('ignores a choice the question does not have', () => {
    expect(pickChoice(MANY, NO_PICKS, 3)).toBe(NO_PICKS)
    expect(pickChoice(MANY, NO_PICKS, -1)).toBe(NO_PICKS)
  })
})

describe('judging', () => {
  it('is right only for exactly the correct choices', () => {
    expect(judge(MANY, new Set([0, 2]))).toBe('right')
    expect(judge(MANY, new Set([0]))).toBe('wrong')
    expect(judge(MANY, new Set([0, 1, 2]))).toBe('wrong')
    expect(judge(MANY, NO_PICKS)).toBe('none')
  })
  it('marks choices only after the reveal', () => {
    const picked = new Set([1])
    expect(choiceOutcome(MANY, picked, false, 1)).toBe('plain')
    expect(choiceOutcome(MANY, picked, true, 0)).toBe('correct')
    expect(choiceOutcome(MANY, picked, true, 1)).toBe('wrong')
    expect(choiceLetter(2)).toBe('C')
  })
})

describe('the store', () => {
  function ready() {
    const store = createAppStore(parseAddress('#scenario=flush-no-drain'))
    const view = viewOf('flush-no-drain', 'no-wait')
    store.getState().setRun('primary', { status: 'ready', key: 'k', value: view })
    const step = view.p.narration.findIndex((s) => s.question !== null)
    return { store, view, step, question: view.p.narration[step]?.question as AnsweredQuestion }
  }

  it('keeps a prediction per step and freezes it once the answer is revealed', () => {
    const { store, step, question } = ready()
    expect(step).toBeGreaterThanOrEqual(0)
    store.getState().predict(step, 0)
    expect([...(store.getState().predictions.get(step) ?? [])]).toEqual([0])
    store.getState().reveal(step)
    store.getState().predict(step, 1)
    expect([...(store.getState().predictions.get(step) ?? [])]).toEqual([0])
    expect(judge(question, store.getState().predictions.get(step) ?? NO_PICKS)).not.toBe('none')
  })

  it('ignores steps without a question', () => {
    const { store, view } = ready()
    const plain = view.p.narration.findIndex((s) => s.question === null)
    expect(plain).toBeGreaterThanOrEqual(0)
    store.getState().predict(plain, 0)
    store.getState().predict(99, 0)
    expect(store.getState().predictions.size).toBe(0)
  })

  it('forgets predictions and reveals when another run opens', () => {
    const { store, step } = ready()
    store.getState().predict(step, 0)
    store.getState().reveal(step)
    store.getState().setRoute(parseAddress('#scenario=flush-no-drain&variant=wait-then-flush'))
    expect(store.getState().predictions.size).toBe(0)
    expect(store.getState().revealed.size).toBe(0)
  })
})
