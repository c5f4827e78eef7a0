/**
 * Checking an answer: a person learns which choice is wrong and why (the engine's reason), which
 * right choice they missed, and gets a plain "right" when the answer is the key's.
 */
import { describe, expect, it } from 'vitest'
import { checkAnswer } from './check'
import { makeProblem } from './problem'

describe('checkAnswer', () => {
  const many = makeProblem(3, 'which-images')
  const right = many.answers.filter((a) => a.correct).map((a) => a.id)
  const wrong = many.answers.filter((a) => !a.correct).map((a) => a.id)

  it('accepts the answer key and names the choices', () => {
    const f = checkAnswer(many, right)
    expect(f.ok).toBe(true)
    expect(f.summary).toMatch(/^Right: /)
    expect(f.items.filter((i) => i.mark === 'right').map((i) => i.id)).toEqual(right)
  })

  it('says which chosen image is not possible, with the reason, and which possible one was missed', () => {
    const chosen = [wrong[0] as string]
    const f = checkAnswer(many, chosen)
    expect(f.ok).toBe(false)
    expect(f.summary).toContain(`${wrong[0]} is not possible`)
    expect(f.summary).toMatch(/possible too/)
    const item = f.items.find((i) => i.id === wrong[0])
    expect(item?.mark).toBe('wrong')
    expect(item?.reason).toMatch(/^impossible: /)
    expect(f.items.filter((i) => i.mark === 'missed').map((i) => i.id)).toEqual(right)
  })

  it('judges a single choice: the right verdict, a wrong one, or none yet', () => {
    const one = makeProblem(4, 'consistent')
    const key = one.answers.find((a) => a.correct)?.id as string
    const other = one.answers.find((a) => !a.correct)?.id as string
    expect(checkAnswer(one, [key]).ok).toBe(true)
    const f = checkAnswer(one, [other])
    expect(f.ok).toBe(false)
    expect(f.summary).toContain(`${other} is not the answer`)
    expect(f.items.find((i) => i.id === other)?.mark).toBe('wrong')
    expect(checkAnswer(one, []).summary).toBe('Choose an answer first.')
  })

  it('with nothing marked, asks for a choice and reveals no answer or reason', () => {
    for (const p of [many, makeProblem(4, 'consistent'), makeProblem(5, 'reverse')]) {
      const f = checkAnswer(p, [])
      expect(f.ok).toBe(false)
      expect(f.summary).toBe(
        p.select === 'one' ? 'Choose an answer first.' : 'Mark at least one candidate first.',
      )
      expect(f.items).toEqual([])
      for (const a of p.answers) expect(f.summary).not.toContain(a.reason)
    }
  })
})
