/**
 * makeProblem over a sampled range of seeds: every seed yields a valid problem of the promised
 * shape, small enough to solve by hand, in plain JSON; the same seed gives the same document on
 * a second call; bad seeds and kinds are refused with a message. (How long problems take is
 * measured in src/cli/problem.test.ts: this layer has no clock.)
 */
import { describe, expect, it } from 'vitest'
import { checkAnswer } from './check'
import { PRACTICE_KINDS, type PracticeKind } from './kinds'
import { kindOfSeed, makeProblem, MAX_PRACTICE_SEED } from './problem'
import type { Problem } from './types'

/** The properties every problem has, whatever its kind. */
function expectWellFormed(p: Problem): void {
  expect(p.candidates.length).toBeGreaterThanOrEqual(p.kind === 'consistent' ? 4 : 3)
  expect(p.candidates.length).toBeLessThanOrEqual(6)
  expect(p.candidates.map((c) => c.id)).toEqual(p.answers.map((a) => a.id))
  expect(p.candidates.map((c) => c.id)).toEqual(
    p.candidates.map((_, i) => String.fromCharCode(65 + i)),
  )
  expect(p.answers.some((a) => a.correct)).toBe(true)
  for (const a of p.answers) expect(a.reason.length).toBeGreaterThan(10)
  expect(p.history.length).toBeGreaterThan(0)
  expect(JSON.parse(JSON.stringify(p))).toEqual(p)
  if (p.kind === 'consistent') {
    expect(p.select).toBe('one')
    expect(p.answers.filter((a) => a.correct).length).toBeLessThanOrEqual(2)
    expect(p.image?.length).toBeGreaterThan(3)
  } else {
    expect(p.select).toBe('many')
    expect(p.blocks.length).toBeGreaterThanOrEqual(2)
    expect(p.blocks.length).toBeLessThanOrEqual(5)
    expect(
      p.threads.flatMap((t) => t.ops).filter((o) => o.label !== null).length,
    ).toBeLessThanOrEqual(7)
    // Distinct candidates: no image (or instant) is offered twice.
    const keys = p.candidates.map((c) =>
      JSON.stringify(c.kind === 'image' ? c.cells : c.kind === 'instant' ? c.instant.step : c.text),
    )
    expect(new Set(keys).size).toBe(keys.length)
  }
  // The answer key passes its own check: every right answer at once, or any one right verdict.
  const key = p.answers.filter((a) => a.correct).map((a) => a.id)
  if (p.select === 'many') expect(checkAnswer(p, key).ok).toBe(true)
  else for (const id of key) expect(checkAnswer(p, [id]).ok).toBe(true)
}

describe('makeProblem', () => {
  it(
    'gives a valid problem for each of 200 seeds, and says how large they are',
    { timeout: 300_000 },
    () => {
      const kinds: Record<string, number> = {}
      const sizes = { candidates: 0, blocks: 0, requests: 0 }
      for (let seed = 1000; seed < 1200; seed++) {
        const p = makeProblem(seed)
        expectWellFormed(p)
        kinds[p.kind] = (kinds[p.kind] ?? 0) + 1
        sizes.candidates += p.candidates.length
        if (p.kind !== 'consistent') {
          sizes.blocks += p.blocks.length
          sizes.requests += p.threads.flatMap((t) => t.ops).filter((o) => o.label !== null).length
        }
      }
      const blockProblems = 200 - (kinds.consistent ?? 0)
      console.log(
        `200 seeds: kinds ${JSON.stringify(kinds)}; ${(sizes.candidates / 200).toFixed(1)} candidates on average; ` +
          `block problems ${(sizes.blocks / blockProblems).toFixed(1)} blocks and ${(sizes.requests / blockProblems).toFixed(1)} requests on average`,
      )
      // Every kind turns up when the seed picks it.
      for (const k of PRACTICE_KINDS) expect(kinds[k]).toBeGreaterThan(30)
    },
  )

  it('gives the same document for the same seed, and another for another seed', () => {
    for (const kind of PRACTICE_KINDS) {
      expect(makeProblem(5, kind)).toEqual(makeProblem(5, kind))
      expect(makeProblem(5, kind)).not.toEqual(makeProblem(6, kind))
    }
    expect(makeProblem(12)).toEqual(makeProblem(12, kindOfSeed(12)))
  })

  it('takes every seed from 0 to 2^31 - 1 and refuses others', () => {
    expect(makeProblem(MAX_PRACTICE_SEED).seed).toBe(MAX_PRACTICE_SEED)
    for (const bad of [-1, 1.5, MAX_PRACTICE_SEED + 1, Number.NaN])
      expect(() => makeProblem(bad)).toThrow(/whole number from 0 to 2147483647/)
    expect(() => makeProblem(1, 'nope' as PracticeKind)).toThrow(/no kind of problem "nope"/)
  })
})
