/**
 * makeProblem(seed, kind?): the practice problem for a seed, the same everywhere and forever at
 * one PRACTICE_VERSION. The kind, when not given, is the seed's own pick; a seed's problem of a
 * kind does not depend on whether the kind was named (each kind draws from its own stream).
 */
import { PRACTICE_KINDS, type PracticeKind } from './kinds'
import { mixSeed, PRACTICE_PRNG, PracticeRng } from './prng'
import type { Problem, ProblemBody } from './types'
import { PRACTICE_VERSION } from './version'
import { isPracticeSeed, MAX_PRACTICE_SEED } from './seed'

export { isPracticeSeed, MAX_PRACTICE_SEED } from './seed'
import { makeWhichImages } from './whichImages'
import { makeReverse } from './reverse'
import { makeConsistent } from './consistent'

/** Scenarios a kind may draw before giving up (never reached for seeds in the tested range). */
const ATTEMPTS = 60

const MAKERS: Record<PracticeKind, (rng: PracticeRng, seed: number) => ProblemBody | null> = {
  'which-images': makeWhichImages,
  consistent: makeConsistent,
  reverse: makeReverse,
}

/** The kind a seed picks when none is named. */
export function kindOfSeed(seed: number): PracticeKind {
  return new PracticeRng(mixSeed(seed, 0)).pick(PRACTICE_KINDS)
}

export function makeProblem(seed: number, kind?: PracticeKind): Problem {
  if (!isPracticeSeed(seed))
    throw new RangeError(
      `a practice seed is a whole number from 0 to ${MAX_PRACTICE_SEED}, got ${seed}`,
    )
  const k = kind ?? kindOfSeed(seed)
  if (!PRACTICE_KINDS.includes(k))
    throw new RangeError(
      `there is no kind of problem ${JSON.stringify(k)}; kinds are ${PRACTICE_KINDS.join(', ')}`,
    )
  const rng = new PracticeRng(mixSeed(seed, 1 + PRACTICE_KINDS.indexOf(k)))
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const body = MAKERS[k](rng, seed)
    if (body !== null)
      return { version: PRACTICE_VERSION, prng: PRACTICE_PRNG, seed, kind: k, ...body }
  }
  throw new Error(`no ${k} problem found for seed ${seed} in ${ATTEMPTS} drawn scenarios`)
}
