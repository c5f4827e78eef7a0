/**
 * What a "possible" reason says about each write, on the two problems a review found wrong: a
 * durable write is never "did not reach stable storage" (another write landed over it), and a
 * block that a racing durable write could still change is never "there for sure".
 */
import { describe, expect, it } from 'vitest'
import { makeProblem } from './problem'

const reason = (seed: number, kind: 'which-images' | 'reverse', id: string): string =>
  makeProblem(seed, kind).answers.find((a) => a.id === id)?.reason ?? ''

describe('possible reasons', () => {
  it('seed 99 which-images: W3 and W4 raced on block 8 and both completed on a disk without a write cache', () => {
    // Image C shows W4 in block 8, image D shows W3: both durable, whichever landed last shows.
    expect(reason(99, 'which-images', 'C')).toBe(
      'possible: W4 is durable; W1 reached stable storage; W3 is durable, but W4 landed over it; W2 is durable, but W1 landed over it',
    )
    expect(reason(99, 'which-images', 'D')).toBe(
      'possible: W3 is durable; W1 reached stable storage; W2 is durable, but W1 landed over it; W4 is durable, but W3 landed over it',
    )
  })

  it('seed 40 reverse: W1 and W3 completed (durable) and W2 raced with them, so block 5 is not sure', () => {
    expect(reason(40, 'reverse', 'E')).toBe(
      'possible: W2 is durable; W1 is durable, but W2 landed over it; W3 is durable, but W2 landed over it; W4 did not reach stable storage',
    )
    // Before W3 completed, whether it landed under W2 cannot be seen.
    expect(reason(40, 'reverse', 'C')).toContain('W3 may have landed under W2')
  })

  it('says "there for sure" where nothing can land over the write', () => {
    // Seed 0: W3 completed with nothing racing it on block 5.
    expect(reason(0, 'which-images', 'A')).toMatch(/^possible: W3 is there for sure \(durable\)/)
  })
})
