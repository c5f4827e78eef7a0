/**
 * The worker's practice handler: makes the problem for a seed (and kind) with the same generator
 * the command line uses, so a seed gives the same problem in both. A bad seed or kind becomes an
 * error message, never a thrown exception in the worker.
 */
import { PRACTICE_KINDS } from '../../src/practice/kinds'
import { isPracticeSeed, makeProblem, MAX_PRACTICE_SEED } from '../../src/practice/problem'
import type { FromWorker, ProblemMessage } from './protocol'

export function problemReply(m: ProblemMessage): FromWorker {
  if (!isPracticeSeed(m.seed))
    return {
      type: 'error',
      id: m.id,
      message: `A practice seed is a whole number from 0 to ${MAX_PRACTICE_SEED}.`,
    }
  if (m.kind !== null && !PRACTICE_KINDS.includes(m.kind))
    return { type: 'error', id: m.id, message: `There is no kind of problem “${String(m.kind)}”.` }
  return { type: 'problem', id: m.id, problem: makeProblem(m.seed, m.kind ?? undefined) }
}
