/** `problem --seed N [--kind K] [--answers] [--json]`: a seeded practice problem (OSTEP's -s and -c). */
import { PRACTICE_KINDS, type PracticeKind } from '../practice/kinds'
import { isPracticeSeed, makeProblem, MAX_PRACTICE_SEED } from '../practice/problem'
import { problemText } from '../practice/text'
import { stringOption, UsageError, type Args } from './args'
import type { Out } from './commands'

export const PROBLEM_USAGE = `  problem --seed N [--kind ${PRACTICE_KINDS.join('|')}] [--answers] [--json]
                                                  a seeded practice problem; --answers adds the answers`

function seedOf(args: Args): number {
  const text = args.options.get('seed')
  if (text === undefined)
    throw new UsageError(`problem needs --seed N, a whole number from 0 to ${MAX_PRACTICE_SEED}`)
  const seed = typeof text === 'string' && /^\d{1,10}$/.test(text) ? Number(text) : NaN
  if (!isPracticeSeed(seed))
    throw new UsageError(
      `--seed must be a whole number from 0 to ${MAX_PRACTICE_SEED}, got ${text === true ? 'nothing' : JSON.stringify(text)}`,
    )
  return seed
}

function kindOf(args: Args): PracticeKind | undefined {
  const kind = stringOption(args, 'kind')
  if (kind !== undefined && !(PRACTICE_KINDS as readonly string[]).includes(kind))
    throw new UsageError(
      `--kind must be one of ${PRACTICE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`,
    )
  return kind as PracticeKind | undefined
}

export function problemCommand(args: Args, out: Out): void {
  if (args.positional.length > 0)
    throw new UsageError(
      `problem takes no file or scenario, got ${JSON.stringify(args.positional[0])}; the seed makes the scenario`,
    )
  const problem = makeProblem(seedOf(args), kindOf(args))
  // The JSON is the whole problem, answers included: it is what the app shows and checks against.
  out(
    args.options.has('json')
      ? JSON.stringify(problem, null, 2)
      : problemText(problem, args.options.has('answers')),
  )
}
